import type { ProjectPageContract } from '@contract/project-page';
import type { OutputOf } from '@contract/surface';
import { projectPageApi } from '@shared/client';
import { useReply } from '@shared/use-reply';
import { useCallback } from 'react';

export type ProjectView = OutputOf<ProjectPageContract, 'project/load'>;

/** The project's outcomes and counts, read once (a dialog over the page); null when they could not be read. */
export async function loadProject(projectKey: string): Promise<ProjectView | null> {
  const reply = await projectPageApi('project/load', { projectKey });
  return reply.ok ? reply.data : null;
}

/** The project's outcomes with their ticket counts: loading, error (with retry) or ready. */
export function useProjectOutcomes(projectKey: string) {
  const reply = useReply(() => projectPageApi('project/load', { projectKey }), projectKey);
  const { refresh } = reply;
  /**
   * Loads the page's data again and shows it, without the loading state in between (a dialog over the
   * page waits for it). The new data, or null when it could not be loaded: the page keeps what it shows.
   */
  const fetchLatest = useCallback(async (): Promise<ProjectView | null> => {
    const latest = await refresh();
    return latest.ok ? latest.data : null;
  }, [refresh]);
  return { ...reply, fetchLatest };
}
