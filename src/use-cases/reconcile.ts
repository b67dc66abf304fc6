import { randomUUID } from 'node:crypto';
import { isoDay } from '../domain/clock';
import { servesOutcome } from '../domain/jql';
import { confinedJql } from '../domain/jql-syntax';
import { LINKS_PROPERTY_KEY, type LinksProperty, readLinks } from '../domain/links';
import { figuresOf } from '../domain/outcome-figures';
import {
  applyContribution,
  type Contribution,
  contributionOf,
  type RollupTotals,
  rollupBasis,
  ticketsCounted,
  ticketsOff,
} from '../domain/rollup';
import { storyPointsFieldId } from '../platform/jira/fields';
import { searchPage } from '../platform/jira/issues';
import { rollupFields, toRollupTicket } from '../platform/jira/rollup-tickets';
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
  contentionPause,
  ENTRIES_PER_WRITE,
  entriesOf,
  entryPage,
  getRollup,
  type RollupEntry,
  RollupMoved,
  readRollup,
  saveSnapshot,
  sumOfEntries,
  writeEntries,
} from '../platform/storage/rollup-repository';
import { getSettings } from '../platform/storage/settings-repository';

/** Jira's largest page when fields are requested; the reconciliation reads only the fields it needs. */
const PAGE = 100;
/**
 * Stale-entry checks ask Jira about this many tickets at once (ids only, so one page answers). Jira
 * Cloud's search can fail on `id in (…)` lists of a few thousand operands (JRACLOUD-84010), so well below.
 */
const SWEEP_BATCH = 1000;
/** An event stops early to leave room before Forge's time limit; the next event continues. */
const SAFETY_MS = 15_000;
/** Sums of the entries overtaken by live updates before the run stops summing (see `finish`). */
const MAX_FINISH_TRIES = 5;

type ReconcileJob = Extract<LinksJob, { type: 'reconcile' }>;

/** Starts recomputing outcomes from Jira, one queue event per outcome (pushed 50 at a time). */
export async function startReconcile(
  outcomeIds: readonly string[],
  reason: ReconcileState['reason'],
  now: Date,
): Promise<void> {
  const jobs: LinksJob[] = [];
  for (const outcomeId of outcomeIds) {
    const state: ReconcileState = {
      runId: randomUUID(),
      outcomeId,
      phase: 'tickets',
      pageToken: null,
      cursor: null,
      tickets: 0,
      rewritten: 0,
      removed: 0,
      pages: 0,
      startedAt: now.toISOString(),
      reason,
      known: 0,
      finishTries: 0,
    };
    await saveReconcileState(state);
    jobs.push({ type: 'reconcile', outcomeId, runId: state.runId });
  }
  await enqueue(jobs);
}

/**
 * Recomputes one outcome's rollup from Jira, page by page (paged /search/jql, only the fields the rollup
 * needs), spread over as many queue events as the outcome's size needs. Tickets' stored contributions
 * are corrected where they drifted and removed for tickets that no longer serve the outcome, each
 * correction moving the totals by its difference in the same guarded write as a live update does, so
 * updates made while the run goes on are kept. Last, the totals are set to the sum of the stored entries
 * (in case the totals themselves drifted from them), with how much the run corrected; then a snapshot.
 */
