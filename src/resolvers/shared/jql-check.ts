import type { FieldError } from '../../contract/envelope';
import type { KpiSource } from '../../contract/kpi';
import {
  confinedJql,
  embeddedJqlProblem,
  jqlSyntaxProblem,
  messageInTheirTerms,
} from '../../domain/jql-syntax';
import { queriesByField } from '../../domain/kpi-source';
import { JiraHttpError } from '../../platform/jira/client';
import { countExactly, countIssues, countTickets, idsIfAtMost } from '../../platform/jira/issues';
import { appReach } from '../../platform/jira/projects';

export interface JqlCheck {
  valid: boolean;
  count: number | null;
  /** `count` is Jira's estimate (too many tickets to count one by one): said as "about". */
  countEstimated: boolean;
  message: string | null;
}

/**
 * Validates an admin's JQL before it is saved: parsed with Atlassian's parser, then run once in Jira
 * as the admin (so it can name only what they may see). Jira's own message comes back on failure, its
 * positions counted in `theirJql` (what the person typed) when `jql` wraps it. `counted: false` when only
 * validity matters: Jira's estimate then (one point of the hourly quota at any size, where counting one by
 * one costs a point per ticket), marked as one.
 */
export async function checkJql(jql: string, theirJql: string = jql, counted = true): Promise<JqlCheck> {
  const syntax = jqlSyntaxProblem(jql);
  if (syntax)
    return {
      valid: false,
      count: null,
      countEstimated: false,
      message: messageInTheirTerms(syntax, jql, theirJql),
    };
  try {
    const count = counted
      ? await countTickets('user', jql)
      : { value: await countIssues('user', jql), estimated: true };
    return { valid: true, count: count.value, countEstimated: count.estimated, message: null };
  } catch (error) {
    if (error instanceof JiraHttpError && error.status === 400) {
      const said = error.messages.join(' ') || 'Jira rejected the JQL.';
      return {
        valid: false,
        count: null,
        countEstimated: false,
        message: messageInTheirTerms(said, jql, theirJql),
      };
    }
    throw error;
  }
}

/**
 * Why a mapping rule's JQL cannot be saved, or null: it must stand on its own (a fragment like `a) OR (b`
 * parses only once combined with the scope) and run in Jira confined to the outcome's projects.
 */
export async function ruleJqlProblem(jql: string, projectKeys: readonly string[]): Promise<string | null> {
  const problem = embeddedJqlProblem(jql);
  if (problem) return problem;
  // Whether Jira runs it, not how many it matches.
  const check = await checkJql(confinedJql(jql, projectKeys), jql, false);
  return check.valid ? null : (check.message ?? 'Jira rejected the JQL.');
}

/**
 * Field errors for every JQL of a KPI source that does not check out. A KPI's JQL runs confined to its
 * outcome's projects and is counted as the app (nobody is signed in to the hourly refresh), and its value
 * is shown to everyone who may see the outcome: so it must stand on its own inside that scope, run in
 * Jira, and count nothing its author could not see (else the value would tell what those tickets are).
 */
export async function sourceProblems(
  source: KpiSource,
  projectKeys: readonly string[],
): Promise<FieldError[]> {
  const checks = await Promise.all(
    queriesByField(source).map(async ([field, jql]) => ({
      field,
      message: await kpiJqlProblem(jql, projectKeys),
    })),
  );
  return checks.flatMap(({ field, message }) =>
    message ? [{ path: `draft.source.${field}`, message }] : [],
  );
}

async function kpiJqlProblem(jql: string, projectKeys: readonly string[]): Promise<string | null> {
  const standalone = embeddedJqlProblem(jql);
  if (standalone) return standalone;
  const confined = confinedJql(jql, projectKeys);
  const asAuthor = await checkJql(confined, jql);
  if (!asAuthor.valid) return asAuthor.message ?? 'Jira rejected the JQL.';
  // As the app, in the projects it can see (a query naming another is refused).
  const reach = await appReach(projectKeys);
  if (reach.length === 0) return null;
  return (await appCountsBeyondAuthor(confined, confinedJql(jql, reach), asAuthor))
    ? "This JQL also counts tickets you cannot see. A KPI's value is shown to everyone who may see the outcome, so count only tickets you can see."
    : null;
}

/** Up to this many tickets, the check compares the tickets themselves; past it, only their numbers. */
const COMPARED_BY_ID = 1000;

/**
 * Whether the app would count a ticket its author cannot see. Comparing numbers is not enough: tickets the
 * author sees and the app does not (an issue security level the app is not in) can hide as many the other
 * way. So up to COMPARED_BY_ID tickets each, the app's must all be the author's; past that, a larger count
 * as the app is the sign.
 */
async function appCountsBeyondAuthor(asAuthorJql: string, asAppJql: string, asAuthor: JqlCheck) {
  const [author, app] = await Promise.all([
    idsIfAtMost('user', asAuthorJql, COMPARED_BY_ID),
    idsIfAtMost('app', asAppJql, COMPARED_BY_ID),
  ]);
  if (author && app) return [...app].some((id) => !author.has(id));
  // Counted one by one, both: two estimates may differ though both see the same tickets.
  const theirs = asAuthor.countEstimated ? await countExactly('user', asAuthorJql) : (asAuthor.count ?? 0);
  return (app?.size ?? (await countExactly('app', asAppJql))) > theirs;
}

/**
 * How many of the tickets `jql` matches for the caller the app's own user cannot see, when they are at most
 * COMPARED_BY_ID (null otherwise). The app's query may be refused where it names a project the app cannot
 * see: then none of the caller's tickets is the app's.
 */
export async function hiddenFromApp(jql: string): Promise<number | null> {
  const mine = await idsIfAtMost('user', jql, COMPARED_BY_ID);
  if (!mine) return null;
  try {
    const app = await idsIfAtMost('app', jql, COMPARED_BY_ID);
    return app ? [...mine].filter((id) => !app.has(id)).length : null;
  } catch (error) {
    if (error instanceof JiraHttpError && error.status === 400) return mine.size;
    throw error;
  }
}
