import { Queue } from '@forge/events';

/** The app's one async-events queue (manifest: consumer on `outcome-bridge-links`). */
const linksQueue = new Queue({ key: 'outcome-bridge-links' });

export type LinksJob =
  | { type: 'propagate'; issueKey: string }
  | {
      type: 'run';
      runId: string;
      phase: RunPhase;
      pageToken: string | null;
      /** The tickets the page before gave links with one bulk call, when this page reads it again. */
      bulkWritten?: string[];
    }
  | { type: 'rollup'; issueKey: string }
  | { type: 'forget'; issueId: string }
  | { type: 'reconcile'; outcomeId: string; runId: string }
  | { type: 'forget-outcome'; outcomeId: string }
  /** A ticket whose links the nightly reconciliation found the app would not have made. */
  | { type: 'repair'; issueKey: string };

/** The phases of a run over many tickets: unlinked ones first, then linked ones, then stale rule links. */
export type RunPhase = 'absent' | 'present' | 'stale';

/** Queues background work; Forge allows 50 events a push, so larger lists go in several pushes. */
export async function enqueue(jobs: LinksJob[], delayInSeconds = 0): Promise<void> {
  for (let i = 0; i < jobs.length; i += 50) {
    await linksQueue.push(
      jobs.slice(i, i + 50).map((body) => ({ body, ...(delayInSeconds > 0 ? { delayInSeconds } : {}) })),
    );
  }
}
