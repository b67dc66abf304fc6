import type { OutcomePulse } from '@contract/issue-panel';
import type { RollupMethod } from '@contract/limits';
import { valueWithLabel } from '@domain/units';

/** How delivery is counted, in a phrase: "by tickets", "by story points", "by weight". */
export const COUNTED_BY: Record<RollupMethod, string> = {
  count: 'by tickets',
  points: 'by story points',
  weights: 'by weight',
};

/** The same, said in full where there is room. */
export const COUNTED_BY_IN_FULL: Record<RollupMethod, string> = {
  count: 'by tickets: each counted ticket weighs the same',
  points: 'by story points: a ticket without an estimate adds none',
  weights: 'by weight: each issue type weighs what the outcome says',
};

export const HEALTH_LABEL: Record<OutcomePulse['health'], string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  'not-started': 'Not started',
  unknown: 'No data',
};

/** Health by how much attention it asks for: the higher, the worse. */
export const HEALTH_SEVERITY: Record<OutcomePulse['health'], number> = {
  'on-track': 0,
  'not-started': 1,
  unknown: 2,
  'at-risk': 3,
  'off-track': 4,
};

const DAY_MS = 86_400_000;
const dayNumber = (isoDay: string) => Math.round(Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS);

/** Today as the server counts it: the UTC calendar day. */
export const utcToday = () => new Date().toISOString().slice(0, 10);

/** Days of the timeframe gone and in all ("60 of 180 days"), as time elapsed measures them; null without dates. */
export function elapsedDays(
  startDate: string | null,
  dueDate: string | null,
  today = utcToday(),
): { gone: number; total: number } | null {
  if (!startDate || !dueDate) return null;
  const start = dayNumber(startDate);
  const total = dayNumber(dueDate) - start;
  if (!(total > 0)) return null;
  return { gone: Math.min(total, Math.max(0, dayNumber(today) - start)), total };
}

/** "0.2", "14", "99.82% availability", "430 ms": a KPI value with its unit. */
export const kpiValue = (n: number | null, unitLabel: string): string =>
  n === null ? 'no value yet' : valueWithLabel(n, unitLabel);
