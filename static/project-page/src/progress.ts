/**
 * Share of linked tickets that are done, or null when nothing is linked (there is no share of nothing).
 * Counts come from two separate Jira searches, so `done` is clamped to `linked` should they disagree.
 */
export function doneShare(linked: number, done: number): number | null {
  if (!Number.isFinite(linked) || linked <= 0) return null;
  return Math.min(1, Math.max(0, done / linked));
}

/**
 * A whole percentage that never overstates or hides progress: 100 % only when all is done,
 * 0 % only when nothing is (199 of 200 is 99 %, 1 of 1000 is 1 %).
 */
export function wholePercent(share: number): number {
  if (share >= 1) return 100;
  if (share <= 0) return 0;
  return Math.min(99, Math.max(1, Math.round(share * 100)));
}
