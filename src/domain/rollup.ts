import type { RollupSettings } from '../contract/outcome';
import type { Outcome } from './outcome';

export type StatusCategory = 'new' | 'indeterminate' | 'done';

/** The facts about one ticket that an outcome's rollup needs. */
export interface RollupTicket {
  id: string;
  key: string;
  /** Jira's hierarchy level: 1 epic, 0 story/task/bug, -1 subtask. */
  level: number;
  issueType: string;
  status: StatusCategory;
  points: number | null;
  dueDate: string | null;
  /** ISO instant. */
  created: string;
  /**
   * Whether the ticket's parent serves the outcome being rolled up. A subtask is left out (when subtasks
   * do not count) only because its parent counts for it; a subtask that serves an outcome its parent does
   * not (its own link, a rule) is the only place that work shows, so it counts. Callers that read the
   * ticket's links set it; left unset, the parent is taken to serve it (the rule before this was known).
   */
  parentServesOutcome?: boolean;
  /**
   * ISO instant Jira set the resolution (`resolutiondate`): the day the ticket reached Done, which the
   * delivery forecast's throughput and the release markers read. Null or unset: not resolved, or not known.
   */
  resolved?: string | null;
}

/** What one ticket adds to one outcome's rollup. Stored per ticket, so changes can be undone exactly. */
export interface Contribution {
  /**
   * Counted in delivery; epics are containers (their stories count); subtasks count when asked, or when
   * their parent does not serve the outcome (otherwise nothing would count that work).
   */
  included: boolean;
  excludedAs: 'epic' | 'subtask' | null;
  /** In the method's unit: 1 ticket, its story points (0 if unestimated), or its type's weight. */
  units: number;
  status: StatusCategory;
  /** Points method only: an included ticket without an estimate adds no points, and is listed. */
  unestimated: boolean;
  /** Due date of an included ticket that is not done, to count overdue work on any day. */
  openDue: string | null;
  /** An included ticket created on or after the outcome's start day: scope that grew while it ran. */
  addedAfterStart: boolean;
  /** The UTC day a done ticket (of any level) reached Done, from its resolution date; null otherwise. */
  doneOn: string | null;
  /** The UTC day an added-after-start ticket was created, to count growth by week; null otherwise. */
  addedOn: string | null;
  /**
   * What a done ticket ships as, for the release markers: an epic, or a ticket of level 0 (a subtask
   * ships with its parent). Null for subtasks and for tickets not done.
   */
  ships: 'epic' | 'ticket' | null;
}

/** One ticket's contribution to one outcome, kept so an update can take back exactly what it added. */
export interface RollupEntry {
  outcomeId: string;
  issueId: string;
  issueKey: string;
  contribution: Contribution;
  /**
   * The rollup version the entry was written with. A reconciliation compares it with the version before
   * it searched Jira: a later entry may be newer than the search, so the run leaves that one alone.
   */
  rollupVersion: number;
}

/**
 * Created on the start day or later (UTC calendar days). Only counted tickets are judged, so "added after
 * start" is a part of the tickets the figures count and can never exceed them.
 */
export const isAddedAfterStart = (created: string, outcomeStart: string | null): boolean =>
  outcomeStart !== null && created.slice(0, 10) >= outcomeStart;

/**
 * Bumped whenever what a ticket contributes is decided differently, so rollups stored under the old rule
 * read as needing a recompute (see `rollupBasis`). 2: "added after start" counts included tickets only,
 * from the start day on. 3: each entry keeps the day it reached Done and the day it was added, and the
 * totals the work finished, added and shipped by day (the forecasts' history).
 */
export const COUNTING_RULE = 3;

