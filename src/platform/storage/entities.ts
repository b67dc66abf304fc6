/** Storage entity names and key builders: the one place that decides how records are keyed. */
export const ENTITY = {
  outcome: 'outcome',
  outcomeProject: 'outcome-project',
  kpi: 'kpi',
  checkIn: 'checkin',
  settings: 'app-settings',
  rule: 'mapping-rule',
  run: 'backfill-run',
  rollup: 'rollup',
  rollupEntry: 'rollup-entry',
  snapshot: 'snapshot',
  reconcile: 'reconcile-run',
  decision: 'decision',
} as const;

export const keys = {
  outcome: (outcomeId: string) => outcomeId,
  outcomeProject: (outcomeId: string, projectKey: string) => `${outcomeId}:${projectKey}`,
  kpi: (kpiId: string) => kpiId,
  /** Time first, so a KPI's check-ins also sort by time under the entity key. */
  checkIn: (kpiId: string, at: string, suffix: string) => `${kpiId}:${at}:${suffix}`,
  settings: () => 'site',
  rule: (ruleId: string) => ruleId,
  run: (runId: string) => runId,
  rollup: (outcomeId: string) => outcomeId,
  rollupEntry: (outcomeId: string, issueId: string) => `${outcomeId}:${issueId}`,
  snapshot: (outcomeId: string, day: string) => `${outcomeId}:${day}`,
  reconcile: (outcomeId: string) => outcomeId,
  /** Time first, so an outcome's decisions also sort by time under the entity key. */
  decision: (outcomeId: string, at: string, suffix: string) => `${outcomeId}:${at}:${suffix}`,
  lock: (name: string) => `lock:${name}`,
  /** One invocation's points in one hour: the hour first, so an hour's entries share a prefix. */
  usage: (hour: string, suffix: string) => `usage:${hour}:${suffix}`,
  usageOfHour: (hour: string) => `usage:${hour}:`,
  usagePrefix: () => 'usage:',
};

/** The most results Forge returns in one entity query page (1-100): fewer pages, fewer storage reads. */
export const QUERY_PAGE = 100;
/** Forge caps batches and transactions at this many operations. */
export const MAX_BATCH = 25;
