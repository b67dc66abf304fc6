import { addDays, dayNumber, formatIsoDay, instantDays } from '../dates';
import type { Kpi } from '../kpi';
import type { RollupTotals } from '../rollup';
import { distanceInWords, formatNumber, formatValue, plural } from '../units';
import { dailyValues, type KpiPoint } from './kpi-trend';
import {
  compareMeans,
  fitLine,
  type MeansComparison,
  mean,
  sampleVariance,
  slopeSpread,
  studentTQuantile,
} from './statistics';
import { type Explanation, signedChangeInWords } from './words';

/** A day work reached Done: one or more epics (or tickets, for an outcome without epics). */
export interface Release {
  day: string;
  keys: string[];
  label: string;
}

/** A ticket of the outcome, as far as its releases go. */
export interface DoneItem {
  key: string;
  summary: string;
  /** Jira's hierarchy level: 1 epic, 0 story/task/bug, −1 subtask. */
  level: number;
  /** ISO day (or instant) it reached Done; null while open. */
  doneOn: string | null;
}

/**
 * The outcome's releases: the days its epics reached Done, or its tickets' when it has no epics (subtasks
 * ship with their parent, so they are not releases of their own). Items done the same day are one release:
 * their windows would be the same.
 */
export function releasesOf(items: Iterable<DoneItem>): { basis: 'epics' | 'tickets'; releases: Release[] } {
  const all = [...items];
  const basis = all.some((i) => i.level >= 1) ? 'epics' : 'tickets';
  const byDay = new Map<string, DoneItem[]>();
  for (const item of all) {
    if (item.doneOn === null || (basis === 'epics' ? item.level < 1 : item.level !== 0)) continue;
    const day = item.doneOn.slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  const releases = [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, done]): Release => {
      const sorted = [...done].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
      const first = sorted[0] as DoneItem;
      return {
        day,
        keys: sorted.map((i) => i.key),
        label:
          sorted.length === 1
            ? `${first.key} ${first.summary}`
            : `${sorted.map((i) => i.key).join(', ')} (${plural(sorted.length, basis === 'epics' ? 'epic' : 'ticket')})`,
      };
    });
  return { basis, releases };
}

/**
 * The same releases from an outcome's stored rollup, which keeps how many epics and level-0 tickets reached
 * Done each day (`RollupTotals.history`), so the page reads no ticket: epics when the outcome has any, its
 * tickets otherwise. The rollup keeps counts, not keys: `named` (what the viewer's own search of the work
 * done found, `releasesOf`) gives a day its keys; work the viewer cannot see is counted, never named.
 */
export function releasesOfRollup(
  totals: RollupTotals,
  named: Iterable<DoneItem> = [],
): { basis: 'epics' | 'tickets'; releases: Release[] } {
  const basis = totals.excluded.epics > 0 ? 'epics' : 'tickets';
  const byDay = basis === 'epics' ? totals.history.epicsByDay : totals.history.ticketsByDay;
  const what = basis === 'epics' ? 'epic' : 'ticket';
  const ofBasis = [...named].filter((i) => (basis === 'epics' ? i.level >= 1 : i.level === 0));
  const namedByDay = new Map(releasesOf(ofBasis).releases.map((r) => [r.day, r]));
  const releases = Object.entries(byDay)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, n]): Release => {
      const seen = namedByDay.get(day);
      if (!seen) return { day, keys: [], label: `${plural(n, what)} reaching Done` };
      const unseen = n - seen.keys.length;
      return unseen > 0
        ? { ...seen, label: `${seen.label} and ${plural(unseen, `other ${what}`)} reaching Done` }
        : seen;
    });
  return { basis, releases };
}

export type ReleaseVerdict = 'moved' | 'no-clear-change' | 'not-enough-data';

export interface WindowSummary {
  from: string;
  to: string;
  values: number;
  mean: number | null;
  /** Standard deviation of the values; null with fewer than two. */
  spread: number | null;
}

export interface ReleaseImpact {
  release: Release;
  verdict: ReleaseVerdict;
  before: WindowSummary;
  /** `complete` is false while the window after has not all passed. */
  after: WindowSummary & { complete: boolean };
  /** Average after − average before; null without values on both sides. */
  change: number | null;
  comparison: MeansComparison | null;
  /** Whether the change goes the way the KPI should go; null for a band KPI or without a change. */
  towardTarget: boolean | null;
  /** Other releases inside either window: their effects cannot be told apart from this one's. */
  overlapping: Release[];
  /** The KPI's own clear trend in the window before, a week; null when it was not clearly moving. */
  trendBefore: number | null;
  explanation: Explanation;
}