export function contributionOf(
  ticket: RollupTicket,
  settings: RollupSettings,
  outcomeStart: string | null,
): Contribution {
  const countsThroughParent = ticket.parentServesOutcome !== false;
  const excludedAs =
    ticket.level >= 1
      ? 'epic'
      : ticket.level < 0 && !settings.countSubtasks && countsThroughParent
        ? 'subtask'
        : null;
  const included = excludedAs === null;
  const addedAfterStart = included && isAddedAfterStart(ticket.created, outcomeStart);
  const doneOn = ticket.status === 'done' && ticket.resolved ? ticket.resolved.slice(0, 10) : null;
  const unestimated = included && settings.method === 'points' && ticket.points === null;
  const units = !included
    ? 0
    : settings.method === 'count'
      ? 1
      : settings.method === 'points'
        ? (ticket.points ?? 0)
        : (settings.weights[ticket.issueType] ?? 1);
  return {
    included,
    excludedAs,
    units,
    status: ticket.status,
    unestimated,
    openDue: included && ticket.status !== 'done' ? ticket.dueDate : null,
    addedAfterStart,
    doneOn,
    addedOn: addedAfterStart ? ticket.created.slice(0, 10) : null,
    ships: doneOn === null ? null : ticket.level >= 1 ? 'epic' : ticket.level === 0 ? 'ticket' : null,
  };
}

type ByStatus = Record<StatusCategory, number>;

/** An outcome's rollup totals: sums of its tickets' contributions, kept as sums so they update exactly. */
export interface RollupTotals {
  tickets: ByStatus;
  units: ByStatus;
  excluded: { epics: number; subtasks: number };
  unestimated: number;
  addedAfterStart: number;
  /** Included open tickets by due day, so "overdue" can be counted for any today. */
  openDue: Record<string, number>;
  /**
   * The forecasts' history, O(days) whatever the number of tickets: the units of included tickets that
   * reached Done by day, the units added after the start by day (what `deliveryHistoryOf` gives for the
   * same tickets), and how many epics and level-0 tickets shipped each day (the release markers).
   */
  history: DayHistory;
}

export interface DayHistory {
  doneByDay: Record<string, number>;
  addedByDay: Record<string, number>;
  epicsByDay: Record<string, number>;
  ticketsByDay: Record<string, number>;
}

export const emptyHistory = (): DayHistory => ({
  doneByDay: {},
  addedByDay: {},
  epicsByDay: {},
  ticketsByDay: {},
});

const none = (): ByStatus => ({ new: 0, indeterminate: 0, done: 0 });

export const emptyTotals = (): RollupTotals => ({
  tickets: none(),
  units: none(),
  excluded: { epics: 0, subtasks: 0 },
  unestimated: 0,
  addedAfterStart: 0,
  openDue: {},
  history: emptyHistory(),
});

/** Adds (sign 1) or takes away (sign −1) one contribution; never mutates `totals`. */
export function applyContribution(totals: RollupTotals, c: Contribution, sign: 1 | -1): RollupTotals {
  const next: RollupTotals = {
    tickets: { ...totals.tickets },
    units: { ...totals.units },
    excluded: { ...totals.excluded },
    unestimated: totals.unestimated,
    addedAfterStart: totals.addedAfterStart + (c.addedAfterStart ? sign : 0),
    openDue: { ...totals.openDue },
    history: historyWith(totals.history, c, sign),
  };
  if (!c.included) {
    if (c.excludedAs === 'epic') next.excluded.epics += sign;
    else next.excluded.subtasks += sign;
    return next;
  }
  next.tickets[c.status] += sign;
  next.units[c.status] = round(next.units[c.status] + sign * c.units);
  if (c.unestimated) next.unestimated += sign;
  if (c.openDue) {
    const left = (next.openDue[c.openDue] ?? 0) + sign;
    if (left === 0) delete next.openDue[c.openDue];
    else next.openDue[c.openDue] = left;
  }
  return next;
}

/** Adds `amount` to a day's bucket in place; a bucket that comes to nothing is removed, as a recount has none. */
function bump(byDay: Record<string, number>, day: string | null, amount: number): void {
  if (day === null || amount === 0) return;
  const left = round((byDay[day] ?? 0) + amount);
  if (left === 0) delete byDay[day];
  else byDay[day] = left;
}

