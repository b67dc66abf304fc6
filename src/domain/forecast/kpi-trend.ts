import { dayNumber, dayOfNumber, daysBetween, formatIsoDay, instantDays } from '../dates';
import type { Kpi } from '../kpi';
import { wholePercent } from '../percent';
import { distanceInWords, formatNumber, formatValue, plural } from '../units';
import { fitLine, type LineFit, lineAt, predictionSpread, studentTCdf, studentTQuantile } from './statistics';
import { chanceText, type Explanation, spanInWords } from './words';

/** One value of a KPI at a time: a check-in, or a value Jira computed. */
export interface KpiPoint {
  /** ISO instant or day. */
  at: string;
  value: number;
}

export type KpiGoal = Pick<
  Kpi,
  'name' | 'direction' | 'target' | 'bandMin' | 'bandMax' | 'unit' | 'customUnit'
>;

export interface KpiForecastInput {
  kpi: KpiGoal;
  series: readonly KpiPoint[];
  today: string;
  /** The KPI's due date (or its outcome's, when the KPI has none). */
  dueDate: string | null;
  /** Share of futures the range on the due date holds; 0.8 unless asked. */
  level?: number;
}

export const KPI_FORECAST = {
  /** Values on three days are the fewest that give a line and a scatter around it. */
  minPoints: 3,
  level: 0.8,
  /** A trend that reaches its target later than this is "not within" it. */
  horizonDays: 3650,
} as const;

export interface TargetOutlook {
  kind: 'target';
  target: number;
  direction: 'increase' | 'decrease';
  /** Whether the trend's value on the due date meets the target. */
  expectedReaches: boolean;
  /** How far the trend's value on the due date falls short of the target (0 when it meets it). */
  shortfall: number;
  /** The chance the KPI meets the target on the due date, if it keeps to the trend and its scatter. */
  chance: number;
  /** The change a week needed from the latest value to the target by the due date; 0 when already there; null when no time is left. */
  neededPerWeek: number | null;
  /** The day the trend line meets the target (today if it already has); null if it moves away or not within ten years. */
  trendReachesOn: string | null;
}

export interface BandOutlook {
  kind: 'band';
  min: number;
  max: number;
  expectedInside: boolean;
  /** How far outside the band the trend's value on the due date is (negative below, positive above, 0 inside). */
  outsideBy: number;
  /** The chance the KPI is inside the band on the due date. */
  chance: number;
}

export type KpiForecast =
  | { kind: 'not-enough-data'; points: number; needed: number; explanation: Explanation }
  | { kind: 'no-due-date'; explanation: Explanation }
  | { kind: 'due-passed'; dueDate: string; explanation: Explanation }
  | {
      kind: 'forecast';
      points: number;
      /** Days of the first and last values the trend was fitted to. */
      from: string;
      to: string;
      latest: KpiPoint;
      /** The trend: change a week, in the KPI's unit. */
      perWeek: number;
      /** The values' scatter around the trend line (their residual standard deviation). */
      scatter: number;
      dueDate: string;
      onDueDate: { expected: number; low: number; high: number; level: number; spread: number };
      goal: TargetOutlook | BandOutlook | null;
      explanation: Explanation;
    };

/**
 * One value a day, the day's last, in time order (values that are not numbers left out). A KPI computed
 * from Jira is recorded every hour, and 24 values of one day are not 24 independent measurements: counted
 * as such they would make every range look far surer than it is.
 */
export function dailyValues(series: readonly KpiPoint[]): KpiPoint[] {
  const byDay = new Map<string, KpiPoint>();
  for (const p of [...series].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    if (Number.isFinite(p.value)) byDay.set(p.at.slice(0, 10), p);
  }
  return [...byDay.values()];
}

/**
 * Where the KPI lands on its due date if it keeps its trend: a least-squares line through its values,
 * carried to the due date, with the prediction range of a new value there (Student's t with n − 2
 * degrees of freedom: the textbook interval, exact when the KPI scatters around a straight line with
 * normal, even noise). Then the target or band: the chance of meeting it, the pace needed from today
 * against the pace shown, and the day the trend meets the target.
 */