export const RELEASE_IMPACT = {
  /** The fewest values each side for a spread to compare the change against. */
  minValues: 2,
  confidence: 0.95,
  caveat: 'A change after a release is not proof that the release caused it.',
} as const;

export interface ReleaseImpactInput {
  releases: readonly Release[];
  series: readonly KpiPoint[];
  /** Days before and after each release that are compared (the admin's setting). */
  windowDays: number;
  today: string;
  kpi: Pick<Kpi, 'name' | 'direction' | 'unit' | 'customUnit'>;
}

/**
 * Did shipping move the KPI? For each release, the KPI's daily values in the `windowDays` before it and the
 * `windowDays` after it (the release day itself left out: a value that day could be from either side),
 * compared by Welch's t-test at 95%. The rule: "moved" when the difference of the two averages is more
 * than the t-test's critical value times its standard error √(s_b²/n_b + s_a²/n_a), that is, bigger than
 * the KPI's own ups and downs would make it 19 times in 20; "no clear change" otherwise; "not enough
 * data" with fewer than two values on either side (no spread to judge by).
 */
export function releaseImpacts(input: ReleaseImpactInput): ReleaseImpact[] {
  // One value a day, as for the trend: the t-test counts each value as a measurement of its own.
  const points = dailyValues(input.series).map((p) => ({
    day: dayNumber(p.at),
    x: instantDays(p.at),
    value: p.value,
  }));
  const w = input.windowDays;
  const todayN = dayNumber(input.today);
  const within = (from: number, to: number) => points.filter((p) => p.day >= from && p.day <= to);
  return input.releases.map((release) => {
    const r = dayNumber(release.day);
    const beforePoints = within(r - w, r - 1);
    const afterPoints = within(r + 1, Math.min(r + w, todayN));
    const beforeValues = beforePoints.map((p) => p.value);
    const afterValues = afterPoints.map((p) => p.value);
    const before = summary(beforeValues, addDays(release.day, -w), addDays(release.day, -1));
    const after = {
      ...summary(afterValues, addDays(release.day, 1), addDays(release.day, w)),
      complete: r + w <= todayN,
    };
    const comparison = compareMeans(beforeValues, afterValues, RELEASE_IMPACT.confidence);
    const change = before.mean === null || after.mean === null ? null : after.mean - before.mean;
    const verdict: ReleaseVerdict =
      comparison === null ? 'not-enough-data' : comparison.clear ? 'moved' : 'no-clear-change';
    const towardTarget =
      change === null || change === 0 || input.kpi.direction === 'maintain'
        ? null
        : input.kpi.direction === 'increase'
          ? change > 0
          : change < 0;
    const overlapping = input.releases.filter((o) => o !== release && Math.abs(dayNumber(o.day) - r) <= w);
    const impact = {
      release,
      verdict,
      before,
      after,
      change,
      comparison,
      towardTarget,
      overlapping,
      trendBefore: clearTrend(within(r - TREND_WINDOWS * w, r - 1)),
    };
    return { ...impact, explanation: explainImpact(impact, input) };
  });
}

function summary(values: number[], from: string, to: string): WindowSummary {
  return {
    from,
    to,
    values: values.length,
    mean: values.length === 0 ? null : mean(values),
    spread: values.length < 2 ? null : Math.sqrt(sampleVariance(values)),
  };
}

/**
 * A trend shows over a longer stretch than one window's few values: the check looks this many windows
 * back from the release.
 */
const TREND_WINDOWS = 3;

/** The slope a week of the values when it is clearly not flat (its t beyond 95%), else null. */
function clearTrend(window: { x: number; value: number }[]): number | null {
  if (window.length < 3) return null;
  const fit = fitLine(
    window.map((p) => p.x),
    window.map((p) => p.value),
  );
  if (!fit) return null;
  const se = slopeSpread(fit) ?? 0;
  const critical = studentTQuantile(0.975, fit.n - 2);
  const clear = se > 0 ? Math.abs(fit.slope / se) > critical : fit.slope !== 0;
  return clear ? fit.slope * 7 : null;
}

