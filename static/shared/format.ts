import { plural } from '@domain/units';
/** Dates are shown in the reader's locale; stored dates are calendar days, so no time zone applies. */
export function formatDay(isoDay: string | null): string {
  if (!isoDay) return 'not set';
  const [y, m, d] = isoDay.split('-').map(Number);
  if (!y || !m || !d) return isoDay;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

export function formatMoment(iso: string | null): string {
  if (!iso) return 'an unknown time';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A run's matches in words: "about 1,200 tickets" when the number is Jira's estimate. */
export const matchedTickets = (run: { matched: number; matchedEstimated: boolean }) =>
  `${run.matchedEstimated ? 'about ' : ''}${plural(run.matched, 'ticket')}`;
