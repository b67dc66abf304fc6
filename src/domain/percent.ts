/**
 * A whole percentage that never overstates or hides progress: 100 % only when all is done,
 * 0 % only when nothing is (199 of 200 is 99 %, 1 of 1000 is 1 %). Every surface rounds through here,
 * so an explanation and the bar beside it never disagree.
 */
export function wholePercent(share: number): number {
  if (share >= 1) return 100;
  if (share <= 0) return 0;
  return Math.min(99, Math.max(1, Math.round(share * 100)));
}

/** "35%", or null when there is nothing to measure. */
export function percentText(share: number | null): string | null {
  return share === null || !Number.isFinite(share) ? null : `${wholePercent(share)}%`;
}
