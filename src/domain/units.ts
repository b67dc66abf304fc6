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

/** A number as people write it: no float noise, at most `digits` decimals, trailing zeros dropped. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toFixed(digits));
  return formatter(digits, Math.abs(rounded) >= 10_000).format(rounded);
}

export function formatValue(value: number, unit: KpiUnit | null, customUnit = ''): string {
  const label = unitLabel(unit, customUnit);
  if (label === '') return formatNumber(value);
  return label.startsWith('%') ? `${formatNumber(value)}${label}` : `${formatNumber(value)} ${label}`;
}
