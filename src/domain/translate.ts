import type { KpiUnit } from '../contract/limits';
import { formatNumber } from './units';

/** A technical value said in business terms, with the arithmetic that got there. */
export interface Translation {
  sentence: string;
  arithmetic: string;
}

const MONTH_MINUTES = 30 * 24 * 60; // a 30-day month, as availability SLAs count it
const YEAR_HOURS = 365 * 24;

/**
 * Translates a technical KPI value into business impact. Exact arithmetic, shown alongside; units
 * without a translation return null, so the raw value is shown rather than a made-up sentence.
 */
export function translate(value: number, unit: KpiUnit | null): Translation | null {
  if (!Number.isFinite(value)) return null;
  switch (unit) {
    case 'availability-percent': {
      if (value < 0 || value > 100) return null;
      const downShare = (100 - value) / 100;
      const monthMinutes = round(downShare * MONTH_MINUTES, 6);
      const yearHours = round(downShare * YEAR_HOURS, 6);
      return {
        sentence: `${formatNumber(value)}% availability allows ${duration(monthMinutes)} of downtime a month (about ${formatNumber(yearHours, 1)} hours a year).`,
        arithmetic: `${formatNumber(100 - value, 6)}% of a 30-day month (43,200 minutes) = ${formatNumber(monthMinutes, 2)} minutes; of a 365-day year (8,760 hours) = ${formatNumber(yearHours, 2)} hours.`,
      };
    }
    case 'error-rate-percent': {
      if (value < 0 || value > 100) return null;
      const per10k = round(value * 100, 6);
      return {
        sentence: `${formatNumber(per10k, 2)} of every 10,000 requests fail.`,
        arithmetic: `${formatNumber(value)}% × 10,000 = ${formatNumber(per10k, 2)}.`,
      };
    }
    case 'latency-ms': {
      if (value < 0) return null;
      const seconds = round(value / 1000, 6);
      return {
        sentence: `A user waits ${formatNumber(seconds, 3)} ${seconds === 1 ? 'second' : 'seconds'}.`,
        arithmetic: `${formatNumber(value)} ms ÷ 1,000 = ${formatNumber(seconds, 3)} s.`,
      };
    }
    case 'mttr-minutes': {
      if (value < 0) return null;
      const hours = round(value / 60, 6);
      return {
        sentence: `Each incident costs about ${formatNumber(hours, 2)} ${hours === 1 ? 'hour' : 'hours'} of impact before service is restored.`,
        arithmetic: `${formatNumber(value)} minutes ÷ 60 = ${formatNumber(hours, 2)} hours.`,
      };
    }
    case 'deploys-per-week': {
      if (value <= 0) return null;
      const days = round(7 / value, 6);
      return {
        sentence: `A release every ${formatNumber(days, 1)} ${days === 1 ? 'day' : 'days'}: customers wait that long for a fix or feature once it is ready.`,
        arithmetic: `7 days ÷ ${formatNumber(value)} deploys = ${formatNumber(days, 2)} days between releases.`,
      };
    }
    default:
      return null;
  }
}

/** The availability needed to keep downtime within `minutes` a 30-day month. */
export function availabilityForMonthlyDowntime(minutes: number): number {
  return round(100 * (1 - minutes / MONTH_MINUTES), 6);
}

function duration(minutes: number): string {
  if (minutes < 120) return `${formatNumber(minutes, 1)} minutes`;
  return `${formatNumber(minutes / 60, 1)} hours`;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Units where more is better; for the others a technical team tracks (errors, waits, repair time) less is. */
const MORE_IS_BETTER: ReadonlySet<KpiUnit> = new Set(['availability-percent', 'deploys-per-week']);

/**
 * The value whose business translation states a KPI's goal: its target, or for a KPI kept within a band
 * the worst value the band still allows (the lowest availability, the highest error rate), which is
 * what the business must be ready to live with.
 */
export function goalValue(kpi: {
  direction: 'increase' | 'decrease' | 'maintain';
  unit: KpiUnit | null;
  target: number | null;
  bandMin: number | null;
  bandMax: number | null;
}): number | null {
  if (kpi.direction !== 'maintain') return kpi.target;
  return kpi.unit !== null && MORE_IS_BETTER.has(kpi.unit) ? kpi.bandMin : kpi.bandMax;
}

/** A KPI's value now and its goal in business words; null where its unit has no translation. */
export function kpiTranslation(kpi: Parameters<typeof goalValue>[0] & { current: number | null }): {
  current: Translation | null;
  target: Translation | null;
} {
  const said = (value: number | null) => (value === null ? null : translate(value, kpi.unit));
  return { current: said(kpi.current), target: said(goalValue(kpi)) };
}
