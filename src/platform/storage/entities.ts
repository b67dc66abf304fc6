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

/** Forge caps entity queries at this many results a page. */
export const QUERY_PAGE = 20;
/** Forge caps batches and transactions at this many operations. */
export const MAX_BATCH = 25;
