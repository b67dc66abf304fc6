import { validationFailed } from '../../domain/errors';
import { LINKS_PROPERTY_KEY, type LinksProperty, readLinks } from '../../domain/links';
import { getIssue, setIssueProperty } from '../../platform/jira/issues';
import { withLock } from '../../platform/storage/locks';

/**
 * Read-modify-write of one ticket's links under a lock, re-reading inside it: Jira has no conditional
 * property writes, and two people linking the same ticket at once must both keep their link.
 * The write goes out as the user, so Jira itself checks the edit permission once more.
 */
export function editLinks(
  issue: { id: string; key: string },
  change: (links: LinksProperty) => LinksProperty,
): Promise<LinksProperty> {
  return withLock(
    `issue-links:${issue.id}`,
    {
      ttlSeconds: 20,
      attempts: 6,
      waitMs: 150,
      busyMessage: `Someone else is changing the outcomes of ${issue.key} right now. Try again in a moment.`,
    },
    async () => {
      const fresh = await getIssue('app', issue.key, ['summary'], [LINKS_PROPERTY_KEY]);
      const current = readLinks(fresh.properties?.[LINKS_PROPERTY_KEY]);
      const next = change(current);
      if (next !== current) await setIssueProperty('user', issue.key, LINKS_PROPERTY_KEY, next);
      return next;
    },
  );
}

export const outcomeGone = () =>
  validationFailed([{ path: 'outcomeId', message: 'That outcome no longer exists. Pick another one.' }]);
