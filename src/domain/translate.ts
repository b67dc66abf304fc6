import type { KpiUnit } from '../contract/limits';
import { type Duration, duration, formatNumber, secondsIn, type TimeUnit } from './units';

/** A technical value said in business terms, with the arithmetic that got there. */
export interface Translation {
  sentence: string;
  arithmetic: string;
}

const MONTH_MINUTES = 30 * 24 * 60; // a 30-day month, as availability SLAs count it
const YEAR_MINUTES = 365 * 24 * 60;

/**
 * Translates a technical KPI value into business impact. Exact arithmetic, shown alongside; units
 * without a translation return null, so the raw value is shown rather than a made-up sentence. Spans of
 * time are said in the unit a person would pick (`duration`), in the sentence and in its working.
 */
/**
 * `percentile`: the share of requests a latency KPI speaks for (95 for a "p95"), or null when it does not say.
 * A p95 of 430 ms says most requests are faster, never that a user waits 430 ms.
 */
export function translate(
  value: number,
  unit: KpiUnit | null,
  percentile: number | null = null,
): Translation | null {
  if (!Number.isFinite(value)) return null;
  switch (unit) {
    case 'availability-percent': {
      if (value < 0 || value > 100) return null;
      if (value === 100)
        return {
          sentence: '100% availability allows no downtime.',
          arithmetic: '0% of a 30-day month (43,200 minutes) = 0 minutes.',
        };
      const downShare = (100 - value) / 100;
      const monthMinutes = round(downShare * MONTH_MINUTES, 6);
      const yearMinutes = round(downShare * YEAR_MINUTES, 6);
      const month = duration(monthMinutes * 60);
      const year = duration(yearMinutes * 60);
      return {
        sentence: `${formatNumber(value)}% availability allows ${month.text} of downtime a month (about ${year.text} a year).`,
        arithmetic: `${formatNumber(100 - value, 6)}% of a 30-day month (43,200 minutes) = ${formatNumber(monthMinutes, 2)} minutes${inUnit(monthMinutes * 60, month, 'minute')}; of a 365-day year (525,600 minutes) = ${formatNumber(yearMinutes, 2)} minutes${inUnit(yearMinutes * 60, year, 'minute')}.`,
      };
    }
    case 'error-rate-percent': {
      if (value < 0 || value > 100) return null;
      const per10k = round(value * 100, 6);
      if (value === 0) {
        return { sentence: 'No request fails.', arithmetic: '0% × 10,000 = 0.' };
      }
      const oneIn = round(100 / value, 6);
      const whole = Math.round(oneIn);
      const about = whole === oneIn ? '' : 'about ';
      return {
        sentence: `${formatNumber(per10k, 2)} of every 10,000 requests fail: ${about}1 in ${formatNumber(whole, 0)}.`,
        arithmetic: `${formatNumber(value)}% × 10,000 = ${formatNumber(per10k, 2)}; 100 ÷ ${formatNumber(value)} = ${formatNumber(oneIn, 2)}, so ${about}1 in ${formatNumber(whole, 0)}.`,
      };
    }
    case 'latency-ms': {
      if (value < 0) return null;
      const wait = duration(value / 1000, 1, 'millisecond');
      return {
        sentence:
          percentile === null
            ? `A request takes ${wait.text}.`
            : `${percentile} of every 100 requests finish within ${wait.text}; ${formatNumber(round(100 - percentile, 6))} take longer.`,
        arithmetic: `${formatNumber(value)} ms${inUnit(value / 1000, wait, 'millisecond') || ' is under a second: said in milliseconds'}.`,
      };
    }
    case 'mttr-minutes': {
      if (value < 0) return null;
      const repair = duration(value * 60);
      return {
        sentence: `Each incident costs about ${repair.text} of impact before service is restored.`,
        arithmetic: `${formatNumber(value)} minutes${inUnit(value * 60, repair, 'minute') || ' is under an hour: said in minutes'}.`,
      };
    }
    case 'deploys-per-week': {
      if (value <= 0) return null;
      const days = round(7 / value, 6);
      const gap = duration(days * 86_400);
      const every = gap.amount === 1 ? gap.unit : gap.text;
      return {
        sentence: `A release every ${every}: customers wait that long for a fix or feature once it is ready.`,
        arithmetic: `7 days ÷ ${formatNumber(value)} deploys = ${formatNumber(days, 2)} ${days === 1 ? 'day' : 'days'}${inUnit(days * 86_400, gap, 'day')} between releases.`,
      };
    }
    default:
      return null;
  }
}

/**
 * The working of a conversion into the unit the sentence uses (" ÷ 60 = 1.5 hours"), or nothing when
 * the value is already in that unit.
 */
function inUnit(seconds: number, said: Duration, given: TimeUnit): string {
  if (said.unit === given) return '';
  const amount = seconds / secondsIn(said.unit);
  const factor = secondsIn(said.unit) / secondsIn(given);
  const op = factor >= 1 ? `÷ ${formatNumber(factor)}` : `× ${formatNumber(1 / factor)}`;
  return ` ${op} = ${formatNumber(amount, 2)} ${said.unit}${amount === 1 ? '' : 's'}`;
}

/** The availability needed to keep downtime within `minutes` a 30-day month. */
export function availabilityForMonthlyDowntime(minutes: number): number {
  return round(100 * (1 - minutes / MONTH_MINUTES), 6);
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
/** The percentile a KPI's name gives ("Checkout p95 latency" → 95), or null. */
export function percentileOf(name: string): number | null {
  const match = /\bp(\d{2}(?:\.\d+)?)\b/i.exec(name);
  const n = match ? Number(match[1]) : Number.NaN;
  return n > 0 && n < 100 ? n : null;
}

export function kpiTranslation(
  kpi: Parameters<typeof goalValue>[0] & { current: number | null; name?: string },
): {
  current: Translation | null;
  target: Translation | null;
} {
  const percentile = percentileOf(kpi.name ?? '');
  const said = (value: number | null) => (value === null ? null : translate(value, kpi.unit, percentile));
  return { current: said(kpi.current), target: said(goalValue(kpi)) };
}
