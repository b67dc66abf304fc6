import type { RollupSettings } from '../../contract/outcome';
import { addDays, daysBetween, formatIsoDay } from '../dates';
import { isAddedAfterStart, type RollupTotals } from '../rollup';
import { countText, formatNumber, plural } from '../units';
import { nextState, type Random, uniformOf } from './random';
import { chanceText, type Explanation, spanInWords } from './words';

/** What delivery is counted in: the outcome's rollup method. */
export type DeliveryUnit = RollupSettings['method'];
const UNIT: Record<DeliveryUnit, [string, string]> = {
  count: ['ticket', 'tickets'],
  points: ['story point', 'story points'],
  weights: ['weighted unit', 'weighted units'],
};
const amount = (n: number, unit: DeliveryUnit) => plural(n, ...UNIT[unit]);

/** One counted ticket, as a delivery forecast needs it: when it arrived, when it reached Done, its size. */
export interface WorkItem {
  /** ISO day (or instant) it was created. */
  created: string;
  /** ISO day (or instant) it reached Done; null while it is open. */
  doneOn: string | null;
  /** Its size in the rollup's unit: 1 ticket, its points, or its weight. */
  units: number;
}

/**
 * An outcome's delivery history as day buckets: what page loads can keep up to date per ticket change
 * (like the rollup's open tickets by due day), without reading the tickets again.
 */
export interface DeliveryHistory {
  /** Units reaching Done, by ISO day. */
  doneByDay: Readonly<Record<string, number>>;
  /** Units added after the outcome's start (from its start day on, as the rollup counts them), by ISO day. */
  addedByDay: Readonly<Record<string, number>>;
  /** Units not done now. */
  remaining: number;
}

/**
 * The history of a set of counted tickets. Growth is what the rollup calls "added after start"
 * (`isAddedAfterStart`: created on the start day or later), so the forecast and the figure beside it
 * count the same tickets; work created before the start day is the scope the outcome started with.
 * Without a start date there is no telling the two apart, so no growth is recorded (and the forecast
 * says so).
 */
export function deliveryHistoryOf(items: Iterable<WorkItem>, start: string | null): DeliveryHistory {
  const doneByDay: Record<string, number> = {};
  const addedByDay: Record<string, number> = {};
  let remaining = 0;
  for (const item of items) {
    if (item.doneOn === null) remaining += item.units;
    else {
      const day = item.doneOn.slice(0, 10);
      doneByDay[day] = round((doneByDay[day] ?? 0) + item.units);
    }
    if (isAddedAfterStart(item.created, start)) {
      const created = item.created.slice(0, 10);
      addedByDay[created] = round((addedByDay[created] ?? 0) + item.units);
    }
  }
  return { doneByDay, addedByDay, remaining: round(remaining) };
}

/**
 * The same history from an outcome's stored rollup: its totals keep the work finished and added by day as
 * tickets change (`RollupTotals.history`), so a page load forecasts in O(days) without reading a ticket.
 * What is left is the work not done; a done ticket Jira gave no resolution date is done, but in no week.
 */
export const historyOfRollup = (totals: RollupTotals): DeliveryHistory => ({
  doneByDay: totals.history.doneByDay,
  addedByDay: totals.history.addedByDay,
  remaining: round(totals.units.new + totals.units.indeterminate),
});

export interface DeliveryForecastInput {
  history: DeliveryHistory;
  unit: DeliveryUnit;
  /** The outcome's start: weeks are read from then on. Null: from the first day anything happened. */
  start: string | null;
  today: string;
  dueDate: string | null;
  /** Open tickets without an estimate (points only): they add nothing to what is left, and the words say so. */
  unestimatedOpen?: number;
}

export interface DeliveryForecastOptions {
  random: Random;
  /** Simulated futures. */
  trials?: number;
  /** The most recent weeks replayed; older ones say less about the team today. */
  historyWeeks?: number;
  /** A future not done after this many weeks counts as "not within" that time. */
  horizonWeeks?: number;
}

