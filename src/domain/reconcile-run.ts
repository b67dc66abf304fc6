import type { LinksProperty } from './links';
import { createdWindowMinutes } from './nightly-plan';
import type { Outcome } from './outcome';
import {
  type Contribution,
  contributionOf,
  type RollupEntry,
  type RollupTicket,
  type RollupTotals,
  replaceContribution,
  sameContribution,
  ticketsCounted,
  ticketsOff,
} from './rollup';

/**
 * A reconciliation recomputes one outcome's rollup from Jira over as many queue events as its size needs:
 * the tickets that serve it, page by page (entries corrected where they drifted), then, when stored
 * entries may belong to tickets that left it, a sweep of the entries, then the totals set to the sum of
 * the entries. Its decisions are here; `src/use-cases/reconcile-executor.ts` does the reading and writing.
 */
export type ReconcilePhase = 'tickets' | 'sweep' | 'totals';

/** A queue event asking for the next steps of one outcome's reconciliation. */
export type ReconcileJob = { type: 'reconcile'; outcomeId: string; runId: string };

/** A reconciliation in progress, carried from one queue event to the next. */
export interface ReconcileState {
  runId: string;
  outcomeId: string;
  /** Tickets read from Jira, then stale entries swept (when needed), then the totals set from the entries. */
  phase: ReconcilePhase;
  pageToken: string | null;
  cursor: string | null;
  tickets: number;
  rewritten: number;
  /**
   * 'check': the daily reconciliation, whose corrections are drift worth showing. 'recount': a recompute
   * after the app itself changed many links or the rollup settings, where differences are expected.
   */
  reason: 'check' | 'recount';
  /** Serving tickets with an entry after the run read them: those that had one, and those it gave one. */
  known: number;
  removed: number;
  pages: number;
  startedAt: string;
  /** Times the final sum was overtaken by a live update (a busy outcome); after a few, the run stops summing. */
  finishTries: number;
  /**
   * Tickets the run may still read, or entries it may still sweep, tonight (null: no limit). A nightly check of a large site spreads its
   * full pass over several nights (`nightlyPlan`): when the night's share is read, the run parks.
   */
  allowance: number | null;
  /**
   * Where a parked pass goes on: tickets are read newest first, so the next night reads those created at
   * or before this instant (a search's page token is not documented to outlive the night).
   */
  createdBefore: string | null;
  /**
   * Tonight's reading of `createdBefore` as JQL's relative date (`created <= -Nm`), fixed when the pass
   * resumes so every page of the night's search asks the same query.
   */
  createdMinutesAgo: number | null;
  /** Waiting for the next night's share (`allowance` spent); the nightly job resumes it. */
  parked: boolean;
  /** Nights the pass has read tickets on: after more than one, tickets changed between nights. */
  nights: number;
}

/** A reconciliation as it starts: at its first page, nothing read yet. */
export const newReconcile = (
  runId: string,
  outcomeId: string,
  reason: ReconcileState['reason'],
  now: Date,
  allowance: number | null = null,
): ReconcileState => ({
  runId,
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
  allowance,
  createdBefore: null,
  createdMinutesAgo: null,
  parked: false,
  nights: 1,
});

/**
 * A run neither parked nor finished a day after it started has lost its queue event (Forge gave up
 * retrying it): the nightly plan starts the outcome afresh instead of waiting for it for ever.
 */
export const abandoned = (state: ReconcileState, now: Date): boolean =>
  !state.parked && now.getTime() - Date.parse(state.startedAt) > 24 * 60 * 60_000;

/** A parked pass given the next night's share of tickets. */
export const resumed = (state: ReconcileState, allowance: number | null, now: Date): ReconcileState => ({
  ...state,
  parked: false,
  createdMinutesAgo: state.createdBefore === null ? null : createdWindowMinutes(state.createdBefore, now),
  allowance,
  nights: state.nights + 1,
});

