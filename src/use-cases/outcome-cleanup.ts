import { cleanupStep, type OutcomeCleanupJob } from '../domain/outcome-cleanup';
import { enqueue } from '../platform/queue';
import { removeDecisionsOf } from '../platform/storage/decision-repository';
import { getOutcome } from '../platform/storage/outcome-repository';
import { clearReconcileState } from '../platform/storage/reconcile-repository';
import { removeEntryPageOf, removeRollupOf } from '../platform/storage/rollup-repository';

/** Leaves room before Forge's time limit; the next event goes on. */
const SAFETY_MS = 15_000;

/** What the clean-up reads and writes (storage and the queue in the app; a store of its own in tests). */
export interface CleanupPort {
  outcomeExists(outcomeId: string): Promise<boolean>;
  /** Removes one page of the outcome's ticket entries; says whether more are left. */
  removeEntryPage(outcomeId: string): Promise<boolean>;
  /** Removes the totals, the trend and the decisions, and any reconciliation under way. */
  removeRest(outcomeId: string): Promise<void>;
  enqueue(job: OutcomeCleanupJob): Promise<void>;
}

/**
 * What a deleted outcome leaves in storage besides its record: one entry per ticket it counted (as many
 * as its tickets, so removed in the background, page by page across queue events), its totals, its
 * trend, its decisions and any reconciliation under way. Linked tickets keep their link and show "outcome removed".
 * The deletion queues it twice, the second time later, for a reconciliation event that was under way.
 */
export async function runOutcomeCleanup(
  job: OutcomeCleanupJob,
  port: CleanupPort,
  remainingMs: () => number,
): Promise<void> {
  // Imported again under the same id since: what is stored belongs to it now.
  if (await port.outcomeExists(job.outcomeId)) return;
  for (;;) {
    const more = await port.removeEntryPage(job.outcomeId);
    const next = cleanupStep(more, remainingMs() > SAFETY_MS);
    if (next === 'queue-again') return port.enqueue(job);
    if (next === 'finish') return port.removeRest(job.outcomeId);
  }
}

/** Queue consumer: the next pages of a deleted outcome's clean-up, in Forge storage. */
export const forgetOutcome = (job: OutcomeCleanupJob, remainingMs: () => number): Promise<void> =>
  runOutcomeCleanup(
    job,
    {
      outcomeExists: async (outcomeId) => (await getOutcome(outcomeId)) !== null,
      removeEntryPage: removeEntryPageOf,
      removeRest: async (outcomeId) => {
        await removeRollupOf(outcomeId);
        await removeDecisionsOf(outcomeId);
        await clearReconcileState(outcomeId);
      },
      enqueue: (next) => enqueue([next]),
    },
    remainingMs,
  );
