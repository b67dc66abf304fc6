/**
 * What the nightly check reads. Reading every linked ticket every night costs about one rate-limit point a
 * ticket: a 100,000-ticket site would spend its whole hourly quota each night, whether anything changed or
 * not. So each night every outcome is checked for the tickets updated since its last check (a cost that
 * grows with change), and a full pass, which also catches what leaves `updated` alone (links written past
 * the app, missed deletions), goes over the outcomes in turn within a share of tickets a night.
 */

/**
 * Tickets a night's full passes may read, and stored entries their sweeps may check against Jira (each costs
 * about a point). With the changes checks (about 1,000 tickets a night when 1% of 100,000 change) it keeps a
 * night under 5,000 points, and under 10% of a 100,000-point hourly quota in any hour. A pass that fits in
 * one night needs no sweep unless its count shows a stray entry; one spread over nights sweeps, so every
 * ticket is read again at least every ⌈2 × linked tickets ÷ 3,500⌉ nights.
 */
export const NIGHTLY_FULL_PASS_TICKETS = 3_500;

/**
 * Added to a changes check's window: Jira's search lags behind writes (seconds to minutes), and a relative
 * date in JQL counts from Jira's clock, not the app's.
 */
export const CHANGES_MARGIN_MINUTES = 60;

/** An outcome as the nightly plan sees it. */
export interface NightlyOutcome {
  outcomeId: string;
  /** Tickets its stored totals count: what a full pass would read. */
  tickets: number;
  /** When its last full pass ended; null: never. */
  fullCheckedAt: string | null;
  /** A full pass of it is parked, waiting for tonight's share. */
  parked: boolean;
}

/**
 * Tonight's full passes, each with the tickets it may read (null: all of them), and whether it resumes a
 * parked pass.
 */
export interface NightlyPlan {
  full: { outcomeId: string; allowance: number | null; resume: boolean }[];
}

/**
 * Tonight's full passes. An outcome never checked is read whole (its figures so far rest on events alone,
 * as after installing the app on a site with links): outside the share, and paced by the hourly points
 * budget instead. Then a parked pass (it has waited longest), then the outcomes checked longest ago, each
 * taking what is left of the night's share, so the last may park part way. At least one pass within the
 * share runs every night, so every outcome's turn comes.
 */
export function nightlyPlan(outcomes: readonly NightlyOutcome[], share: number): NightlyPlan {
  const full: NightlyPlan['full'] = outcomes
    .filter((o) => o.fullCheckedAt === null && !o.parked)
    .map((o) => ({ outcomeId: o.outcomeId, allowance: null, resume: false }));
  const order = outcomes
    .filter((o) => o.fullCheckedAt !== null || o.parked)
    .sort(
      (a, b) =>
        Number(b.parked) - Number(a.parked) ||
        (a.fullCheckedAt ?? '').localeCompare(b.fullCheckedAt ?? '') ||
        a.outcomeId.localeCompare(b.outcomeId),
    );
  let left = share;
  for (const outcome of order) {
    if (left <= 0) break;
    full.push({ outcomeId: outcome.outcomeId, allowance: left, resume: outcome.parked });
    left -= Math.max(outcome.tickets, 1);
  }
  return { full };
}

/**
 * The minutes back a changes check reads (`updated >= -Nm`): since the last check began, or the last full
 * pass, or a day for an outcome never checked, with the margin.
 */
export function changesWindowMinutes(since: string | null, now: Date): number {
  const from = since === null ? now.getTime() - 24 * 60 * 60_000 : Date.parse(since);
  return Math.max(0, Math.ceil((now.getTime() - from) / 60_000)) + CHANGES_MARGIN_MINUTES;
}

/**
 * The minutes back that reach a parked pass's `createdBefore` (`created <= -Nm`): rounded so that the
 * minute it parked in is read again, as Jira compares dates to the minute.
 */
export const createdWindowMinutes = (createdBefore: string, now: Date): number =>
  Math.max(0, Math.floor((now.getTime() - Date.parse(createdBefore)) / 60_000) - 1);

/**
 * A queue event of a changes check: the outcome's tickets updated in the last `windowMinutes` (fixed at the
 * first page so every page asks the same query), from `pageToken`. `startedAt` is recorded when it ends.
 */
export type ChangesJob = {
  type: 'changes';
  outcomeId: string;
  since: string | null;
  startedAt: string;
  windowMinutes: number | null;
  pageToken: string | null;
};
