const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/** "30 Sep 2026": calendar days said the same way on every server, whatever its locale. */
export function formatIsoDay(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  if (!y || !m || !d) return isoDay;
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * A calendar day (YYYY-MM-DD, or the day of an ISO instant) as a whole number of days since 1 Jan 1970
 * (UTC), so day arithmetic is integer arithmetic with no time zone or daylight saving in it.
 */
export const dayNumber = (isoDay: string): number => Math.round(Date.parse(isoDay.slice(0, 10)) / DAY_MS);

/** The calendar day `n` days after 1 Jan 1970 (UTC): the inverse of `dayNumber`. */
export const dayOfNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const addDays = (isoDay: string, days: number): string => dayOfNumber(dayNumber(isoDay) + days);

/** Calendar days from `from` to `to`: positive when `to` is later. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** An ISO instant as fractional days since 1 Jan 1970 (UTC), for fitting values taken at times of day. */
export const instantDays = (isoInstant: string): number => Date.parse(isoInstant) / DAY_MS;
