import { Queue } from '@forge/events';
import type { RunJob } from '../domain/link-run';
import type { ChangesJob } from '../domain/nightly-plan';
import type { OutcomeCleanupJob } from '../domain/outcome-cleanup';
import type { ReconcileJob } from '../domain/reconcile-run';

/** The app's one async-events queue (manifest: consumer on `outcome-bridge-links`). */
const linksQueue = new Queue({ key: 'outcome-bridge-links' });

/**
 * Background work. `notBefore`: Jira rate-limited it until then, so it makes no call before (it may be
 * delivered earlier, the queue's delays being at most 15 minutes).
 */
export type LinksJob = (
  | { type: 'propagate'; issueKey: string }
  | RunJob
  | { type: 'rollup'; issueKey: string }
  | { type: 'forget'; issueId: string }
  | ReconcileJob
  | ChangesJob
  | OutcomeCleanupJob
  /** A ticket whose links the nightly reconciliation found the app would not have made. */
  | { type: 'repair'; issueKey: string }
  /**
   * A deleted issue: the tickets still inheriting from it are repaired. Looked for again once, later
   * (`recheck`), for inheritance written so shortly before the deletion that Jira's search did not show it.
   */
  | { type: 'inheritors'; issueKey: string; recheck: boolean }
) & { notBefore?: string };

/** Queues background work; Forge allows 50 events a push, so larger lists go in several pushes. */
export async function enqueue(jobs: LinksJob[], delayInSeconds = 0): Promise<void> {
  for (let i = 0; i < jobs.length; i += 50) {
    await linksQueue.push(
      jobs.slice(i, i + 50).map((body) => ({ body, ...(delayInSeconds > 0 ? { delayInSeconds } : {}) })),
    );
  }
}
