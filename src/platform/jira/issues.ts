import { route } from '@forge/api';
import { z } from 'zod';
import { type Authority, expectOk, JSON_HEADERS, jira, readJson, withRetry } from './client';
import { ApproximateCountSchema, JiraIssueSchema } from './schemas';

/** Reads one issue with just the fields and entity properties asked for. */
export async function getIssue(
  authority: Authority,
  issueKey: string,
  fields: string[],
  properties: string[] = [],
) {
  const query = new URLSearchParams({ fields: fields.join(','), properties: properties.join(',') });
  const response = await withRetry(() =>
    jira(authority).requestJira(route`/rest/api/3/issue/${issueKey}?${query}`, {
      method: 'GET',
      headers: JSON_HEADERS,
    }),
  );
  return readJson(response, JiraIssueSchema, `issue ${issueKey}`);
}

export async function setIssueProperty(
  authority: Authority,
  issueKey: string,
  propertyKey: string,
  value: unknown,
) {
  const response = await withRetry(() =>
    jira(authority).requestJira(route`/rest/api/3/issue/${issueKey}/properties/${propertyKey}`, {
      method: 'PUT',
      headers: JSON_HEADERS,
      body: JSON.stringify(value),
    }),
  );
  return expectOk(response);
}

/**
 * Counts the issues a JQL matches, as seen by `authority`. A user's count includes only what that user
 * may browse, which is exactly what a user-facing number should show.
 */
export async function countIssues(authority: Authority, jql: string): Promise<number> {
  const response = await withRetry(() =>
    jira(authority).requestJira(route`/rest/api/3/search/approximate-count`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ jql }),
    }),
  );
  return (await readJson(response, ApproximateCountSchema, 'an issue count')).count;
}

/** A number of tickets: counted one by one, or Jira's estimate when there are too many to count cheaply. */
export interface TicketCount {
  value: number;
  /** True when the value is Jira's approximate count ("an estimated count"), which may be off either way. */
  estimated: boolean;
}

/**
 * Up to this many tickets (by Jira's estimate) are counted exactly, by reading their ids: a search costs a
 * point of the hourly quota per ticket returned, an approximate count one point in all.
 */
const EXACT_COUNT_UP_TO = 1000;

/**
 * How many tickets a JQL matches, as `authority` sees them: exactly when there are at most
 * EXACT_COUNT_UP_TO (their ids read, one page), else Jira's estimate, marked as one.
 * POST /search/approximate-count is "an estimated count" (OpenAPI), so a number shown or stored as exact
 * must not come from it alone.
 */
export async function countTickets(authority: Authority, jql: string): Promise<TicketCount> {
  const page = await searchPage(authority, jql, { fields: ['key'], pageSize: EXACT_COUNT_UP_TO }, null);
  if (page.nextPageToken === null) return { value: page.issues.length, estimated: false };
  return { value: await countIssues(authority, jql), estimated: true };
}

/** How many tickets a JQL matches, counted one by one (every page of ids): for a number that must be exact. */
export async function countExactly(authority: Authority, jql: string): Promise<number> {
  let count = 0;
  for await (const page of searchIssues(authority, jql, { fields: ['key'], pageSize: MAX_IDS_PAGE })) {
    count += page.length;
  }
  return count;
}

/** Jira's largest page of a search that asks for ids and keys only. */
const MAX_IDS_PAGE = 5000;

/**
 * The ids of every ticket a JQL matches as `authority` sees them, when there are at most `cap` (one page of
 * ids); null when there are more. For questions a count cannot answer, such as whether one set holds another.
 */
export async function idsIfAtMost(
  authority: Authority,
  jql: string,
  cap: number,
): Promise<Set<string> | null> {
  const page = await searchPage(authority, jql, { fields: ['key'], pageSize: cap }, null);
  return page.nextPageToken === null ? new Set(page.issues.map((i) => i.id)) : null;
}

const SearchPageSchema = z.object({
  issues: z.array(JiraIssueSchema),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

export interface SearchOptions {
  fields: string[];
  properties?: string[];
  pageSize: number;
  /**
   * Issue ids (at most 50) the search must show as they are now. Jira's search lags behind writes, by
   * seconds to minutes; for these ids it gives read-after-write (developer.atlassian.com/cloud/jira/
   * platform/search-and-reconcile/: "consistency is ensured only for the specified issues").
   */
  reconcileIssues?: readonly string[];
}

/** Most ids one search may reconcile (Jira: "a maximum of 50 reconcile issues"). */
const MAX_RECONCILE_ISSUES = 50;

/** One page of a JQL search (`pageToken` from the previous page, or null for the first). */
export async function searchPage(
  authority: Authority,
  jql: string,
  options: SearchOptions,
  pageToken: string | null,
) {
  const body = {
    jql,
    fields: options.fields,
    ...(options.properties?.length ? { properties: options.properties } : {}),
    maxResults: options.pageSize,
    ...(pageToken ? { nextPageToken: pageToken } : {}),
    ...(options.reconcileIssues?.length ? { reconcileIssues: options.reconcileIssues.map(Number) } : {}),
  };
  const response = await withRetry(() =>
    jira(authority).requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    }),
  );
  const page = await readJson(response, SearchPageSchema, 'an issue search');
  return { issues: page.issues, nextPageToken: page.isLast === true ? null : (page.nextPageToken ?? null) };
}

/**
 * Every issue a JQL matches, page by page, following `nextPageToken`. Ask for as few fields as possible:
 * Jira gives far bigger pages when only ids are requested.
 */
export async function* searchIssues(authority: Authority, jql: string, options: SearchOptions) {
  let token: string | null = null;
  do {
    const page = await searchPage(authority, jql, options, token);
    yield page.issues;
    token = page.nextPageToken;
  } while (token);
}

/**
 * Which of `issueIds` match the JQL as Jira has them now, read after any write (search alone lags): asked
 * 50 ids at a time with `reconcileIssues`, each batch one page. Use it for tickets the app just wrote, or
 * whose search result must not be stale before acting on it.
 */
export async function matchingNow(
  authority: Authority,
  jql: string,
  issueIds: readonly string[],
  options: Omit<SearchOptions, 'pageSize' | 'reconcileIssues'> = { fields: ['key'] },
) {
  const found: Awaited<ReturnType<typeof searchPage>>['issues'] = [];
  for (let i = 0; i < issueIds.length; i += MAX_RECONCILE_ISSUES) {
    const ids = issueIds.slice(i, i + MAX_RECONCILE_ISSUES);
    let token: string | null = null;
    do {
      const page = await searchPage(
        authority,
        `id in (${ids.join(', ')}) AND (${jql})`,
        { ...options, pageSize: MAX_RECONCILE_ISSUES, reconcileIssues: ids },
        token,
      );
      found.push(...page.issues);
      token = page.nextPageToken;
    } while (token);
  }
  return found;
}
