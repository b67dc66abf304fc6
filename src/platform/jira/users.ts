import { route } from '@forge/api';
import { z } from 'zod';
import type { UserRef } from '../../contract/primitives';
import { type Authority, JSON_HEADERS, jira, readJson, withRetry } from './client';
import { type JiraUser, JiraUserSchema, PageOfUsersSchema } from './schemas';

const BULK_PAGE = 100;

export const toUserRef = (user: JiraUser): UserRef => ({
  accountId: user.accountId,
  displayName: user.displayName,
  avatarUrl: user.avatarUrls?.['48x48'] ?? null,
});

/** Looks up many users in as few calls as Jira allows; unknown ids are simply absent from the map. */
export async function getUsers(
  accountIds: Iterable<string>,
  authority: Authority = 'app',
): Promise<Map<string, UserRef>> {
  const ids = [...new Set(accountIds)];
  const users = new Map<string, UserRef>();
  for (let i = 0; i < ids.length; i += BULK_PAGE) {
    const query = new URLSearchParams({ maxResults: String(BULK_PAGE) });
    for (const id of ids.slice(i, i + BULK_PAGE)) query.append('accountId', id);
    const response = await withRetry(() =>
      jira(authority).requestJira(route`/rest/api/3/user/bulk?${query}`, {
        method: 'GET',
        headers: JSON_HEADERS,
      }),
    );
    const page = await readJson(response, PageOfUsersSchema, 'users');
    for (const user of page.values) users.set(user.accountId, toUserRef(user));
  }
  return users;
}

/** Users matching a name or email fragment, as the caller is allowed to see them. */
export async function searchUsers(authority: Authority, text: string, maxResults = 20): Promise<UserRef[]> {
  const query = new URLSearchParams({ query: text, maxResults: String(maxResults) });
  const response = await withRetry(() =>
    jira(authority).requestJira(route`/rest/api/3/user/search?${query}`, {
      method: 'GET',
      headers: JSON_HEADERS,
    }),
  );
  const found = await readJson(response, z.array(JiraUserSchema), 'a user search');
  return found.filter((u) => u.active).map(toUserRef);
}
