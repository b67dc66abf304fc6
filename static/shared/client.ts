import type { AdminPageContract } from '@contract/admin-page';
import type { Reply } from '@contract/envelope';
import type { IssuePanelContract } from '@contract/issue-panel';
import type { ProjectPageContract } from '@contract/project-page';
import type { InputOf, OutputOf, SurfaceContract } from '@contract/surface';
import { invoke } from '@forge/bridge';

export type Call<C extends SurfaceContract> = <K extends keyof C & string>(
  key: K,
  input: InputOf<C, K>,
) => Promise<Reply<OutputOf<C, K>>>;

/**
 * A typed `invoke` for one surface: keys and payloads are checked against the contract at compile time.
 * Only types are imported from the contract, so no schema code ships to the browser.
 * A failure to reach the resolver at all becomes the same envelope as any other error.
 */
function surfaceClient<C extends SurfaceContract>(): Call<C> {
  return async (key, input) => {
    try {
      // The resolver of this surface answers every key with the contract's reply envelope.
      return (await invoke(key, input as Record<string, unknown>)) as Reply<OutputOf<C, typeof key>>;
    } catch {
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'Outcome Bridge could not be reached. Check your connection and try again.',
          fieldErrors: [],
        },
      };
    }
  };
}

export const issuePanelApi = surfaceClient<IssuePanelContract>();
export const projectPageApi = surfaceClient<ProjectPageContract>();
export const adminPageApi = surfaceClient<AdminPageContract>();