export const DELIVERY_FORECAST = {
  trials: 10_000,
  historyWeeks: 52,
  horizonWeeks: 520,
  /** Fewer weeks with finished work than this is too little to tell a pace from luck. */
  minWeeksWithCompletions: 3,
  likely: 0.5,
  safe: 0.85,
} as const;

/** What the page shows instead of a date when there is too little history to forecast one. */
export const TOO_LITTLE_HISTORY = `Too little history: fewer than ${DELIVERY_FORECAST.minWeeksWithCompletions} weeks with completions`;

/** The weeks a forecast replays, oldest first: week i ends 7·(weeks − 1 − i) days before today. */
export interface WeeklyHistory {
  /** First day of the oldest week. */
  from: string;
  to: string;
  done: number[];
  added: number[];
  weeksWithCompletions: number;
}

export type DeliveryForecast =
  | { kind: 'done'; explanation: Explanation }
  | {
      kind: 'not-enough-history';
      weeks: WeeklyHistory;
      needed: number;
      explanation: Explanation;
    }
  | {
      kind: 'forecast';
      unit: DeliveryUnit;
      remaining: number;
      /** As likely before as after (the median of the simulated futures); null when beyond the horizon. */
      likely: string | null;
      /** Done by then in 85 of 100 simulated futures; null when beyond the horizon. */
      safe: string | null;
      dueDate: string | null;
      /** Share of the simulated futures done by the due date; null without a due date. */
      chanceByDue: number | null;
      weeks: WeeklyHistory;
      meanDone: number;
      meanAdded: number;
      trials: number;
      horizonWeeks: number;
      explanation: Explanation;
    };

/**
 * The outcome's last whole weeks, each ending on a multiple of 7 days before today (the newest ends
 * today), from the start (or the first recorded day) and no more than `maxWeeks` back. A week the start
 * cuts short is left out: it would read as a slow week.
 */
export function weeklyHistory(
  history: DeliveryHistory,
  start: string | null,
  today: string,
  maxWeeks: number = DELIVERY_FORECAST.historyWeeks,
): WeeklyHistory {
  const from =
    start ?? [...Object.keys(history.doneByDay), ...Object.keys(history.addedByDay)].sort()[0] ?? today;
  const count = Math.max(0, Math.min(maxWeeks, Math.floor((daysBetween(from, today) + 1) / 7)));
  const done = new Array<number>(count).fill(0);
  const added = new Array<number>(count).fill(0);
  const bucket = (into: number[], byDay: Readonly<Record<string, number>>) => {
    for (const [day, units] of Object.entries(byDay)) {
      const ago = daysBetween(day, today);
      if (ago < 0 || ago >= 7 * count) continue;
      const i = count - 1 - Math.floor(ago / 7);
      into[i] = round((into[i] as number) + units);
    }
  };
  bucket(done, history.doneByDay);
  bucket(added, history.addedByDay);
  return {
    from: addDays(today, -7 * count + 1),
    to: today,
    done,
    added,
    weeksWithCompletions: done.filter((d) => d > 0).length,
  };
}

/**
 * One simulated future, from its own seed: each week is a real past week picked at random, its finished
 * work taking away from what is left and its added work adding to it. Within the week that ends it, work
 * is taken to go at an even pace, so the day is the share of the week needed. The generator's state stays
 * in a local (a closure per future costs more than the future). Days after today; Infinity past the horizon.
 */
