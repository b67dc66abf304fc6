import type { Outcome } from '../domain/outcome';
import {
  type Correction,
  correctedTotals,
  finishPatch,
  leftCorrections,
  pageCorrections,
  type ReadTicket,
  type ReconcileJob,
  type ReconcilePage,
  type ReconcileState,
  servingPage,
  staleCorrections,
  step,
  stillAsSeen,
  sumsEntries,
} from '../domain/reconcile-run';
import { type RollupEntry, type RollupTicket, type RollupTotals, rollupBasis } from '../domain/rollup';
import { MAX_WRITE_TRIES, overtaken, type RollupStore } from './rollup-executor';

/**
 * Stale-entry checks take this many entries at a time (Jira is asked about 50 at a time, as it has them
 * now). Jira
 * Cloud's search can fail on `id in (…)` lists of a few thousand operands (JRACLOUD-84010), so well below.
 */
export const SWEEP_BATCH = 1000;
/** An event stops early to leave room before Forge's time limit; the next event continues. */
export const SAFETY_MS = 15_000;

/**
 * Which of the outcome's tickets a page reads, newest first: a full pass reads them all (from where a
 * parked pass stopped); a changes check, those updated in the last minutes.
 */
export type TicketScope = { createdMinutesAgo: number | null } | { updatedWithinMinutes: number };

/** What a reconciliation reads and writes: the rollup storage, Jira's search, its own state and the queue. */
export interface ReconcilePort extends RollupStore {
  getState(outcomeId: string): Promise<ReconcileState | null>;
  saveState(state: ReconcileState): Promise<void>;
  clearState(outcomeId: string): Promise<void>;
  getOutcome(outcomeId: string): Promise<Outcome | null>;
  kpiIdsOf(outcomeId: string): Promise<Set<string>>;
  /**
   * A page of the tickets whose links name the outcome, in any project (so tickets of other projects that
   * name it are found in the same pages: they are not counted, and are repaired).
   */
  ticketsPage(
    outcome: Outcome,
    scope: TicketScope,
    pageToken: string | null,
    now: Date,
  ): Promise<{ tickets: ReadTicket[]; nextPageToken: string | null }>;
  /**
   * These tickets as Jira has them now, read after any write (the search lags behind writes), of those
   * whose links still name the outcome.
   */
  ticketsNow(outcome: Outcome, issueIds: readonly string[]): Promise<ReadTicket[]>;
  /**
   * Of these tickets, those that still serve the outcome (in its projects, its links naming it), as Jira
   * has them now: a ticket linked seconds ago, which the lagging search does not show yet, keeps its entry.
   */
  stillServing(outcome: Outcome, issueIds: readonly string[]): Promise<Set<string>>;
  /** Queues the repair of tickets whose links were written past the app (see `rematerialize`). */
  repair(issueKeys: readonly string[]): Promise<void>;
  enqueue(job: ReconcileJob): Promise<void>;
  /** The day's figures for the trend, from the totals just set. */
  snapshot(outcome: Outcome, totals: RollupTotals, now: Date): Promise<void>;
}

/**
 * Recomputes one outcome's rollup from Jira, page by page, spread over as many queue events as the
 * outcome's size needs. Tickets' stored contributions are corrected where they drifted and removed for
 * tickets that no longer serve the outcome, each correction moving the totals by its difference in the
 * same guarded write as a live update does, so updates made while the run goes on are kept. Last, the
 * totals are set to the sum of the stored entries (in case the totals themselves drifted from them), with
 * how much the run corrected; then a snapshot. The decisions are `step` and its helpers; this does the I/O.
 */
export async function runReconcile(
  job: ReconcileJob,
  port: ReconcilePort,
  remainingMs: () => number,
  now: Date,
): Promise<void> {
  let state = await port.getState(job.outcomeId);
  // Superseded by a newer run, or parked for the next night (an event delivered twice).
  if (!state || state.runId !== job.runId || state.parked) return;
  const outcome = await port.getOutcome(job.outcomeId);
  if (!outcome) return port.clearState(job.outcomeId);
  // The links say whether a subtask's parent serves the outcome too, and whether they name KPIs of another.
  const kpiIds = await port.kpiIdsOf(outcome.id);
  // One step always (so every event makes progress), more while time is left.
  for (;;) {
    const page = await readAndWrite(port, state, outcome, kpiIds, now);
    const result = step(state, page);
    state = result.state;
    if (result.done) {
      await port.clearState(outcome.id);
      return;
    }
    if (result.goOn === 'park') return port.saveState(state);
    if (page.type === 'totals') await port.pause(state.finishTries);
    if (result.goOn === 'now') continue;
    if (remainingMs() <= SAFETY_MS) break;
  }
  await port.saveState(state);
  await port.enqueue(job);
}

