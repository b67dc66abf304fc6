import { inProjects } from '../../domain/jql';
import type { Authority } from './client';
import { searchPage } from './issues';

/** How many secured tickets are compared at most: enough to say which projects, cheap in points. */
export const SECURED_SAMPLE = 100;

/**
 * Tickets of these projects at an issue security level, as `authority` can see them (Jira's `level` field;
 * a level hides its tickets from everyone outside it, the app's own user included). The first
 * SECURED_SAMPLE of them, ids and projects only, and whether there are more.
 */
export async function securedTickets(authority: Authority, projectKeys: readonly string[]) {
  if (projectKeys.length === 0) return { tickets: [], more: false };
  const page = await searchPage(
    authority,
    `${inProjects(projectKeys)} AND level IS NOT EMPTY ORDER BY key ASC`,
    { fields: ['project'], pageSize: SECURED_SAMPLE },
    null,
  );
  return {
    tickets: page.issues.map((i) => ({
      id: i.id,
      projectKey: i.fields.project?.key ?? i.key.split('-')[0] ?? '',
    })),
    more: page.nextPageToken !== null,
  };
}