type ImpactFigures = Omit<ReleaseImpact, 'explanation'>;

function explainImpact(f: ImpactFigures, input: ReleaseImpactInput): Explanation {
  const { kpi, windowDays } = input;
  const v = (n: number) => formatValue(n, kpi.unit, kpi.customUnit);
  const signed = (n: number) => signedChangeInWords(n, kpi.unit, kpi.customUnit);
  const what = `${f.release.label} (${formatIsoDay(f.release.day)})`;
  const days = plural(windowDays, 'day');
  const levels =
    f.before.mean === null || f.after.mean === null || f.change === null
      ? ''
      : `from an average of ${v(f.before.mean)} in the ${days} before to ${v(f.after.mean)} in the ${days} after, ${signed(f.change)}`;
  const way = f.towardTarget === null ? '' : f.towardTarget ? ', the way it should go' : ', the wrong way';
  const summaryText =
    f.verdict === 'moved'
      ? `${kpi.name} moved after ${what}: ${levels}${way}.`
      : f.verdict === 'no-clear-change'
        ? `No clear change in ${kpi.name} after ${what}: ${levels}, within its usual ups and downs.`
        : `Not enough data to tell whether ${kpi.name} moved after ${what}: ${f.before.values} ${f.before.values === 1 ? 'value' : 'values'} in the ${days} before and ${f.after.values} after; it takes at least ${RELEASE_IMPACT.minValues} on each side.`;
  const side = (name: string, s: WindowSummary, soFar: boolean) =>
    `${name}, ${formatIsoDay(s.from)} to ${formatIsoDay(s.to)}${soFar ? ' (so far)' : ''}: ${plural(s.values, 'value')}${s.mean === null ? '' : `, average ${v(s.mean)}`}${s.spread === null ? '' : `, spread (standard deviation) ${distanceInWords(s.spread, kpi.unit, kpi.customUnit)}`}.`;
  const working = [side('Before', f.before, false), side('After', f.after, !f.after.complete)];
  const c = f.comparison;
  if (
    c &&
    f.before.mean !== null &&
    f.after.mean !== null &&
    f.before.spread !== null &&
    f.after.spread !== null
  ) {
    working.push(
      `Change: ${formatNumber(f.after.mean)} − ${formatNumber(f.before.mean)} = ${formatNumber(c.difference)}.`,
      `The difference two such averages show by chance alone: √(${formatNumber(f.before.spread)}² ÷ ${f.before.values} + ${formatNumber(f.after.spread)}² ÷ ${f.after.values}) = ${formatNumber(c.standardError)}.`,
      Number.isFinite(c.t)
        ? `${formatNumber(Math.abs(c.difference))} ÷ ${formatNumber(c.standardError)} = ${formatNumber(Math.abs(c.t), 2)}; a clear change needs more than ${formatNumber(c.critical, 2)} (Student’s t for 95% with ${formatNumber(c.dof, 1)} degrees of freedom, by Welch’s formula).`
        : 'The values did not vary at all on either side, so any difference is clear.',
    );
  }
  const caveats: string[] = [RELEASE_IMPACT.caveat];
  if (f.overlapping.length > 0) {
    caveats.push(
      `Other work also reached Done within ${days} of it (${f.overlapping.map((o) => `${o.label}, ${formatIsoDay(o.day)}`).join('; ')}): their effects cannot be told apart.`,
    );
  }
  if (!f.after.complete) caveats.push(`The ${days} after it have not all passed yet.`);
  if (f.trendBefore !== null) {
    caveats.push(
      `${kpi.name} was already ${f.trendBefore > 0 ? 'rising' : 'falling'} in the ${plural(TREND_WINDOWS * windowDays, 'day')} before it (${signed(f.trendBefore)} a week, a clear trend by the same 95% test), so some of this change may be that trend going on.`,
    );
  }
  return {
    summary: summaryText,
    method: `The KPI’s average over the ${days} before the release is compared with its average over the ${days} after (values on the release day itself are left out: they could be from either side). The change counts as clear when it is bigger than the KPI’s own ups and downs would make it 19 times in 20 (Welch’s t-test at 95%): so even when nothing changed, about 1 release in 20 would still show as moved.`,
    working,
    caveats,
  };
}
