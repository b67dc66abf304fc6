import { enqueue, type LinksJob } from '../platform/queue';
import { getOutcome } from '../platform/storage/outcome-repository';
import { clearReconcileState } from '../platform/storage/reconcile-repository';
import { removeEntryPageOf, removeRollupOf } from '../platform/storage/rollup-repository';

type ForgetOutcomeJob = Extract<LinksJob, { type: 'forget-outcome' }>;

/** Leaves room before Forge's time limit; the next event goes on. */
const SAFETY_MS = 15_000;

/**
 * What a deleted outcome leaves in storage besides its record: one entry per ticket it counted (as many
 * as its tickets, so removed in the background, page by page across queue events), its totals, its
 * trend and any reconciliation under way. Linked tickets keep their link and show "outcome removed".
 * The deletion queues it twice, the second time later, for a reconciliation event that was under way.
 */
export async function forgetOutcome(job: ForgetOutcomeJob, remainingMs: () => number): Promise<void> {
  // Imported again under the same id since: what is stored belongs to it now.
  if (await getOutcome(job.outcomeId)) return;
  let more = true;
  do more = await removeEntryPageOf(job.outcomeId);
  while (more && remainingMs() > SAFETY_MS);
  if (more) return enqueue([job]);
  await removeRollupOf(job.outcomeId);
  await clearReconcileState(job.outcomeId);
}
