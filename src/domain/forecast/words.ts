import type { KpiUnit } from '../../contract/limits';
import { percentText } from '../percent';
import { formatNumber, formatValue } from '../units';

/**
 * What every forecast carries to explain itself on screen ("Why these numbers?"): the answer, the method
 * in plain words, the arithmetic with the numbers used, and what the number does not say.
 */
export interface Explanation {
  summary: string;
  method: string;
  working: string[];
  caveats: string[];
}

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;

/** A count with thousands grouped, so "8,727 of 10,000" reads alike on both sides. */
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const countText = (n: number): string => COUNT.format(Math.round(n));

/** A length of time as a person says it: days under two weeks, weeks under three months, then months, years. */
export function spanInWords(days: number): string {
  const d = Math.abs(Math.round(days));
  if (d < 14) return plural(d, 'day');
  if (d < 91) return plural(Math.round(d / 7), 'week');
  if (d < 730) return `about ${plural(Math.round(d / 30.44), 'month')}`;
  return `about ${plural(Math.round(d / 365.25), 'year')}`;
}

/** "34%" for a chance: 100% only when certain, 0% only when impossible (as every share on screen). */
export const chanceText = (share: number): string => percentText(share) ?? 'n/a';

const PERCENT_UNITS: ReadonlySet<KpiUnit> = new Set([
  'percent',
  'availability-percent',
  'error-rate-percent',
]);

/**
 * The size of a change in a KPI's unit, without sign. A change of a percentage is said in percentage
 * points: "up 2%" of a 40% rate could mean 42% or 40.8%, "up 2 percentage points" only 42%.
 */
export function changeInWords(delta: number, unit: KpiUnit | null, customUnit = ''): string {
  const size = Math.abs(delta);
  if (unit !== null && PERCENT_UNITS.has(unit)) return plural(Number(size.toFixed(3)), 'percentage point');
  return formatValue(size, unit, customUnit);
}

/** "up 2 percentage points", "down 12 ms", "unchanged". */
export function signedChangeInWords(delta: number, unit: KpiUnit | null, customUnit = ''): string {
  if (delta === 0) return 'unchanged';
  return `${delta > 0 ? 'up' : 'down'} ${changeInWords(delta, unit, customUnit)}`;
}
