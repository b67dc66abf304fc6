/** Time is passed in, never read from the system, so every time-dependent number is testable. */
export type Clock = () => Date;

/** Today's calendar date (UTC) as YYYY-MM-DD. */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
