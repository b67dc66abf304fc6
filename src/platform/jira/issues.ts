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

const SearchPageSchema = z.object({
  issues: z.array(JiraIssueSchema),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

export interface SearchOptions {
  fields: string[];
  properties?: string[];
  pageSize: number;
}

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
