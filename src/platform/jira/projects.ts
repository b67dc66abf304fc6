import { route } from '@forge/api';
import { type Authority, JiraHttpError, JSON_HEADERS, jira, readJson, withRetry } from './client';
import { type JiraProject, JiraProjectSchema, PageOfProjectsSchema } from './schemas';

const PAGE = 50;

/** Every project `authority` can see, following Jira's pages. */
export async function listProjects(authority: Authority, keys: string[] = []): Promise<JiraProject[]> {
  const projects: JiraProject[] = [];
  for (let startAt = 0; ; startAt += PAGE) {
    const query = new URLSearchParams({ startAt: String(startAt), maxResults: String(PAGE) });
    for (const key of keys) query.append('keys', key);
    const response = await withRetry(() =>
      jira(authority).requestJira(route`/rest/api/3/project/search?${query}`, {
        method: 'GET',
        headers: JSON_HEADERS,
      }),
    );
    const page = await readJson(response, PageOfProjectsSchema, 'the project list');
    projects.push(...page.values);
    if (page.isLast !== false || page.values.length === 0) return projects;
  }
}

/** One project by key, or null when it does not exist (or `authority` cannot see it). */
export async function findProject(authority: Authority, projectKey: string): Promise<JiraProject | null> {
  const response = await withRetry(() =>
    jira(authority).requestJira(route`/rest/api/3/project/${projectKey}`, {
      method: 'GET',
      headers: JSON_HEADERS,
    }),
  );
  try {
    return await readJson(response, JiraProjectSchema, `project ${projectKey}`);
  } catch (error) {
    if (error instanceof JiraHttpError && error.status === 404) return null;
    throw error;
  }
}

/**
 * The keys among `projectKeys` that the app's own account can see, in their order: JQL the app runs over an
 * outcome's projects names only these (Jira refuses a query naming a project its caller cannot see). No call
 * when every key is `known` to be visible to the app.
 */
export async function appReach(
  projectKeys: readonly string[],
  known: readonly string[] = [],
): Promise<string[]> {
  const unknown = projectKeys.filter((key) => !known.includes(key));
  if (unknown.length === 0) return [...projectKeys];
  const seen = new Set((await listProjects('app', unknown)).map((p) => p.key));
  return projectKeys.filter((key) => known.includes(key) || seen.has(key));
}
