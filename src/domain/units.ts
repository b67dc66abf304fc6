import type { KpiUnit } from '../contract/limits';

/** How each unit reads after a number. */
const LABELS: Record<Exclude<KpiUnit, 'custom'>, string> = {
  percent: '%',
  count: '',
  currency: '',
  days: 'days',
  hours: 'hours',
  minutes: 'minutes',
  score: 'points',
  'availability-percent': '% availability',
  'error-rate-percent': '% errors',
  'latency-ms': 'ms',
  'mttr-minutes': 'minutes to recover',
  'deploys-per-week': 'deploys a week',
};

export const unitLabel = (unit: KpiUnit | null, customUnit = ''): string =>
  unit === null ? '' : unit === 'custom' ? customUnit : LABELS[unit];

/** Units whose values are technical and have a business translation. */
export const TECHNICAL_UNITS: ReadonlySet<KpiUnit> = new Set([
  'availability-percent',
  'error-rate-percent',
  'latency-ms',
  'mttr-minutes',
  'deploys-per-week',
]);

/**
 * One formatter per precision and grouping: `toLocaleString` with options builds a new Intl.NumberFormat
 * on every call (tens of microseconds), which a forecast's explanation, with a hundred numbers, would feel.
 */
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(digits: number, grouping: boolean): Intl.NumberFormat {
  const key = `${digits}:${grouping}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, useGrouping: grouping });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Rounds half away from zero on the number as written, the way people round: 3.65 to one decimal is 3.7,
 * although the nearest double to 3.65 lies just below it (where `toFixed` gives 3.6).
 */
export function roundTo(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  // Numbers JavaScript writes with an exponent are far from a rounding tie at any digits shown.
  if (/e/i.test(String(value))) return Number(value.toFixed(digits));
  const shifted = Math.round(Math.abs(Number(`${value}e${digits}`)));
  const back = Number(`${shifted}e-${digits}`);
  return value < 0 ? -back : back;
}

/** A number as people write it: no float noise, at most `digits` decimals, trailing zeros dropped. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  // No KPI is measured in quadrillions: a number that large is a typo, said briefly rather than in full.
  if (Math.abs(value) >= 1e15) return value.toExponential(2).replace('e+', ' × 10^');
  const rounded = roundTo(value, digits);
  return formatter(digits, Math.abs(rounded) >= 10_000).format(rounded);
}

/** A count with thousands grouped, so "8,727 of 10,000" reads alike on both sides. */
export const countText = (n: number): string => formatter(0, true).format(Math.round(n));

/** "1 ticket", "3 tickets", "12,500 tickets": a number as `formatNumber` writes it, and its noun. */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;

/** "A", "A and B", "A, B and C" (`last` joins the final pair). */
export const wordList = (items: readonly string[], last = 'and'): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;

export const formatValue = (value: number, unit: KpiUnit | null, customUnit = ''): string =>
  valueWithLabel(value, unitLabel(unit, customUnit));

/** A value followed by its unit's label ("99.8% availability", "320 ms"), as every surface writes it. */
export function valueWithLabel(value: number, label: string): string {
  if (label === '') return formatNumber(value);
  return label.startsWith('%') ? `${formatNumber(value)}${label}` : `${formatNumber(value)} ${label}`;
}

/**
 * Units of time, smallest first: their length in seconds, and the span from which a person says a span
 * in them. Up to days these are the clock's units (under a minute in seconds, under an hour in minutes,
 * under a day in hours). Longer spans are calendar spans (how far a forecast looks): days under two
 * weeks, weeks under 13 weeks (three months), months under two years, then years; months and years vary
 * in length, so an amount in them is "about".
 */
const TIME_UNITS = [
  { name: 'millisecond', seconds: 0.001, from: 0 },
  { name: 'second', seconds: 1, from: 1 },
  { name: 'minute', seconds: 60, from: 60 },
  { name: 'hour', seconds: 3600, from: 3600 },
  { name: 'day', seconds: 86_400, from: 86_400 },
  { name: 'week', seconds: 7 * 86_400, from: 14 * 86_400 },
  { name: 'month', seconds: 30.44 * 86_400, from: 91 * 86_400, about: true },
  { name: 'year', seconds: 365.25 * 86_400, from: 730 * 86_400, about: true },
] as const;
export type TimeUnit = (typeof TIME_UNITS)[number]['name'];

/** A span of time in the unit a person would say it in, and that amount. */
export interface Duration {
  amount: number;
  unit: TimeUnit;
  /** "52.6 minutes", "1 hour", "about 3 months". */
  text: string;
}

const unitIndex = (name: TimeUnit) => TIME_UNITS.findIndex((u) => u.name === name);

/**
 * The one way the app says a span of time: in the unit a person picks (see `TIME_UNITS`), between
 * `smallest` (milliseconds only where a wait is measured in them) and `largest` (a downtime or a wait is
 * said in days at most; a forecast's horizon in years). Judged on the amount as it is shown, so 59.97
 * minutes reads "1 hour", never "60 minutes", and 13.6 days to no decimals reads "2 weeks", never "14 days".
 */
export function duration(
  seconds: number,
  digits = 1,
  smallest: TimeUnit = 'second',
  largest: TimeUnit = 'day',
): Duration {
  const from = unitIndex(smallest);
  const to = unitIndex(largest);
  let i = to;
  while (i > from && seconds < (TIME_UNITS[i]?.from ?? 0)) i--;
  let unit: (typeof TIME_UNITS)[number] = TIME_UNITS[i] ?? TIME_UNITS[1];
  const next = i < to ? TIME_UNITS[i + 1] : undefined;
  if (next && roundTo(seconds / unit.seconds, digits) * unit.seconds >= next.from) unit = next;
  const amount = roundTo(seconds / unit.seconds, digits);
  const about = 'about' in unit ? 'about ' : '';
  return {
    amount,
    unit: unit.name,
    text: `${about}${formatNumber(amount, digits)} ${unit.name}${amount === 1 ? '' : 's'}`,
  };
}

/** Seconds in one of the time units, for showing the working of a conversion. */
export const secondsIn = (unit: TimeUnit): number => TIME_UNITS.find((u) => u.name === unit)?.seconds ?? 1;

/** Units whose values are shares: 0 to 100. */
const SHARE_UNITS: ReadonlySet<KpiUnit> = new Set(['percent', 'availability-percent', 'error-rate-percent']);
/** Units whose values cannot be negative. */
const NON_NEGATIVE_UNITS: ReadonlySet<KpiUnit> = new Set([
  'count',
  'days',
  'hours',
  'minutes',
  'latency-ms',
  'mttr-minutes',
  'deploys-per-week',
]);

/** What each unit's values are, in a message: "An error rate". */
const WHAT: Partial<Record<KpiUnit, string>> = {
  percent: 'A percentage',
  'availability-percent': 'Availability',
  'error-rate-percent': 'An error rate',
  count: 'A count',
  days: 'A number of days',
  hours: 'A number of hours',
  minutes: 'A number of minutes',
  'latency-ms': 'A wait',
  'mttr-minutes': 'A time to recover',
  'deploys-per-week': 'A number of deploys',
};

/** The values a unit allows: shares 0–100, counts and durations from 0, anything for the rest. */
export function unitRange(unit: KpiUnit | null): { min: number | null; max: number | null } {
  if (unit !== null && SHARE_UNITS.has(unit)) return { min: 0, max: 100 };
  if (unit !== null && NON_NEGATIVE_UNITS.has(unit)) return { min: 0, max: null };
  return { min: null, max: null };
}

/** Whether the unit is a share of 100, whose differences are percentage points. */
export const isShareUnit = (unit: KpiUnit | null): boolean => unit !== null && SHARE_UNITS.has(unit);

/**
 * A distance between two values of a KPI, without sign, in its unit: "1.5 percentage points" for a share
 * ("up 2%" of a 40% rate could mean 42% or 40.8%; "2 percentage points" only 42%), "120 ms" or "3 days"
 * for the rest. Singular judged on the amount as shown.
 */
export function distanceInWords(by: number, unit: KpiUnit | null, customUnit = ''): string {
  const size = Math.abs(by);
  if (!isShareUnit(unit)) return formatValue(size, unit, customUnit);
  const shown = formatNumber(size);
  return `${shown} percentage ${shown === '1' ? 'point' : 'points'}`;
}

/** Why a value cannot be one of this unit's ("An error rate is a share: 0% to 100%; 150% is not one."), or null. */
export function outOfRange(value: number, unit: KpiUnit | null, customUnit = ''): string | null {
  const { min, max } = unitRange(unit);
  const what = unit === null ? 'The value' : (WHAT[unit] ?? 'The value');
  const shown = formatValue(value, unit, customUnit);
  if (max !== null && min !== null && (value < min || value > max)) {
    return `${what} is a share from 0% to 100%; ${shown} is outside it.`;
  }
  if (min !== null && value < min) return `${what} cannot be negative; ${shown} is not possible.`;
  return null;
}
