import { route } from '@forge/api';
import { z } from 'zod';
import { type Authority, jiraJson, jiraSend } from './client';
import { ApproximateCountSchema, JiraIssueSchema } from './schemas';

/** Reads one issue with just the fields and entity properties asked for. */
export function getIssue(
  authority: Authority,
  issueKey: string,
  fields: string[],
  properties: string[] = [],
) {
  const query = new URLSearchParams({ fields: fields.join(','), properties: properties.join(',') });
  return jiraJson(authority, route`/rest/api/3/issue/${issueKey}?${query}`, JiraIssueSchema);
}

export function setIssueProperty(
  authority: Authority,
  issueKey: string,
  propertyKey: string,
  value: unknown,
) {
  return jiraSend(authority, route`/rest/api/3/issue/${issueKey}/properties/${propertyKey}`, {
    method: 'PUT',
    body: value,
  });
}

/**
 * Counts the issues a JQL matches, as seen by `authority`. A user's count includes only what that user
 * may browse, which is exactly what a user-facing number should show.
 */
export async function countIssues(authority: Authority, jql: string): Promise<number> {
  const body = await jiraJson(
    authority,
    route`/rest/api/3/search/approximate-count`,
    ApproximateCountSchema,
    {
      method: 'POST',
      body: { jql },
    },
  );
  return body.count;
}

const SearchPageSchema = z.object({
  issues: z.array(JiraIssueSchema),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/**
 * Every issue a JQL matches, page by page, following `nextPageToken`. Ask for as few fields as possible:
 * Jira gives far bigger pages when only ids are requested.
 */
export async function* searchIssues(
  authority: Authority,
  jql: string,
  options: { fields: string[]; properties?: string[]; pageSize: number },
) {
  let nextPageToken: string | undefined;
  do {
    const page = await jiraJson(authority, route`/rest/api/3/search/jql`, SearchPageSchema, {
      method: 'POST',
      body: {
        jql,
        fields: options.fields,
        ...(options.properties?.length ? { properties: options.properties } : {}),
        maxResults: options.pageSize,
        ...(nextPageToken ? { nextPageToken } : {}),
      },
    });
    yield page.issues;
    nextPageToken = page.isLast === true ? undefined : (page.nextPageToken ?? undefined);
  } while (nextPageToken);
}