export function forecastKpi(input: KpiForecastInput): KpiForecast {
  const { kpi, today, dueDate } = input;
  const level = input.level ?? KPI_FORECAST.level;
  const points = dailyValues(input.series);
  const v = (n: number) => formatValue(n, kpi.unit, kpi.customUnit);
  if (dueDate === null) {
    return {
      kind: 'no-due-date',
      explanation: {
        summary: `${kpi.name} has no due date, so there is no day to forecast it for.`,
        method: 'A forecast carries the KPI’s trend to its due date.',
        working: [],
        caveats: [],
      },
    };
  }
  const dueIn = daysBetween(today, dueDate);
  const latest = points[points.length - 1];
  if (dueIn < 0) {
    return {
      kind: 'due-passed',
      dueDate,
      explanation: {
        summary: `${kpi.name} was due ${formatIsoDay(dueDate)}; ${latest ? `its latest value is ${v(latest.value)}` : 'it has no value'}.`,
        method: 'The due date has passed: there is nothing left to forecast.',
        working: [],
        caveats: [],
      },
    };
  }
  const fit =
    points.length >= KPI_FORECAST.minPoints
      ? fitLine(
          points.map((p) => instantDays(p.at)),
          points.map((p) => p.value),
        )
      : null;
  if (!fit || !latest || fit.residualSd === null) {
    return {
      kind: 'not-enough-data',
      points: points.length,
      needed: KPI_FORECAST.minPoints,
      explanation: {
        summary: `Not enough values to forecast ${kpi.name} yet: it has values on ${plural(points.length, 'day')}, and a trend needs values on at least ${KPI_FORECAST.minPoints}.`,
        method:
          'The forecast fits a straight line through the KPI’s values, one a day. With fewer, there is no telling a trend from the scatter around it.',
        working: [`Days with a value: ${points.length}.`],
        caveats: [],
      },
    };
  }

  const dueX = dayNumber(dueDate);
  const expected = lineAt(fit, dueX);
  const spread = predictionSpread(fit, dueX) ?? 0;
  const q = studentTQuantile(1 - (1 - level) / 2, fit.n - 2);
  const onDueDate = { expected, low: expected - q * spread, high: expected + q * spread, level, spread };
  // The chance a value on the due date is at most, or at least, x; with no scatter, certain either way.
  const chances: Chances = {
    atMost: (x) => (spread > 0 ? studentTCdf((x - expected) / spread, fit.n - 2) : expected <= x ? 1 : 0),
    atLeast: (x) =>
      spread > 0 ? 1 - studentTCdf((x - expected) / spread, fit.n - 2) : expected >= x ? 1 : 0,
  };
  const goal = outlook(kpi, fit, latest, chances, expected, dayNumber(today), dueIn);
  const forecast = {
    kind: 'forecast' as const,
    points: fit.n,
    from: (points[0] as KpiPoint).at.slice(0, 10),
    to: latest.at.slice(0, 10),
    latest,
    perWeek: fit.slope * 7,
    scatter: fit.residualSd ?? 0,
    dueDate,
    onDueDate,
    goal,
  };
  return { ...forecast, explanation: explainKpi(forecast, kpi, fit, q, today) };
}

interface Chances {
  atMost: (x: number) => number;
  atLeast: (x: number) => number;
}

function outlook(
  kpi: KpiGoal,
  fit: LineFit,
  latest: KpiPoint,
  chances: Chances,
  expected: number,
  todayX: number,
  dueIn: number,
): TargetOutlook | BandOutlook | null {
  if (kpi.direction === 'maintain') {
    if (kpi.bandMin === null || kpi.bandMax === null) return null;
    const outsideBy =
      expected < kpi.bandMin ? expected - kpi.bandMin : expected > kpi.bandMax ? expected - kpi.bandMax : 0;
    return {
      kind: 'band',
      min: kpi.bandMin,
      max: kpi.bandMax,
      expectedInside: outsideBy === 0,
      outsideBy,
      // P(min ≤ Y ≤ max) = P(Y ≤ max) − P(Y < min).
      chance: Math.min(1, Math.max(0, chances.atMost(kpi.bandMax) + chances.atLeast(kpi.bandMin) - 1)),
    };
  }
  const target = kpi.target;
  if (target === null) return null;
  const up = kpi.direction === 'increase';
  const meets = (x: number) => (up ? x >= target : x <= target);
  const gap = target - latest.value;
  const towards = up ? fit.slope > 0 : fit.slope < 0;
  let trendReachesOn: string | null = null;
  if (meets(lineAt(fit, todayX))) trendReachesOn = dayOfNumber(todayX);
  else if (towards) {
    // The first whole day on or after the crossing; a crossing on a day's start, give or take rounding, is that day.
    const crossing = Math.ceil(fit.xMean + (target - fit.yMean) / fit.slope - 1e-9);
    if (crossing - todayX <= KPI_FORECAST.horizonDays) trendReachesOn = dayOfNumber(crossing);
  }
  return {
    kind: 'target',
    target,
    direction: up ? 'increase' : 'decrease',
    expectedReaches: meets(expected),
    shortfall: meets(expected) ? 0 : Math.abs(target - expected),
    chance: up ? chances.atLeast(target) : chances.atMost(target),
    neededPerWeek: meets(latest.value) ? 0 : dueIn > 0 ? gap / (dueIn / 7) : null,
    trendReachesOn,
  };
}

type KpiFigures = Omit<Extract<KpiForecast, { kind: 'forecast' }>, 'explanation'>;