/** One contribution's days added to (sign 1) or taken from (sign −1) the history, in place. */
function addHistory(h: DayHistory, c: Contribution, sign: 1 | -1): void {
  if (c.included) {
    bump(h.doneByDay, c.doneOn, sign * c.units);
    if (c.addedAfterStart) bump(h.addedByDay, c.addedOn, sign * c.units);
  }
  if (c.ships === 'epic') bump(h.epicsByDay, c.doneOn, sign);
  else if (c.ships === 'ticket') bump(h.ticketsByDay, c.doneOn, sign);
}

function historyWith(h: DayHistory, c: Contribution, sign: 1 | -1): DayHistory {
  const next: DayHistory = {
    doneByDay: { ...h.doneByDay },
    addedByDay: { ...h.addedByDay },
    epicsByDay: { ...h.epicsByDay },
    ticketsByDay: { ...h.ticketsByDay },
  };
  addHistory(next, c, sign);
  return next;
}

/** A full recompute, in one pass: what reconciliation does and what incremental updates must equal. */
export function rollupOf(
  tickets: Iterable<RollupTicket>,
  settings: RollupSettings,
  outcomeStart: string | null,
): RollupTotals {
  const totals = emptyTotals();
  for (const ticket of tickets) addInPlace(totals, contributionOf(ticket, settings, outcomeStart));
  return totals;
}

/** The one-pass fold behind `rollupOf`, mutating an accumulator it owns (no copies per ticket). */
export function addInPlace(totals: RollupTotals, c: Contribution): void {
  if (c.addedAfterStart) totals.addedAfterStart++;
  addHistory(totals.history, c, 1);
  if (!c.included) {
    if (c.excludedAs === 'epic') totals.excluded.epics++;
    else totals.excluded.subtasks++;
    return;
  }
  totals.tickets[c.status]++;
  totals.units[c.status] = round(totals.units[c.status] + c.units);
  if (c.unestimated) totals.unestimated++;
  if (c.openDue) totals.openDue[c.openDue] = (totals.openDue[c.openDue] ?? 0) + 1;
}

/** Merges two partial rollups (pages of the same outcome reconciled separately). */
export function mergeTotals(a: RollupTotals, b: RollupTotals): RollupTotals {
  const openDue = { ...a.openDue };
  for (const [day, n] of Object.entries(b.openDue)) openDue[day] = (openDue[day] ?? 0) + n;
  const sum = (x: ByStatus, y: ByStatus): ByStatus => ({
    new: round(x.new + y.new),
    indeterminate: round(x.indeterminate + y.indeterminate),
    done: round(x.done + y.done),
  });
  return {
    tickets: sum(a.tickets, b.tickets),
    units: sum(a.units, b.units),
    excluded: {
      epics: a.excluded.epics + b.excluded.epics,
      subtasks: a.excluded.subtasks + b.excluded.subtasks,
    },
    unestimated: a.unestimated + b.unestimated,
    addedAfterStart: a.addedAfterStart + b.addedAfterStart,
    openDue,
    history: {
      doneByDay: sumByDay(a.history.doneByDay, b.history.doneByDay),
      addedByDay: sumByDay(a.history.addedByDay, b.history.addedByDay),
      epicsByDay: sumByDay(a.history.epicsByDay, b.history.epicsByDay),
      ticketsByDay: sumByDay(a.history.ticketsByDay, b.history.ticketsByDay),
    },
  };
}

function sumByDay(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) {
  const sum = { ...a };
  for (const [day, n] of Object.entries(b)) bump(sum, day, n);
  return sum;
}

export const totalOf = (s: ByStatus) => round(s.new + s.indeterminate + s.done);

/** Share of the work done, in the method's unit; null when there is no work to measure. */
export function deliveryRatio(totals: RollupTotals): number | null {
  const total = totalOf(totals.units);
  return total > 0 ? totals.units.done / total : null;
}

/** Included tickets still open whose due day is before `today` (YYYY-MM-DD). */
export function overdueCount(totals: RollupTotals, today: string): number {
  let n = 0;
  for (const [day, count] of Object.entries(totals.openDue)) if (day < today) n += count;
  return n;
}

/** How many tickets the totals hold: each counts once, by its status or as excluded. */
export const ticketsCounted = (totals: RollupTotals): number =>
  totalOf(totals.tickets) + totals.excluded.epics + totals.excluded.subtasks;

