import { countText, plural } from '@domain/units';

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

/** A count, "about 1,200" when it is Jira's estimate rather than tickets counted one by one. */
export const aboutCount = (n: number, estimated: boolean) => `${estimated ? 'about ' : ''}${countText(n)}`;

/** A number of tickets in words: "about 1,200 tickets" when it is Jira's estimate. */
export const ticketsInWords = (n: number, estimated: boolean) =>
  `${estimated ? 'about ' : ''}${plural(n, 'ticket')}`;

/** A run's matches in words: "about 1,200 tickets" when the number is Jira's estimate. */
export const matchedTickets = (run: { matched: number; matchedEstimated: boolean }) =>
  ticketsInWords(run.matched, run.matchedEstimated);
