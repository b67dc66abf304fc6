import { route } from '@forge/api';
import { z } from 'zod';
import { LINKS_PROPERTY_KEY, type LinksProperty, readLinks } from '../../domain/links';
import { withLock } from '../storage/locks';
import { type Authority, expectOk, JSON_HEADERS, jira, readJson, withRetry } from './client';
import { getIssue, setIssueProperty } from './issues';

/**
 * Read-modify-write of one ticket's links under a short lock, re-reading inside it: Jira has no
 * conditional property writes, and two changes to the same ticket (two people, or a person and a
 * trigger) must both survive. Returns the links before and after.
 */
export function updateLinks(
  issue: { id: string; key: string },
  authority: Authority,
  change: (
    links: LinksProperty,
    fresh: { parentKey: string | null },
  ) => LinksProperty | Promise<LinksProperty>,
): Promise<{ before: LinksProperty; after: LinksProperty }> {
  return withLock(
    `issue-links:${issue.id}`,
    {
      ttlSeconds: 20,
      attempts: 8,
      waitMs: 150,
      busyMessage: `Someone else is changing the outcomes of ${issue.key} right now. Try again in a moment.`,
    },
    async () => {
      const fresh = await getIssue('app', issue.key, ['parent'], [LINKS_PROPERTY_KEY]);
      const before = readLinks(fresh.properties?.[LINKS_PROPERTY_KEY]);
      const after = await change(before, { parentKey: fresh.fields.parent?.key ?? null });
      if (after !== before) await setIssueProperty(authority, issue.key, LINKS_PROPERTY_KEY, after);
      return { before, after };
    },
  );
}

const TaskSchema = z.object({ status: z.string().optional(), result: z.unknown().optional() });

/**
 * Sets the same links value on every listed ticket that has no links property yet (Jira's bulk set by
 * filter; `hasProperty: false` makes Jira skip any ticket linked meanwhile).
 */
export async function setLinksWhereAbsent(issueIds: string[], links: LinksProperty): Promise<number> {
  if (issueIds.length === 0) return 0;
  const body = { value: links, filter: { entityIds: issueIds.map(Number), hasProperty: false } };
  const response = await withRetry(() =>
    jira('app').requestJira(route`/rest/api/3/issue/properties/${LINKS_PROPERTY_KEY}`, {
      method: 'PUT',
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
      // Jira answers 303 with the task to follow; the app follows it itself to know when the work is done.
      redirect: 'manual',
    }),
  );
  if (response.status !== 303) await expectOk(response);
  return 1 + (await awaitTask(response.headers.get('location')));
}

/** Follows a bulk operation's task until Jira reports it done; returns the calls it took. */
async function awaitTask(location: string | null): Promise<number> {
  const taskId = location?.match(/\/task\/([^/?]+)/)?.[1];
  if (!taskId) return 0;
  for (let calls = 1; calls <= 20; calls++) {
    const response = await withRetry(() =>
      jira('app').requestJira(route`/rest/api/3/task/${taskId}`, { method: 'GET', headers: JSON_HEADERS }),
    );
    const task = await readJson(response, TaskSchema, `task ${taskId}`);
    if (task.status === 'COMPLETE') return calls;
    if (task.status === 'FAILED' || task.status === 'CANCELLED' || task.status === 'DEAD') {
      throw new Error(`Jira's bulk property task ${taskId} ended ${task.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * calls));
  }
  throw new Error(`Jira's bulk property task ${taskId} did not finish in time`);
}