/** A stored entry the run found wrong (`seen`, null when missing) and what it should be (null: none). */
export interface Correction {
  issueId: string;
  issueKey: string;
  seen: RollupEntry | null;
  next: Contribution | null;
}

/** A ticket as the search for the outcome read it: its rollup facts, links and project. */
export interface ReadTicket {
  ticket: RollupTicket;
  links: LinksProperty;
  projectKey: string;
  /** Its inheritance of the outcome has lost its source (`inheritanceLost`): it is repaired. */
  inheritanceLost?: boolean;
}

/**
 * Whether a ticket's inheritance of an outcome has lost its source: it has no parent any more (its epic was
 * deleted, and Jira sends no event for the children), or its parent, as Jira has it now, no longer serves
 * the outcome (an event the app never got). The nightly check repairs it, so nothing rests on an event.
 */
export const inheritanceLost = (
  links: LinksProperty,
  outcomeId: string,
  parentId: string | null,
  parentsServing: ReadonlySet<string>,
): boolean =>
  links.inherited.some((l) => l.outcomeId === outcomeId) &&
  (parentId === null || !parentsServing.has(parentId));

/**
 * Which tickets of a page count, and which must be repaired: a link on a ticket outside the outcome's
 * projects, or naming KPIs that are not the outcome's, was written past the app; inheritance whose source
 * is gone was left by an event Jira did not send. A ticket counts when it
 * is in the outcome's projects, with whether its parent serves the outcome too (read from its links).
 */
export function servingPage(
  outcome: Pick<Outcome, 'id' | 'projectKeys'>,
  kpiIds: ReadonlySet<string>,
  read: readonly ReadTicket[],
): { tickets: RollupTicket[]; outside: RollupTicket[]; repair: string[] } {
  const inside = (r: ReadTicket) => outcome.projectKeys.includes(r.projectKey);
  return {
    outside: read.filter((r) => !inside(r)).map((r) => r.ticket),
    repair: read
      .filter((r) => !inside(r) || namesOtherKpis(r.links, outcome.id, kpiIds) || r.inheritanceLost === true)
      .map((r) => r.ticket.key),
    tickets: read.filter(inside).map(({ ticket, links }) => ({
      ...ticket,
      parentServesOutcome: links.inherited.some((l) => l.outcomeId === outcome.id),
    })),
  };
}

/** Whether a ticket's links to the outcome name KPIs that are not the outcome's. */
const namesOtherKpis = (links: LinksProperty, outcomeId: string, kpiIds: ReadonlySet<string>) =>
  [...links.own, ...links.mapped, ...links.inherited].some(
    (l) => l.outcomeId === outcomeId && l.kpiIds.some((id) => !kpiIds.has(id)),
  );

/**
 * The entries of a page's serving tickets that differ from what the tickets contribute now. An entry
 * written since the search began (after `versionBefore`) may be newer than what the search read: a live
 * update made it from the ticket as Jira has it now, so it stays (it is exactly as new, or newer).
 */
export function pageCorrections(
  outcome: Pick<Outcome, 'rollup' | 'startDate'>,
  tickets: readonly RollupTicket[],
  stored: ReadonlyMap<string, RollupEntry>,
  versionBefore: number,
): Correction[] {
  const fixes: Correction[] = [];
  for (const ticket of tickets) {
    const next = contributionOf(ticket, outcome.rollup, outcome.startDate);
    const seen = stored.get(ticket.id) ?? null;
    if ((seen?.rollupVersion ?? 0) > versionBefore) continue;
    if (!sameContribution(seen?.contribution ?? null, next))
      fixes.push({ issueId: ticket.id, issueKey: ticket.key, seen, next });
  }
  return fixes;
}

/**
 * Entries of tickets read naming the outcome but outside its projects (moved to another project): each is
 * removed, unless written since the search began (see `pageCorrections`).
 */