function explainKpi(f: KpiFigures, kpi: KpiGoal, fit: LineFit, q: number, today: string): Explanation {
  const v = (n: number) => formatValue(n, kpi.unit, kpi.customUnit);
  const by = (n: number) => distanceInWords(n, kpi.unit, kpi.customUnit);
  const due = formatIsoDay(f.dueDate);
  const { expected, low, high, level, spread } = f.onDueDate;
  const likely =
    spread === 0
      ? 'its values lie on a straight line, so there is no range around it'
      : `${wholePercent(level)}% likely between ${v(low)} and ${v(high)}`;
  const moved = (perWeek: number) =>
    perWeek === 0 ? 'has not moved' : `has ${perWeek > 0 ? 'risen' : 'fallen'} ${by(perWeek)} a week`;
  const goal = f.goal;
  let verdict = '';
  let pace = '';
  if (goal?.kind === 'target') {
    verdict = goal.expectedReaches
      ? `it meets its target of ${v(goal.target)}; the chance it does is ${chanceText(goal.chance)}`
      : `${by(goal.shortfall)} short of its target of ${v(goal.target)}; the chance it meets it is ${chanceText(goal.chance)}`;
    const shown = f.perWeek;
    const needed = goal.neededPerWeek;
    if (needed === 0) pace = ` It has reached its target; it needs to stay there.`;
    else if (needed !== null) {
      const toward = needed > 0 === shown > 0 && shown !== 0;
      const share = toward ? shown / needed : 0;
      pace = ` To meet it, it needs to ${needed > 0 ? 'rise' : 'fall'} ${by(needed)} a week from now; it ${moved(shown)} since ${formatIsoDay(f.from)}${toward ? (share >= 1 ? ', fast enough' : `, ${wholePercent(share)}% of the pace needed`) : shown === 0 ? '' : ', the wrong way'}.`;
    }
  } else if (goal?.kind === 'band') {
    const where = goal.expectedInside
      ? 'inside'
      : `${by(goal.outsideBy)} ${goal.outsideBy > 0 ? 'above' : 'below'}`;
    verdict = `${where} its band of ${v(goal.min)} to ${v(goal.max)}; the chance it is inside on that day is ${chanceText(goal.chance)}`;
  } else {
    verdict = 'it has no target or band to compare with';
  }
  const summary = `If the trend holds, ${kpi.name} is about ${v(expected)} on ${due} (${likely}): ${verdict}.${pace}`;

  const working = [
    `Values: ${f.points} (one a day, the day’s last), from ${formatIsoDay(f.from)} to ${formatIsoDay(f.to)}; the latest ${v(f.latest.value)}.`,
    `Trend: ${f.perWeek === 0 ? 'flat' : `${f.perWeek > 0 ? 'up' : 'down'} ${by(f.perWeek)} a week`} (the slope of the least-squares line).`,
    `Scatter around the line: ${by(f.scatter)} (√(sum of squared distances from the line ÷ (${f.points} − 2)) = √(${formatNumber(fit.sse)} ÷ ${f.points - 2})).`,
    `On ${due} the line gives ${v(expected)}. Its uncertainty there is ${by(spread)}: the scatter × √(1 + 1/${f.points} + (days from the values’ middle to the due date)² ÷ (sum of the values’ squared days from their middle)), so it grows the further ahead the due date is.`,
    `${formatNumber(expected)} ± ${formatNumber(q)} × ${formatNumber(spread)} = ${v(low)} to ${v(high)} (${formatNumber(q)} is Student’s t for ${wholePercent(level)} in 100 with ${f.points - 2} degrees of freedom).`,
  ];
  if (goal?.kind === 'target') {
    if (goal.neededPerWeek !== null && goal.neededPerWeek !== 0) {
      const weeks = daysBetween(today, f.dueDate) / 7;
      working.push(
        `Pace needed: (${formatNumber(goal.target)} − ${formatNumber(f.latest.value)}) ÷ ${formatNumber(weeks, 1)} weeks left = ${formatNumber(goal.neededPerWeek)} a week, against ${formatNumber(f.perWeek)} a week shown.`,
      );
    }
    working.push(
      goal.trendReachesOn === null
        ? `The trend line does not meet the target within ${spanInWords(KPI_FORECAST.horizonDays)}.`
        : `The trend line meets the target on ${formatIsoDay(goal.trendReachesOn)}.`,
      `Chance of meeting ${v(goal.target)}: the share of the range’s distribution (Student’s t around ${v(expected)}, spread ${formatNumber(spread)}) ${goal.direction === 'increase' ? 'at or above' : 'at or below'} it, ${chanceText(goal.chance)}.`,
    );
  } else if (goal?.kind === 'band') {
    working.push(
      `Chance inside ${v(goal.min)} to ${v(goal.max)}: the share of the range’s distribution between them, ${chanceText(goal.chance)}. The line is straight, so if it is inside the band now and on the due date, it is inside all the way between.`,
    );
  }
  const caveats = [
    'A straight line is an assumption: KPIs often move in steps, level off or turn, and the line does not know why the KPI moves.',
  ];
  if (f.points < 6) caveats.push(`With only ${f.points} values the line can swing a lot with the next one.`);
  const age = daysBetween(f.to, today);
  if (age > 30) caveats.push(`The latest value is ${spanInWords(age)} old.`);
  return {
    summary,
    method: `A straight line through the KPI’s values (one a day, ${f.points} days) by least squares (the line that keeps the squared distances of the values from it smallest), carried forward to the due date. The range is where the value on that day falls ${wholePercent(level)} times in 100 if the KPI keeps to the line and scatters around it as it has: the further ahead the due date and the more the values scatter, the wider it is.`,
    working,
    caveats,
  };
}