function simulate(seed: number, left0: number, net: Float64Array, horizonWeeks: number) {
  let left = left0;
  let state = seed >>> 0;
  const n = net.length;
  for (let week = 0; week < horizonWeeks; week++) {
    state = nextState(state);
    const change = net[Math.min(n - 1, Math.floor(uniformOf(state) * n))] as number;
    if (change > 0 && left <= change) return 7 * week + Math.max(1, Math.ceil((7 * left) / change));
    left -= change;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * When will the remaining work be done? A Monte Carlo forecast from the outcome's own weekly throughput
 * and scope growth. Each future draws its own seed from `random` (one draw per future), so a future
 * replays the same weeks whatever the work left: more work left can only end it later, more throughput
 * only sooner (the property tests hold the forecast to that).
 */
export function forecastDelivery(
  input: DeliveryForecastInput,
  options: DeliveryForecastOptions,
): DeliveryForecast {
  const trials = options.trials ?? DELIVERY_FORECAST.trials;
  const horizonWeeks = options.horizonWeeks ?? DELIVERY_FORECAST.horizonWeeks;
  const { unit, today, dueDate } = input;
  const remaining = input.history.remaining;
  if (remaining <= 0) {
    return {
      kind: 'done',
      explanation: {
        summary: 'All the counted work is done.',
        method: 'Nothing is left to forecast.',
        working: [],
        caveats: [],
      },
    };
  }
  const weeks = weeklyHistory(input.history, input.start, today, options.historyWeeks);
  const needed = DELIVERY_FORECAST.minWeeksWithCompletions;
  if (weeks.weeksWithCompletions < needed) {
    return { kind: 'not-enough-history', weeks, needed, explanation: tooLittle(weeks, needed) };
  }

  // What each past week did to the work left: finished minus added.
  const net = Float64Array.from(weeks.done, (d, i) => d - (weeks.added[i] as number));
  const progresses = net.some((x) => x > 0);
  const ends = new Float64Array(trials);
  for (let t = 0; t < trials; t++) {
    const seed = Math.floor(options.random() * 4_294_967_296);
    ends[t] = progresses ? simulate(seed, remaining, net, horizonWeeks) : Number.POSITIVE_INFINITY;
  }
  ends.sort();
  const dayAt = (share: number) => {
    const days = ends[Math.ceil(share * trials) - 1] as number;
    return Number.isFinite(days) ? addDays(today, days) : null;
  };
  const likely = dayAt(DELIVERY_FORECAST.likely);
  const safe = dayAt(DELIVERY_FORECAST.safe);
  let byDue: number | null = null;
  if (dueDate !== null) {
    const dueIn = daysBetween(today, dueDate);
    byDue = 0;
    for (const days of ends) if (days <= dueIn) byDue++;
  }
  const meanDone = average(weeks.done);
  const meanAdded = average(weeks.added);
  const forecast = {
    kind: 'forecast' as const,
    unit,
    remaining,
    likely,
    safe,
    dueDate,
    chanceByDue: byDue === null ? null : byDue / trials,
    weeks,
    meanDone,
    meanAdded,
    trials,
    horizonWeeks,
  };
  return { ...forecast, explanation: explainForecast(forecast, byDue, input) };
}

function tooLittle(weeks: WeeklyHistory, needed: number): Explanation {
  const span =
    weeks.done.length === 0
      ? 'the outcome has not yet run a whole week'
      : `work reached Done in ${weeks.weeksWithCompletions} of the last ${plural(weeks.done.length, 'week')}`;
  return {
    summary: `Not enough history to forecast a date yet: ${span}, and a forecast needs at least ${needed} weeks in which work was finished.`,
    method:
      'The forecast replays the outcome’s own past weeks. With fewer weeks of finished work, a date would say more about luck than about the team’s pace.',
    working: [
      weeks.done.length === 0
        ? 'Whole weeks since the start: 0.'
        : `Weeks from ${formatIsoDay(weeks.from)} to ${formatIsoDay(weeks.to)}: ${weeks.done.length}; with work finished: ${weeks.weeksWithCompletions}.`,
    ],
    caveats: [],
  };
}

type ForecastFigures = Omit<Extract<DeliveryForecast, { kind: 'forecast' }>, 'explanation'>;

function explainForecast(
  f: ForecastFigures,
  byDue: number | null,
  input: DeliveryForecastInput,
): Explanation {
  const { unit, weeks } = f;
  const within = `within ${spanInWords(f.horizonWeeks * 7)}`;
  const due = f.dueDate === null ? null : formatIsoDay(f.dueDate);
  const chance =
    f.chanceByDue === null || due === null
      ? ' The outcome has no due date to compare with.'
      : ` The chance of finishing by the due date, ${due}, is ${chanceText(f.chanceByDue)}.`;
  const summary =
    f.likely === null
      ? `At this pace the work is not likely to be done ${within}.${chance}`
      : f.safe === null
        ? `At this pace the work is likely done around ${formatIsoDay(f.likely)}, but in more than 15 of 100 simulated futures it is not done ${within}.${chance}`
        : `At this pace the work is likely done around ${formatIsoDay(f.likely)}, and by ${formatIsoDay(f.safe)} in 85 of 100 simulated futures.${chance}`;

  const net = f.meanDone - f.meanAdded;
  const growth = input.start === null ? null : weeks.added.some((a) => a > 0);
  const working = [
    `History: ${plural(weeks.done.length, 'week')}, ${formatIsoDay(weeks.from)} to ${formatIsoDay(weeks.to)}; work reached Done in ${weeks.weeksWithCompletions} of them.`,
    `Finished per week, oldest first: ${weeks.done.map((d) => formatNumber(d)).join(', ')} (on average ${amount(Number(f.meanDone.toFixed(2)), unit)}).`,
    growth === null
      ? 'Work added: not counted (no start date).'
      : growth
        ? `Added per week after the start, oldest first: ${weeks.added.map((d) => formatNumber(d)).join(', ')} (on average ${amount(Number(f.meanAdded.toFixed(2)), unit)}).`
        : 'Work added after the start: none.',
    net > 0
      ? `Left now: ${amount(f.remaining, unit)}. At the average pace the work left shrinks by ${formatNumber(f.meanDone, 2)} − ${formatNumber(f.meanAdded, 2)} = ${formatNumber(net, 2)} a week: ${formatNumber(f.remaining)} ÷ ${formatNumber(net, 2)} ≈ ${formatNumber(f.remaining / net, 1)} weeks. The simulation’s dates differ because real weeks vary.`
      : `Left now: ${amount(f.remaining, unit)}. On average as much work was added as was finished (${formatNumber(f.meanDone, 2)} − ${formatNumber(f.meanAdded, 2)} = ${formatNumber(net, 2)} a week), so at the average pace the work left does not shrink.`,
    f.likely === null
      ? `Of ${countText(f.trials)} simulated futures, fewer than half end ${within}.`
      : f.safe === null
        ? `Of ${countText(f.trials)} simulated futures, half end by ${formatIsoDay(f.likely)}; fewer than 85 of 100 end ${within}.`
        : `Of ${countText(f.trials)} simulated futures, half end by ${formatIsoDay(f.likely)} and 85 of 100 by ${formatIsoDay(f.safe)}.`,
  ];
  if (byDue !== null && due !== null && f.chanceByDue !== null) {
    working.push(
      `${countText(byDue)} of ${countText(f.trials)} futures end by the due date, ${due}: ${chanceText(f.chanceByDue)}.`,
    );
  }
  const caveats = [
    `It assumes the coming weeks look like the past ${weeks.done.length}: a change of team, of focus or of how work is split into tickets changes the pace.`,
  ];
  if (growth === null) {
    caveats.push(
      'The outcome has no start date, so work added along the way cannot be told from the work planned at the start; the forecast leaves growth out and may be early.',
    );
  }
  const unestimated = input.unestimatedOpen ?? 0;
  if (unit === 'points' && unestimated > 0) {
    caveats.push(
      `Open tickets without an estimate: ${formatNumber(unestimated)}. They add no points to what is left, so the dates are early by their work.`,
    );
  }
  return {
    summary,
    method: `A Monte Carlo simulation of ${countText(f.trials)} possible futures that replays this outcome’s own past weeks. Each simulated week is one of the last ${plural(weeks.done.length, 'real week')}, picked at random: the ${UNIT[unit][1]} finished in it take away from what is left, and the ${UNIT[unit][1]} added to the outcome in it add to it. Scope growth is part of the model: it assumes work keeps being added as it has been since the start. A future ends on the day nothing is left; the dates shown are the days by which half, and 85 of 100, of the futures have ended.`,
    working,
    caveats,
  };
}

const average = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
/** Sums of points keep two decimals, as the rollup's do. */
const round = (n: number) => Math.round(n * 100) / 100;
