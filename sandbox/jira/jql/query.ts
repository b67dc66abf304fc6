import type { StoredIssue } from '../model';
import type { Actor } from '../permissions';
import type { JiraSite } from '../site';
import { compileClause } from './evaluate';
import type { IssuePredicate } from './field-kinds';
import { compileOrderBy, type IssueComparator } from './order';
import { parseJql } from './parse';
import { type EvalContext, jqlError } from './values';

export interface CompiledQuery {
  matches: IssuePredicate;
  compare: IssueComparator;
  /** False for a query with no search restriction (e.g. only ORDER BY). */
  bounded: boolean;
}

export function compileJql(jql: string, ctx: EvalContext): CompiledQuery {
  const query = parseJql(jql);
  const where = query.where ?? undefined;
  return {
    matches: where ? compileClause(where, ctx) : () => true,
    compare: compileOrderBy(query.orderBy ?? undefined, ctx),
    bounded: where !== undefined,
  };
}

/**
 * Runs JQL as the actor over the search index: invisible projects and issues are excluded silently, as
 * Jira's search does, and a recent write may not show yet except for the `reconcile` ids.
 * Like /rest/api/3/search/jql, an unbounded query is refused.
 */
export function searchIssues(
  site: JiraSite,
  actor: Actor,
  jql: string,
  reconcile: ReadonlySet<string> = new Set(),
): StoredIssue[] {
  const ctx: EvalContext = { site, actor, now: site.now().getTime() };
  const compiled = compileJql(jql, ctx);
  if (!compiled.bounded) {
    throw jqlError(
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    );
  }
  return site
    .searchableIssues(actor, reconcile)
    .filter((issue) => compiled.matches(issue))
    .sort(compiled.compare);
}