/**
 * The fewest tickets whose contributions must differ for `stored` to become `fresh`: a lower bound of how
 * many tickets a page showing `stored` got wrong. A ticket that moved status adds one to a bucket and
 * takes one from another, so each measure counts the larger of what it gained and what it lost; a
 * difference only in points or weights still means at least one ticket was wrong.
 */
export function ticketsOff(stored: RollupTotals, fresh: RollupTotals): number {
  const moved = (pairs: [number, number][]) => {
    let gained = 0;
    let lost = 0;
    for (const [a, b] of pairs) {
      if (b > a) gained += b - a;
      else lost += a - b;
    }
    return Math.max(gained, lost);
  };
  const statuses = ['new', 'indeterminate', 'done'] as const;
  const days = [...new Set([...Object.keys(stored.openDue), ...Object.keys(fresh.openDue)])];
  const byCount = moved([
    ...statuses.map((k): [number, number] => [stored.tickets[k], fresh.tickets[k]]),
    [stored.excluded.epics, fresh.excluded.epics],
    [stored.excluded.subtasks, fresh.excluded.subtasks],
  ]);
  const unitsDiffer = statuses.some((k) => round(stored.units[k] - fresh.units[k]) !== 0);
  const byDay = (pick: (h: DayHistory) => Record<string, number>) => {
    const a = pick(stored.history);
    const b = pick(fresh.history);
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].map((d): [number, number] => [
      a[d] ?? 0,
      b[d] ?? 0,
    ]);
  };
  const historyUnitsDiffer = [byDay((h) => h.doneByDay), byDay((h) => h.addedByDay)].some((pairs) =>
    pairs.some(([a, b]) => round(a - b) !== 0),
  );
  return Math.max(
    moved(byDay((h) => h.epicsByDay)),
    moved(byDay((h) => h.ticketsByDay)),
    historyUnitsDiffer ? 1 : 0,
    byCount,
    Math.abs(stored.unestimated - fresh.unestimated),
    Math.abs(stored.addedAfterStart - fresh.addedAfterStart),
    moved(days.map((d): [number, number] => [stored.openDue[d] ?? 0, fresh.openDue[d] ?? 0])),
    unitsDiffer ? 1 : 0,
  );
}

/** Sums of points keep two decimals: story points are small numbers, and float noise must not show. */
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * How the counted set is chosen, in the words of the rule: the one sentence every surface explains
 * delivery (and the overdue and added-after-start counts, which are parts of it) with.
 */
export function countingRuleInWords(countSubtasks: boolean): string {
  return countSubtasks
    ? 'Epics count through their stories. Subtasks count on their own for this outcome, as its settings ask: a story and each of its subtasks count as separate tickets (a story with two subtasks counts three).'
    : 'Epics count through their stories, and subtasks through their parent ticket, so no work is counted twice; a subtask that serves this outcome while its parent does not counts on its own.';
}

/** What contributions were computed from: a change of either means the rollup needs a recompute. */
export const rollupBasis = ({ rollup, startDate }: Pick<Outcome, 'rollup' | 'startDate'>) =>
  JSON.stringify([
    COUNTING_RULE,
    rollup.method,
    rollup.countSubtasks,
    // Weights count only for the weights method; a weight of 1 is what an unlisted type weighs anyway.
    rollup.method === 'weights'
      ? Object.entries(rollup.weights)
          .filter(([, weight]) => weight !== 1)
          .sort(([a], [b]) => a.localeCompare(b))
      : [],
    startDate,
  ]);

/** Whether two contributions (null: none) are the same. */
export const sameContribution = (a: Contribution | null, b: Contribution | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** The totals with one ticket's contribution replaced: `previous` taken back, `next` added (null: none). */
export function replaceContribution(
  totals: RollupTotals,
  previous: Contribution | null,
  next: Contribution | null,
): RollupTotals {
  const without = previous ? applyContribution(totals, previous, -1) : totals;
  return next ? applyContribution(without, next, 1) : without;
}
