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

/** A number as people write it: no float noise, at most `digits` decimals, trailing zeros dropped. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toFixed(digits));
  return rounded.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    useGrouping: Math.abs(rounded) >= 10_000,
  });
}

export function formatValue(value: number, unit: KpiUnit | null, customUnit = ''): string {
  const label = unitLabel(unit, customUnit);
  if (label === '') return formatNumber(value);
  return label.startsWith('%') ? `${formatNumber(value)}${label}` : `${formatNumber(value)} ${label}`;
}
