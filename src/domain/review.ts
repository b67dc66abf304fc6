import { addDays, dayNumber, dayOfNumber } from './dates';

/** The periods an outcome review can look back over. */
export const REVIEW_PERIODS = [
  'this-week',
  'last-2-weeks',
  'this-month',
  'this-quarter',
  'since-last-review',
] as const;
export type ReviewPeriod = (typeof REVIEW_PERIODS)[number];

/** A review's days, both ends included (UTC calendar days, YYYY-MM-DD), and the next period of the same length. */
export interface PeriodDays {
  from: string;
  to: string;
  /** The days after `to` that "what is next" looks at: as many as the period has, starting the day after. */
  nextTo: string;
}

/** The Monday of the week holding `day` (ISO weeks start on Monday). */
export const weekStart = (day: string): string => {
  const n = dayNumber(day);
  // 1 Jan 1970 was a Thursday: day number 0 is weekday 3 counted from Monday.
  const fromMonday = (((n + 3) % 7) + 7) % 7;
  return dayOfNumber(n - fromMonday);
};

const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;

const quarterStart = (day: string): string => {
  const month = Number(day.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
};

/**
 * The days a review covers on `today`, ending today. "Since the last review" starts the day after the
 * last recorded decision (the last time the outcome was reviewed and acted on); with none, it covers the
 * last two weeks. Pure: `today` is passed in.
 */
export function periodDays(period: ReviewPeriod, today: string, lastReviewDay: string | null): PeriodDays {
  const from = (() => {
    switch (period) {
      case 'this-week':
        return weekStart(today);
      case 'last-2-weeks':
        return addDays(today, -13);
      case 'this-month':
        return monthStart(today);
      case 'this-quarter':
        return quarterStart(today);
      case 'since-last-review':
        return lastReviewDay !== null && lastReviewDay < today
          ? addDays(lastReviewDay, 1)
          : addDays(today, -13);
    }
  })();
  const length = dayNumber(today) - dayNumber(from) + 1;
  return { from, to: today, nextTo: addDays(today, length) };
}
