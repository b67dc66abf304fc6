/** Storage entity names and key builders: the one place that decides how records are keyed. */
export const ENTITY = {
  outcome: 'outcome',
  outcomeProject: 'outcome-project',
} as const;

export const keys = {
  outcome: (outcomeId: string) => outcomeId,
  outcomeProject: (outcomeId: string, projectKey: string) => `${outcomeId}:${projectKey}`,
  lock: (name: string) => `lock:${name}`,
};

/** The most results Forge returns in one entity query page (1-100): fewer pages, fewer storage reads. */
export const QUERY_PAGE = 100;
/** Forge caps batches and transactions at this many operations. */
export const MAX_BATCH = 25;