export async function processReconcile(
  job: ReconcileJob,
  remainingMs: () => number,
  now: Date,
): Promise<void> {
  const state = await getReconcileState(job.outcomeId);
  if (!state || state.runId !== job.runId) return; // superseded by a newer run
  const outcome = await getOutcome(job.outcomeId);
  if (!outcome) return clearReconcileState(job.outcomeId);
  const pointsField = await storyPointsFieldId();
  // Only tickets of the outcome's projects serve it: a link on any other ticket was written past the app.
  const serving = confinedJql(servesOutcome(outcome.id), outcome.projectKeys);
  // The links say whether a subtask's parent serves the outcome too, and whether they name KPIs of another.
  const kpiIds = new Set((await listKpisOfOutcome(outcome.id)).map((k) => k.id));

  // One step always (so every event makes progress), more while time is left.
  do {
    if (state.phase === 'tickets') {
      const versionBefore = (await getRollup(outcome.id))?.version ?? 0;
      // Read as the property names them, so tickets of other projects that name the outcome are found in
      // the same pages: they are not counted, and are repaired.
      const page = await searchPage(
        'app',
        servesOutcome(outcome.id),
        {
          fields: [...rollupFields(pointsField), 'project'],
          properties: [LINKS_PROPERTY_KEY],
          pageSize: PAGE,
        },
        state.pageToken,
      );
      const read = page.issues.map((issue) => ({
        issue,
        links: readLinks(issue.properties?.[LINKS_PROPERTY_KEY]),
        inside: outcome.projectKeys.includes(issue.fields.project?.key ?? ''),
      }));
      await repair(
        read
          .filter(({ links, inside }) => !inside || namesOtherKpis(links, outcome.id, kpiIds))
          .map(({ issue }) => issue.key),
      );
      const tickets = read
        .filter(({ inside }) => inside)
        .map(({ issue, links }) => ({
          ...toRollupTicket(issue, pointsField),
          parentServesOutcome: links.inherited.some((l) => l.outcomeId === outcome.id),
        }));
      const stored = await entriesOf(
        outcome.id,
        tickets.map((t) => t.id),
      );
      const fixes: Correction[] = [];
      for (const ticket of tickets) {
        const next = contributionOf(ticket, outcome.rollup, outcome.startDate);
        const seen = stored.get(ticket.id) ?? null;
        // An entry written since the search began may be newer than what the search read: a live update
        // made it from the ticket as Jira has it now, so it stays (it is exactly as new, or newer).
        if ((seen?.rollupVersion ?? 0) > versionBefore) continue;
        if (!sameEntry(seen, next)) fixes.push({ issueId: ticket.id, issueKey: ticket.key, seen, next });
      }
      const applied = await correct(outcome, fixes, now);
      state.rewritten += applied.length;
      // Serving tickets with an entry now: those that had one, and those this page gave one.
      state.known +=
        tickets.filter((t) => stored.has(t.id)).length + applied.filter((c) => c.seen === null).length;
      state.tickets += tickets.length;
      state.pages++;
      state.pageToken = page.nextPageToken;
      if (!page.nextPageToken) {
        state.phase = (await needsSweep(state)) ? 'sweep' : 'totals';
        // The totals need no Jira call: set them in this event, as a run that just read its last page should.
        if (state.phase === 'totals' && (await finish(state, outcome, now))) return;
      }
    } else if (state.phase === 'sweep') {
      const found: RollupEntry[] = [];
      let cursor = state.cursor;
      do {
        const page = await entryPage(outcome.id, cursor);
        found.push(...page.entries);
        cursor = page.nextCursor;
      } while (cursor && found.length < SWEEP_BATCH);
      if (found.length > 0) {
        const still = new Set<string>();
        // Ids only, so one page usually answers; follow the pages when Jira gives fewer.
        let token: string | null = null;
        do {
          const stillServing = await searchPage(
            'app',
            `id in (${found.map((e) => e.issueId).join(', ')}) AND ${serving}`,
            { fields: ['key'], pageSize: 5000 },
            token,
          );
          for (const issue of stillServing.issues) still.add(issue.id);
          token = stillServing.nextPageToken;
        } while (token);
        const stale = found
          .filter((e) => !still.has(e.issueId))
          .map((e): Correction => ({ issueId: e.issueId, issueKey: e.issueKey, seen: e, next: null }));
        state.removed += (await correct(outcome, stale, now)).length;
      }
      state.cursor = cursor;
      if (!cursor) {
        state.phase = 'totals';
        if (await finish(state, outcome, now)) return;
      }
    } else if (await finish(state, outcome, now)) {
      return;
    }
  } while (remainingMs() > SAFETY_MS);
  await saveReconcileState(state);
  await enqueue([job]);
}

type Outcome = NonNullable<Awaited<ReturnType<typeof getOutcome>>>;

/**
 * Queues the repair of tickets whose links were written past the app (see `trustedLinks`): each is brought
 * back to what the app would have written, the way an issue event brings it, by `rematerialize`.
 */
async function repair(issueKeys: readonly string[]): Promise<void> {
  if (issueKeys.length === 0) return;
  console.warn(`[outcome-bridge] repairing the links of ${issueKeys.length} ticket(s) written past the app`);
  await enqueue(issueKeys.map((issueKey): LinksJob => ({ type: 'repair', issueKey })));
}

/** Whether a ticket's links to the outcome name KPIs that are not the outcome's. */
const namesOtherKpis = (links: LinksProperty, outcomeId: string, kpiIds: ReadonlySet<string>) =>
  [...links.own, ...links.mapped, ...links.inherited].some(
    (l) => l.outcomeId === outcomeId && l.kpiIds.some((id) => !kpiIds.has(id)),
  );

/** A stored entry the run found wrong (`seen`, null when missing) and what it should be (null: none). */
interface Correction {
  issueId: string;
  issueKey: string;
  seen: RollupEntry | null;
  next: Contribution | null;
}

const sameEntry = (entry: RollupEntry | null, next: Contribution | null) =>
  JSON.stringify(entry?.contribution ?? null) === JSON.stringify(next);

