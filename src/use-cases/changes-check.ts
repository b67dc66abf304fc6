import { type ChangesJob, changesWindowMinutes } from '../domain/nightly-plan';
import { rollupBasis } from '../domain/rollup';
import { correctPage, type ReconcilePort, SAFETY_MS } from './reconcile-executor';
import { MAX_WRITE_TRIES, overtaken } from './rollup-executor';

/** What a changes check reads and writes: a reconciliation's I/O, and its own queue events. */
export interface ChangesPort extends ReconcilePort {
  enqueueChanges(job: ChangesJob): Promise<void>;
}

/**
 * The nightly check of one outcome's changed tickets: those updated since its last check (`since`, with a
 * margin) are read, page by page, and their entries corrected as a full pass would (`correctPage`), so the
 * night costs points in proportion to what changed. What leaves `updated` alone (a link written past the
 * app, a deletion whose event was lost) waits for the outcome's next full pass (`nightlyPlan`). When the
 * last page is done, when the check began is recorded (the next night's window starts there) and the
 * day's figures are snapshot for the trend.
 */
export async function runChangesCheck(
  job: ChangesJob,
  port: ChangesPort,
  remainingMs: () => number,
  now: Date,
): Promise<void> {
  const outcome = await port.getOutcome(job.outcomeId);
  if (!outcome) return;
  const kpiIds = await port.kpiIdsOf(outcome.id);
  const windowMinutes = job.windowMinutes ?? changesWindowMinutes(job.since, now);
  let pageToken = job.pageToken;
  do {
    const versionBefore = (await port.getRollup(outcome.id))?.version ?? 0;
    const page = await port.ticketsPage(outcome, { updatedWithinMinutes: windowMinutes }, pageToken, now);
    await correctPage(port, outcome, kpiIds, page.tickets, versionBefore, now);
    pageToken = page.nextPageToken;
    if (pageToken && remainingMs() <= SAFETY_MS)
      return port.enqueueChanges({ ...job, windowMinutes, pageToken });
  } while (pageToken);
  const basis = rollupBasis(outcome);
  for (let attempt = 1; ; attempt++) {
    const rollup = await port.readRollup(outcome.id, basis);
    // An outcome whose contributions wait for a recount (its settings changed) is left to that recount.
    if (rollup.basis !== basis) return;
    if (await port.writeEntries(rollup, rollup.totals, [], now, { changesCheckedAt: job.startedAt })) {
      await port.snapshot(outcome, rollup.totals, now);
      return;
    }
    if (attempt >= MAX_WRITE_TRIES) throw overtaken();
    await port.pause(attempt);
  }
}