export const leftCorrections = (
  outside: readonly RollupTicket[],
  stored: ReadonlyMap<string, RollupEntry>,
  versionBefore: number,
): Correction[] =>
  outside.flatMap((ticket) => {
    const seen = stored.get(ticket.id);
    return seen && seen.rollupVersion <= versionBefore
      ? [{ issueId: ticket.id, issueKey: ticket.key, seen, next: null }]
      : [];
  });

/** Entries of tickets Jira no longer finds serving the outcome: each is removed. */
export const staleCorrections = (found: readonly RollupEntry[], still: ReadonlySet<string>): Correction[] =>
  found
    .filter((e) => !still.has(e.issueId))
    .map((e) => ({ issueId: e.issueId, issueKey: e.issueKey, seen: e, next: null }));

/**
 * The corrections whose entry is still as the run saw it. One no longer so was rewritten by a live update
 * after the run read Jira: that update is at least as new, so it stays.
 */
export const stillAsSeen = (
  corrections: readonly Correction[],
  current: ReadonlyMap<string, RollupEntry>,
): Correction[] =>
  corrections.filter((c) =>
    sameContribution(current.get(c.issueId)?.contribution ?? null, c.seen?.contribution ?? null),
  );

/** The totals moved by every correction's difference. */
export const correctedTotals = (totals: RollupTotals, corrections: readonly Correction[]): RollupTotals =>
  corrections.reduce((sum, c) => replaceContribution(sum, c.seen?.contribution ?? null, c.next), totals);

/**
 * Whether stored entries may belong to tickets that no longer serve the outcome. Writes keep the totals
 * equal to the sum of the entries, each entry counted once, so the stored totals say how many entries
 * there are. When that equals the serving tickets found with an entry, there is no other entry, and the
 * sweep (which asks Jira about every entry) is skipped: always on a first run, and on most nights.
 * An event racing the run can hide a stray entry from this count; the next night's run finds it.
 */
export const needsSweep = (known: number, stored: RollupTotals | null): boolean =>
  stored ? ticketsCounted(stored) !== known : known > 0;

/** Sums of the entries overtaken by live updates before the run stops summing (see `finishPatch`). */
export const MAX_FINISH_TRIES = 5;

/**
 * On a busy outcome live updates can overtake every sum of its entries (a read of them all). After a few
 * tries the run keeps the totals as they are: every write keeps them equal to the entries' sum anyway,
 * and the sum only repairs totals that drifted by other means, which the next run can do.
 */
export const sumsEntries = (state: ReconcileState): boolean => state.finishTries < MAX_FINISH_TRIES;

/** What the last write of a run records besides the totals: the basis, when it ran, and what it corrected. */
export function finishPatch(
  state: ReconcileState,
  stored: { totals: RollupTotals; lastDrift: { at: string; corrected: number; tickets: number } | null },
  totals: RollupTotals,
  basis: string,
  now: Date,
) {
  // What the pages showed wrong, in tickets: entries corrected or removed, and any tickets by which the
  // totals disagreed with the entries themselves.
  const corrected = state.rewritten + state.removed + ticketsOff(stored.totals, totals);
  return {
    basis,
    reconciledAt: now.toISOString(),
    // A recount follows the app's own bulk changes: its differences are not drift, so the last check stands.
    lastDrift:
      state.reason === 'recount'
        ? stored.lastDrift
        : { at: now.toISOString(), corrected, tickets: state.tickets },
  };
}

/** What one step of a run read and wrote. */
export type ReconcilePage =
  /**
   * A page of the tickets serving the outcome: how many counted, how many of those had an entry, the
   * corrections that held, and either the next page's token or, after the last page, the stored totals.
   */
  | {
      type: 'tickets';
      tickets: number;
      /** Tickets the page returned, counted or not: what it cost against the night's share. */
      read: number;
      /** When the page's last (oldest) ticket was created: where a parked pass goes on. */
      oldestCreated: string | null;
      hadEntry: number;
      applied: readonly Correction[];
      /** After the last page: the stored totals. */
      next: { pageToken: string } | { storedTotals: RollupTotals | null };
    }
  /**
   * A batch of stored entries checked against Jira: how many were checked (what the batch cost against the
   * night's share), how many were removed, and where the next starts.
   */
  | { type: 'sweep'; checked: number; removed: number; nextCursor: string | null }
  /** The totals set from the entries, or a live update overtook the write. */
  | { type: 'totals'; written: boolean };

