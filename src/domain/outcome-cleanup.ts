/** A queue event asking to go on clearing what a deleted outcome left in storage. */
export type OutcomeCleanupJob = { type: 'forget-outcome'; outcomeId: string };

/**
 * The decision after each page of a deleted outcome's entries is removed: once no entry is left, the
 * totals, the trend and any reconciliation under way go too (`finish`); otherwise the next page, while
 * the event has time left, or the clean-up queued again to go on in the next event.
 */
export const cleanupStep = (more: boolean, timeLeft: boolean): 'next-page' | 'queue-again' | 'finish' =>
  !more ? 'finish' : timeLeft ? 'next-page' : 'queue-again';