/**
 * Applies corrections a transaction at a time, each moving the totals by its difference under the rollup's
 * version (see writeEntries), retrying when a live update got in first. An entry no longer as the run saw it
 * was rewritten by a live update after the run read Jira: that update is at least as new, so it stays.
 * Returns the corrections made.
 */
async function correct(
  outcome: Outcome,
  corrections: readonly Correction[],
  now: Date,
): Promise<Correction[]> {
  const made: Correction[] = [];
  for (let i = 0; i < corrections.length; i += ENTRIES_PER_WRITE) {
    const chunk = corrections.slice(i, i + ENTRIES_PER_WRITE);
    for (let attempt = 1; ; attempt++) {
      const rollup = await readRollup(outcome.id, rollupBasis(outcome));
      const current = await entriesOf(
        outcome.id,
        chunk.map((c) => c.issueId),
      );
      const still = chunk.filter((c) =>
        sameEntry(current.get(c.issueId) ?? null, c.seen?.contribution ?? null),
      );
      if (still.length === 0) break;
      let totals = rollup.totals;
      for (const c of still) {
        if (c.seen) totals = applyContribution(totals, c.seen.contribution, -1);
        if (c.next) totals = applyContribution(totals, c.next, 1);
      }
      const changes = still.map((c) => ({
        outcomeId: outcome.id,
        issueId: c.issueId,
        issueKey: c.issueKey,
        previous: c.seen,
        next: c.next,
      }));
      try {
        await writeEntries(rollup, totals, changes, now);
        made.push(...still);
        break;
      } catch (error) {
        if (!(error instanceof RollupMoved) || attempt >= 12) throw error;
        await contentionPause(attempt);
      }
    }
  }
  return made;
}

/**
 * Whether stored entries may belong to tickets that no longer serve the outcome. Writes keep the totals
 * equal to the sum of the entries, each entry counted once, so the stored totals say how many entries
 * there are. When that equals the serving tickets found with an entry, there is no other entry, and the
 * sweep (which asks Jira about every entry) is skipped: always on a first run, and on most nights.
 * An event racing the run can hide a stray entry from this count; the next night's run finds it.
 */
async function needsSweep(state: ReconcileState): Promise<boolean> {
  const known = state.known;
  const stored = await getRollup(state.outcomeId);
  return stored ? ticketsCounted(stored.totals) !== known : known > 0;
}

/**
 * Sets the totals to the sum of the stored entries, which the run has just brought in line with Jira and
 * live updates keep current, guarded by the rollup's version so no update made during the sum is lost.
 * False when a live update got in first: the caller tries again (in a later event if time is short).
 */
async function finish(state: ReconcileState, outcome: Outcome, now: Date): Promise<boolean> {
  // On a busy outcome live updates can overtake every sum of its entries (a read of them all). After a
  // few tries the run keeps the totals as they are: every write keeps them equal to the entries' sum
  // anyway, and the sum only repairs totals that drifted by other means, which the next run can do.
  const summing = state.finishTries < MAX_FINISH_TRIES;
  let totals: RollupTotals;
  for (let attempt = 1; ; attempt++) {
    const stored = await readRollup(outcome.id, rollupBasis(outcome));
    totals = summing ? (await sumOfEntries(outcome.id)).totals : stored.totals;
    // What the page showed wrong, in tickets: entries corrected or removed, and any tickets by which the
    // totals disagreed with the entries themselves.
    const corrected = state.rewritten + state.removed + ticketsOff(stored.totals, totals);
    try {
      await writeEntries(stored, totals, [], now, {
        basis: rollupBasis(outcome),
        reconciledAt: now.toISOString(),
        // A recount follows the app's own bulk changes: its differences are not drift, so the last check stands.
        lastDrift:
          state.reason === 'recount'
            ? stored.lastDrift
            : { at: now.toISOString(), corrected, tickets: state.tickets },
      });
      break;
    } catch (error) {
      if (!(error instanceof RollupMoved)) throw error;
      if (summing) {
        state.finishTries++;
        await contentionPause(state.finishTries);
        return false;
      }
      // Without the sum the write follows its read at once: only a burst of updates delays it.
      if (attempt >= 12) throw error;
      await contentionPause(attempt);
    }
  }
  const [kpis, settings] = await Promise.all([listKpisOfOutcome(outcome.id), getSettings()]);
  const figures = figuresOf(outcome, totals, kpis, settings.settings, isoDay(now));
  await saveSnapshot({
    outcomeId: outcome.id,
    day: isoDay(now),
    delivery: figures.delivery.ratio,
    kpi: figures.kpiProgress,
    elapsed: figures.elapsed,
    health: figures.health.status,
  });
  await clearReconcileState(outcome.id);
  return true;
}
