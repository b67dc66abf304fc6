import { randomUUID } from 'node:crypto';
import { isoDay } from '../domain/clock';
import { servesOutcome } from '../domain/jql';
import { figuresOf } from '../domain/outcome-figures';
import {
  addInPlace,
  type Contribution,
  contributionOf,
  drift,
  emptyTotals,
  ticketsCounted,
} from '../domain/rollup';
import { storyPointsFieldId } from '../platform/jira/fields';
import { searchPage } from '../platform/jira/issues';
import { enqueue, type LinksJob } from '../platform/queue';
import { listKpisOfOutcome } from '../platform/storage/kpi-repository';
import { getOutcome } from '../platform/storage/outcome-repository';
import {
  clearReconcileState,
  getReconcileState,
  type ReconcileState,
  saveReconcileState,
} from '../platform/storage/reconcile-repository';
import {
  blankRollup,
  entriesOf,
  entryPage,
  getRollup,
  putEntries,
  removeEntries,
  saveRollup,
  saveSnapshot,
} from '../platform/storage/rollup-repository';
import { getSettings } from '../platform/storage/settings-repository';
import { rollupBasis, rollupFields, toRollupTicket } from './rollup-tickets';

/** Jira's largest page when fields are requested; the reconciliation reads only the fields it needs. */
const PAGE = 100;
/** Stale-entry checks ask Jira about this many tickets at once (ids only, so one page answers). */
const SWEEP_BATCH = 2000;
/** An event stops early to leave room before Forge's time limit; the next event continues. */
const SAFETY_MS = 15_000;

type ReconcileJob = Extract<LinksJob, { type: 'reconcile' }>;

/** Starts recomputing outcomes from Jira, one queue event per outcome (pushed 50 at a time). */
export async function startReconcile(
  outcomeIds: readonly string[],
  reason: NonNullable<ReconcileState['reason']>,
): Promise<void> {
  const jobs: LinksJob[] = [];
  for (const outcomeId of outcomeIds) {
    const state: ReconcileState = {
      runId: randomUUID(),
      outcomeId,
      phase: 'tickets',
      pageToken: null,
      cursor: null,
      partial: emptyTotals(),
      tickets: 0,
      rewritten: 0,
      removed: 0,
      pages: 0,
      startedAt: new Date().toISOString(),
      reason,
    };
    await saveReconcileState(state);
    jobs.push({ type: 'reconcile', outcomeId, runId: state.runId });
  }
  await enqueue(jobs);
}

/**
 * Recomputes one outcome's rollup from Jira, page by page (paged /search/jql, only the fields the rollup
 * needs), spread over as many queue events as the outcome's size needs. Tickets' stored contributions
 * are corrected where they drifted and removed for tickets that no longer serve the outcome; the new
 * totals replace the stored ones, with how much they corrected. Then a snapshot of the day is kept.
 */
export async function processReconcile(job: ReconcileJob, remainingMs: () => number): Promise<void> {
  const state = await getReconcileState(job.outcomeId);
  if (!state || state.runId !== job.runId) return; // superseded by a newer run
  const outcome = await getOutcome(job.outcomeId);
  if (!outcome) return clearReconcileState(job.outcomeId);
  const pointsField = await storyPointsFieldId();
  const contribution = (c: ReturnType<typeof toRollupTicket>): Contribution =>
    contributionOf(c, outcome.rollup, outcome.startDate);

  // One step always (so every event makes progress), more while time is left.
  do {
    if (state.phase === 'tickets') {
      const page = await searchPage(
        'app',
        servesOutcome(outcome.id),
        { fields: rollupFields(pointsField), pageSize: PAGE },
        state.pageToken,
      );
      const tickets = page.issues.map((i) => toRollupTicket(i, pointsField));
      const stored = await entriesOf(
        outcome.id,
        tickets.map((t) => t.id),
      );
      const fixes = [];
      for (const ticket of tickets) {
        const c = contribution(ticket);
        addInPlace(state.partial, c);
        if (JSON.stringify(stored.get(ticket.id)?.contribution) !== JSON.stringify(c)) {
          fixes.push({ outcomeId: outcome.id, issueId: ticket.id, issueKey: ticket.key, contribution: c });
        }
      }
      await putEntries(fixes);
      state.rewritten += fixes.length;
      state.known = (state.known ?? 0) + tickets.filter((t) => stored.has(t.id)).length;
      state.tickets += tickets.length;
      state.pages++;
      state.pageToken = page.nextPageToken;
      if (!page.nextPageToken) {
        if (await needsSweep(state)) state.phase = 'sweep';
        else return finish(state, outcome);
      }
    } else {
      const ids: string[] = [];
      let cursor = state.cursor;
      do {
        const page = await entryPage(outcome.id, cursor);
        ids.push(...page.entries.map((e) => e.issueId));
        cursor = page.nextCursor;
      } while (cursor && ids.length < SWEEP_BATCH);
      if (ids.length > 0) {
        const serving = await searchPage(
          'app',
          `id in (${ids.join(', ')}) AND ${servesOutcome(outcome.id)}`,
          { fields: ['key'], pageSize: 5000 },
          null,
        );
        const still = new Set(serving.issues.map((i) => i.id));
        const stale = ids
          .filter((id) => !still.has(id))
          .map((issueId) => ({ outcomeId: outcome.id, issueId }));
        await removeEntries(stale);
        state.removed += stale.length;
      }
      state.cursor = cursor;
      if (!cursor) return finish(state, outcome);
    }
  } while (remainingMs() > SAFETY_MS);
  await saveReconcileState(state);
  await enqueue([job]);
}

/**
 * Whether stored entries may belong to tickets that no longer serve the outcome. Triggers keep the totals
 * equal to the sum of the entries, each entry counted once, so the stored totals say how many entries
 * there are. When that equals the serving tickets found with an entry, there is no other entry, and the
 * sweep (which asks Jira about every entry) is skipped: always on a first run, and on most nights.
 * An event racing the run can hide a stray entry from this count; the next night's run finds it.
 */
async function needsSweep(state: ReconcileState): Promise<boolean> {
  const known = state.known ?? 0;
  const stored = await getRollup(state.outcomeId);
  return stored ? ticketsCounted(stored.totals) !== known : known > 0;
}

async function finish(state: ReconcileState, outcome: NonNullable<Awaited<ReturnType<typeof getOutcome>>>) {
  const now = new Date();
  const stored = (await getRollup(outcome.id)) ?? blankRollup(outcome.id, rollupBasis(outcome));
  // What the page showed wrong, in tickets; stale entries removed by the sweep are already part of it.
  const corrected = drift(stored.totals, state.partial);
  await saveRollup({
    ...stored,
    totals: state.partial,
    basis: rollupBasis(outcome),
    version: stored.version + 1,
    updatedAt: now.toISOString(),
    reconciledAt: now.toISOString(),
    // A recount follows the app's own bulk changes: its differences are not drift, so the last check stands.
    lastDrift:
      state.reason === 'recount'
        ? stored.lastDrift
        : { at: now.toISOString(), corrected, tickets: state.tickets },
  });
  const [kpis, settings] = await Promise.all([listKpisOfOutcome(outcome.id), getSettings()]);
  const figures = figuresOf(outcome, state.partial, kpis, settings.settings, isoDay(now));
  await saveSnapshot({
    outcomeId: outcome.id,
    day: isoDay(now),
    delivery: figures.delivery.ratio,
    kpi: figures.kpiProgress,
    elapsed: figures.elapsed,
    health: figures.health.status,
  });
  await clearReconcileState(outcome.id);
}