/** The run after a step, and what comes next. */
export interface ReconcileStep {
  state: ReconcileState;
  /** The totals are set: the run is over (its snapshot is taken and its state cleared). */
  done: boolean;
  /**
   * `now`: go on in this event whatever the time (the totals need no Jira call, so a run that just read
   * its last page sets them at once). `if-time`: go on while the event has time left, else save the run
   * and queue it again. `park`: the night's share is read; save the run for the next night.
   */
  goOn: 'now' | 'if-time' | 'park';
}

/**
 * Where the pass parks, when the night's share is read and more pages remain: at the page's oldest ticket.
 * The next night reads from there on, again reading the tickets created in that same minute (Jira compares
 * dates to the minute); if the minute is where it parked last night, the pass does not park (a burst of
 * tickets created in one minute, more than a night's share, would otherwise be read every night).
 */
function parkAt(state: ReconcileState, oldestCreated: string | null): string | null {
  if (state.allowance === null || state.allowance > 0 || oldestCreated === null) return null;
  const minute = (iso: string) => Math.floor(Date.parse(iso) / 60_000);
  if (state.createdBefore !== null && minute(state.createdBefore) === minute(oldestCreated)) return null;
  return oldestCreated;
}

/** The decision after one step: the run's counts and phase moved on by what the step did. */
export function step(state: ReconcileState, page: ReconcilePage): ReconcileStep {
  switch (page.type) {
    case 'tickets': {
      const next: ReconcileState = {
        ...state,
        rewritten: state.rewritten + page.applied.length,
        // Serving tickets with an entry now: those that had one, and those this page gave one.
        known: state.known + page.hadEntry + page.applied.filter((c) => c.seen === null).length,
        tickets: state.tickets + page.tickets,
        pages: state.pages + 1,
        pageToken: 'pageToken' in page.next ? page.next.pageToken : null,
        allowance: state.allowance === null ? null : state.allowance - page.read,
      };
      if ('pageToken' in page.next) {
        const park = parkAt(next, page.oldestCreated);
        return park
          ? {
              state: { ...next, pageToken: null, createdBefore: park, parked: true },
              done: false,
              goOn: 'park',
            }
          : { state: next, done: false, goOn: 'if-time' };
      }
      // A pass spread over nights cannot know its count exactly: tickets it read on an earlier night may
      // have left the outcome since, and tickets created after it started are not in its pages. Jira's
      // count could stand in only as an estimate ("an estimated count"), which can hide a stray entry or
      // report one that is not there, so such a pass always sweeps, within the nights' share.
      const sweep = next.nights > 1 || needsSweep(next.known, page.next.storedTotals);
      return {
        state: { ...next, phase: sweep ? 'sweep' : 'totals' },
        done: false,
        goOn: sweep ? 'if-time' : 'now',
      };
    }
    case 'sweep': {
      const next: ReconcileState = {
        ...state,
        removed: state.removed + page.removed,
        cursor: page.nextCursor,
        allowance: state.allowance === null ? null : state.allowance - page.checked,
      };
      if (page.nextCursor) {
        // The night's share spent: the sweep goes on from its cursor on the next night.
        return next.allowance !== null && next.allowance <= 0
          ? { state: { ...next, parked: true }, done: false, goOn: 'park' }
          : { state: next, done: false, goOn: 'if-time' };
      }
      return { state: { ...next, phase: 'totals' }, done: false, goOn: 'now' };
    }
    case 'totals':
      return page.written
        ? { state, done: true, goOn: 'if-time' }
        : { state: { ...state, finishTries: state.finishTries + 1 }, done: false, goOn: 'if-time' };
  }
}
