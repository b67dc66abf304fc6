import { CADENCE_WORDS, type CheckInCadence } from '../contract/limits';
import { addDays, daysBetween } from './dates';
import type { Kpi } from './kpi';

/** A KPI whose value is older than its cadence: since when, and the sentence that says it. */
export interface CheckInDue {
  /** The calendar day (UTC) the next check-in was due. */
  dueSince: string;
  /** "Last check-in 12 days ago; due weekly." */
  words: string;
}

const addMonths = (isoDay: string, months: number): string => {
  const [y = 1970, m = 1, d = 1] = isoDay.split('-').map(Number);
  // 31 Jan plus a month is the last day of February, not 3 March.
  const lastOfTarget = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastOfTarget))).toISOString().slice(0, 10);
};

/** The calendar day a KPI last checked in on `lastDay` is due again. */
export function nextDueDay(lastDay: string, cadence: CheckInCadence): string {
  switch (cadence) {
    case 'weekly':
      return addDays(lastDay, 7);
    case 'every-2-weeks':
      return addDays(lastDay, 14);
    case 'monthly':
      return addMonths(lastDay, 1);
    case 'quarterly':
      return addMonths(lastDay, 3);
  }
}

/**
 * Whether a KPI needs a check-in on `today` (a UTC calendar day, passed in: the domain reads no clock), or
 * null. Days, not instants: a weekly KPI checked in on a Monday is due the next Monday, whatever the hour.
 * Only manual KPIs of active outcomes are ever due: Jira counts the others, and an achieved or dropped
 * outcome asks nobody for news. With no check-in ever, the KPI's creation is the last time anyone set its
 * value (its baseline), so it falls due one cadence later.
 */
export function checkInDue(
  kpi: Pick<Kpi, 'source' | 'cadence' | 'currentAt' | 'createdAt'>,
  outcomeState: string,
  today: string,
): CheckInDue | null {
  if (kpi.source.type !== 'manual' || outcomeState !== 'active') return null;
  const lastDay = (kpi.currentAt ?? kpi.createdAt).slice(0, 10);
  const dueSince = nextDueDay(lastDay, kpi.cadence);
  if (today < dueSince) return null;
  // The shortest cadence is a week, so a due KPI's last value is always days ago, never "today".
  const ago = `${daysBetween(lastDay, today)} days ago`;
  const last = kpi.currentAt ? `Last check-in ${ago}` : `No check-in since it was created ${ago}`;
  return { dueSince, words: `${last}; due ${CADENCE_WORDS[kpi.cadence]}.` };
}
