import { inProjects } from './jql';

/** An admin's rule: tickets matching the JQL (within the outcome's projects) serve the outcome. */
export interface MappingRule {
  id: string;
  outcomeId: string;
  jql: string;
  kpiIds: string[];
  enabled: boolean;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  lastRunId: string | null;
  /**
   * The rule's KPIs changed since a backfill last brought every ticket it links up to date: the next
   * backfill must read the tickets the rule already links too, not only those it does not yet.
   */
  kpisPending: boolean;
}

/** Whether two lists of ids or keys hold the same ones (order does not matter). */
export const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/**
 * The JQL a rule really runs: confined to the outcome's projects, so a rule can never reach
 * tickets of a project the outcome does not span.
 */
export const scopedRuleJql = (rule: Pick<MappingRule, 'jql'>, projectKeys: readonly string[]): string =>
  `${inProjects(projectKeys)} AND (${rule.jql})`;
