import { daysBetween, formatIsoDay } from '../dates';
import { distanceInWords, formatValue } from '../units';
import type { DeliveryForecast } from './delivery';
import type { KpiForecast, KpiGoal } from './kpi-trend';
import { chanceText, signedChangeInWords, spanInWords } from './words';

/** What health needs of a forecast: whether it misses the due date, by how much, and a sentence saying so. */
export interface ForecastVerdict {
  forecast: 'delivery' | 'kpi';
  /** "the work", or the KPI's name. */
  subject: string;
  misses: boolean;
  /**
   * Days after the due date the forecast lands (0 or less: on time). Null when it lands on no date within
   * the forecast's horizon, or for a band KPI, which has no date to land on.
   */
  daysLate: number | null;
  /** It lands on no date within the forecast's horizon: the work never ends, the KPI never gets there. */
  never: boolean;
  /** A KPI's distance from its target or band on the due date, in its unit; null for delivery. */
  shortfall: number | null;
  reason: string;
}

export const KPI_VERDICT = {
  /** A band KPI whose chance of being inside its band on the due date is below this misses it. */
  bandChanceAtLeast: 0.5,
} as const;

const late = (days: number, due: string) =>
  days > 0
    ? `${spanInWords(days)} after the due date (${formatIsoDay(due)})`
    : days < 0
      ? `${spanInWords(days)} before the due date (${formatIsoDay(due)})`
      : `on the due date (${formatIsoDay(due)})`;

/**
 * Delivery misses when the likely date (as likely before as after) falls after the due date: then it is
 * more likely than not to be late. Null when there is no forecast to judge (all done, too little history,
 * no due date).
 */
export function deliveryVerdict(f: DeliveryForecast): ForecastVerdict | null {
  if (f.kind !== 'forecast' || f.dueDate === null || f.chanceByDue === null) return null;
  const chance = `a ${chanceText(f.chanceByDue)} chance of finishing by then`;
  if (f.likely === null) {
    return {
      forecast: 'delivery',
      subject: 'the work',
      misses: true,
      daysLate: null,
      never: true,
      shortfall: null,
      reason: `At this pace the work is not done within ${spanInWords(f.horizonWeeks * 7)}; it is due ${formatIsoDay(f.dueDate)} (${chance}).`,
    };
  }
  const days = daysBetween(f.dueDate, f.likely);
  return {
    forecast: 'delivery',
    subject: 'the work',
    misses: days > 0,
    daysLate: days,
    never: false,
    shortfall: null,
    reason: `At this pace the work is done around ${formatIsoDay(f.likely)}, ${late(days, f.dueDate)}; ${chance}.`,
  };
}

/**
 * A KPI misses when its trend's value on the due date falls short of the target, or outside the band, or
 * inside it with no better than an even chance (`KPI_VERDICT`).
 * How late: from the due date to the day the trend line meets the target. Null without a forecast or a goal.
 */
export function kpiVerdict(f: KpiForecast, kpi: KpiGoal): ForecastVerdict | null {
  if (f.kind !== 'forecast' || f.goal === null) return null;
  const v = (n: number) => formatValue(n, kpi.unit, kpi.customUnit);
  const onDue = `on the due date it is about ${v(f.onDueDate.expected)}`;
  const goal = f.goal;
  if (goal.kind === 'band') {
    const where = goal.expectedInside
      ? 'inside'
      : `${distanceInWords(goal.outsideBy, kpi.unit, kpi.customUnit)} ${goal.outsideBy > 0 ? 'above' : 'below'}`;
    // Inside on the day but as likely out as in is no promise to keep: the band's chance has to be more than even.
    const unlikely = goal.chance < KPI_VERDICT.bandChanceAtLeast;
    return {
      forecast: 'kpi',
      subject: kpi.name,
      misses: !goal.expectedInside || unlikely,
      daysLate: null,
      never: false,
      shortfall: Math.abs(goal.outsideBy),
      reason: `At this pace ${kpi.name} is about ${v(f.onDueDate.expected)} on the due date (${formatIsoDay(f.dueDate)}), ${where} its band of ${v(goal.min)} to ${v(goal.max)}; ${goal.expectedInside && unlikely ? 'but ' : ''}a ${chanceText(goal.chance)} chance it is inside then.`,
    };
  }
  const days = goal.trendReachesOn === null ? null : daysBetween(f.dueDate, goal.trendReachesOn);
  const short = goal.expectedReaches
    ? ''
    : `, ${distanceInWords(goal.shortfall, kpi.unit, kpi.customUnit)} short of its target`;
  const reason =
    goal.trendReachesOn === null || days === null
      ? `At this pace ${kpi.name} does not reach ${v(goal.target)}: ${f.perWeek === 0 ? 'it is not moving' : `it moves ${signedChangeInWords(f.perWeek, kpi.unit, kpi.customUnit)} a week`}; ${onDue}${short}.`
      : `At this pace ${kpi.name} reaches ${v(goal.target)} around ${formatIsoDay(goal.trendReachesOn)}, ${late(days, f.dueDate)}; ${onDue}${short}.`;
  return {
    forecast: 'kpi',
    subject: kpi.name,
    misses: !goal.expectedReaches,
    daysLate: days,
    never: days === null,
    shortfall: goal.shortfall,
    reason,
  };
}

/**
 * The verdict to lead with: a miss before an on-time forecast; among misses, one that lands on no date
 * first, then the latest. A band miss has no date and comes after the dated misses.
 */
export function worstVerdict(verdicts: readonly (ForecastVerdict | null)[]): ForecastVerdict | null {
  const rank = (v: ForecastVerdict) =>
    !v.misses ? Number.NEGATIVE_INFINITY : v.never ? Number.POSITIVE_INFINITY : (v.daysLate ?? 0);
  let worst: ForecastVerdict | null = null;
  for (const v of verdicts) if (v && (worst === null || rank(v) > rank(worst))) worst = v;
  return worst;
}