/** One step's I/O: a page of tickets, a batch of the sweep, or the totals. */
async function readAndWrite(
  port: ReconcilePort,
  state: ReconcileState,
  outcome: Outcome,
  kpiIds: ReadonlySet<string>,
  now: Date,
): Promise<ReconcilePage> {
  if (state.phase === 'tickets') {
    const versionBefore = (await port.getRollup(outcome.id))?.version ?? 0;
    const page = await port.ticketsPage(
      outcome,
      { createdMinutesAgo: state.createdMinutesAgo },
      state.pageToken,
      now,
    );
    const done = await correctPage(port, outcome, kpiIds, page.tickets, versionBefore, now);
    const last = page.tickets.at(-1);
    return {
      type: 'tickets',
      ...done,
      read: page.tickets.length,
      oldestCreated: last ? last.ticket.created : null,
      next: page.nextPageToken
        ? { pageToken: page.nextPageToken }
        : { storedTotals: (await port.getRollup(outcome.id))?.totals ?? null },
    };
  }
  if (state.phase === 'sweep') {
    const found: RollupEntry[] = [];
    let cursor = state.cursor;
    // Within what is left of the night's share, so a night's reading and sweeping stay within it.
    const batch = Math.min(SWEEP_BATCH, state.allowance ?? SWEEP_BATCH);
    do {
      const page = await port.entryPage(outcome.id, cursor);
      found.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor && found.length < batch);
    const removed =
      found.length > 0
        ? await correct(
            port,
            outcome,
            staleCorrections(
              found,
              await port.stillServing(
                outcome,
                found.map((e) => e.issueId),
              ),
            ),
            now,
          )
        : [];
    return { type: 'sweep', checked: found.length, removed: removed.length, nextCursor: cursor };
  }
  return { type: 'totals', written: await setTotals(port, state, outcome, now) };
}

/**
 * Corrects the entries of a page of read tickets: repairs what was written past the app, and rewrites the
 * entries that differ from what the tickets contribute now. Returns how many counted, how many had an
 * entry, and the corrections made.
 */
export async function correctPage(
  port: ReconcilePort,
  outcome: Outcome,
  kpiIds: ReadonlySet<string>,
  read: readonly ReadTicket[],
  versionBefore: number,
  now: Date,
): Promise<{ tickets: number; hadEntry: number; applied: Correction[] }> {
  const { tickets, outside, repair } = servingPage(outcome, kpiIds, read);
  if (repair.length > 0) await port.repair(repair);
  const stored = await port.entriesOf(
    outcome.id,
    [...tickets, ...outside].map((t) => t.id),
  );
  const drifted = (page: { tickets: RollupTicket[]; outside: RollupTicket[] }) => [
    ...pageCorrections(outcome, page.tickets, stored, versionBefore),
    ...leftCorrections(page.outside, stored, versionBefore),
  ];
  // Jira's search lags behind writes: what looks like drift may be a ticket changed seconds ago, whose
  // entry a live update already made from the ticket as it is now. Those tickets are read again as Jira
  // has them now and corrected only if they still differ; the sweep decides on any that left the outcome.
  const suspects = drifted({ tickets, outside });
  const confirmed =
    suspects.length === 0
      ? []
      : drifted(
          servingPage(
            outcome,
            kpiIds,
            await port.ticketsNow(
              outcome,
              suspects.map((c) => c.issueId),
            ),
          ),
        );
  return {
    tickets: tickets.length,
    hadEntry: tickets.filter((t) => stored.has(t.id)).length,
    applied: await correct(port, outcome, confirmed, now),
  };
}

/**
 * Applies corrections a transaction at a time, each moving the totals by its difference under the rollup's
 * version (see writeEntries), retrying when a live update got in first. An entry no longer as the run saw it
 * was rewritten by a live update after the run read Jira: that update is at least as new, so it stays.
 * Returns the corrections made.
 */
async function correct(
  port: ReconcilePort,
  outcome: Outcome,
  corrections: readonly Correction[],
  now: Date,
): Promise<Correction[]> {
  const made: Correction[] = [];
  for (let i = 0; i < corrections.length; i += port.entriesPerWrite) {
    const chunk = corrections.slice(i, i + port.entriesPerWrite);
    for (let attempt = 1; ; attempt++) {
      const rollup = await port.readRollup(outcome.id, rollupBasis(outcome));
      const current = await port.entriesOf(
        outcome.id,
        chunk.map((c) => c.issueId),
      );
      const still = stillAsSeen(chunk, current);
      if (still.length === 0) break;
      const changes = still.map((c) => ({
        outcomeId: outcome.id,
        issueId: c.issueId,
        issueKey: c.issueKey,
        previous: c.seen,
        next: c.next,
      }));
      if (await port.writeEntries(rollup, correctedTotals(rollup.totals, still), changes, now)) {
        made.push(...still);
        break;
      }
      if (attempt >= MAX_WRITE_TRIES) throw overtaken();
      await port.pause(attempt);
    }
  }
  return made;
}

/**
 * Sets the totals to the sum of the stored entries, which the run has just brought in line with Jira and
 * live updates keep current, guarded by the rollup's version so no update made during the sum is lost;
 * then the day's snapshot. False when a live update got in first: the run tries again (in a later event
 * if time is short). After a few such tries it keeps the totals as they are (see `sumsEntries`).
 */
async function setTotals(
  port: ReconcilePort,
  state: ReconcileState,
  outcome: Outcome,
  now: Date,
): Promise<boolean> {
  const summing = sumsEntries(state);
  const basis = rollupBasis(outcome);
  for (let attempt = 1; ; attempt++) {
    const stored = await port.readRollup(outcome.id, basis);
    const totals = summing ? (await port.sumOfEntries(outcome.id)).totals : stored.totals;
    if (await port.writeEntries(stored, totals, [], now, finishPatch(state, stored, totals, basis, now))) {
      await port.snapshot(outcome, totals, now);
      return true;
    }
    if (summing) return false;
    // Without the sum the write follows its read at once: only a burst of updates delays it.
    if (attempt >= MAX_WRITE_TRIES) throw overtaken();
    await port.pause(attempt);
  }
}
