import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';

export interface ForgeExtension {
  issue?: { key: string; id: string };
  project?: { key: string; id: string };
  /** Set when the app is open as a Forge modal: what the opener passed (see modal.ts). */
  modal?: unknown;
}

/**
 * The module context Jira gives the page (which issue, which project). Used only to know what to show:
 * resolvers never trust it for permissions, they check the caller themselves.
 */
export function useForgeExtension(): { extension: ForgeExtension | null; failed: boolean } {
  const [state, setState] = useState<{ extension: ForgeExtension | null; failed: boolean }>({
    extension: null,
    failed: false,
  });
  useEffect(() => {
    view
      .getContext()
      .then((context) => setState({ extension: (context.extension ?? {}) as ForgeExtension, failed: false }))
      .catch(() => setState({ extension: null, failed: true }));
  }, []);
  return state;
}
