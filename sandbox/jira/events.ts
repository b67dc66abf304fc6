import type { ChangelogItem, JiraIssueEvent, JiraIssueEventType, StoredIssue } from './model';
import type { JiraSite } from './site';
import { renderFields } from './views/issue';

// Forge product events carry API v2 style beans (see the examples in Forge's Jira events reference).
const EVENT_API_VERSION = '2';

function eventFields(site: JiraSite, issue: StoredIssue): Record<string, unknown> {
  const ids = [
    'summary',
    'issuetype',
    'creator',
    'created',
    'project',
    'reporter',
    'assignee',
    'updated',
    'status',
    'parent',
    'priority',
    'labels',
    'duedate',
    'resolutiondate',
    ...site.state.customFields.map((f) => f.id),
  ];
  return renderFields(site, issue, ids, EVENT_API_VERSION);
}

export function issueEvent(
  site: JiraSite,
  eventType: JiraIssueEventType,
  issue: StoredIssue,
  actorAccountId: string,
  changelogItems?: ChangelogItem[],
): JiraIssueEvent {
  const event: JiraIssueEvent = {
    eventType,
    atlassianId: actorAccountId,
    associatedUsers: [{ accountId: actorAccountId }],
    issue: { id: issue.id, key: issue.key, fields: eventFields(site, issue) },
  };
  if (changelogItems) {
    event.changelog = { id: String(site.state.nextIds.changelog++), items: changelogItems };
  }
  return event;
}
