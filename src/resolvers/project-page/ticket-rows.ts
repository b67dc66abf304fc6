import type { RollupSettings } from '../../contract/outcome';
import type { TicketRow } from '../../contract/project-page';
import { notThroughParent, servesOutcome } from '../../domain/jql';
import type { JiraIssue } from '../../platform/jira/schemas';

/** The fields a ticket row shows (and nothing more: smaller pages, faster searches). */
export const ticketFields = (pointsField: string | null) => [
  'summary',
  'status',
  'issuetype',
  'assignee',
  'duedate',
  ...(pointsField ? [pointsField] : []),
];

export function toTicketRow(issue: JiraIssue, pointsField: string | null): TicketRow {
  const f = issue.fields as JiraIssue['fields'] & { assignee?: { displayName?: string } | null };
  const category = f.status?.statusCategory.key;
  const points = pointsField ? (f as Record<string, unknown>)[pointsField] : null;
  return {
    key: issue.key,
    summary: f.summary ?? '',
    status: f.status?.name ?? '',
    statusCategory: category === 'done' || category === 'indeterminate' ? category : 'new',
    issueType: f.issuetype?.name ?? '',
    assignee: f.assignee?.displayName ?? null,
    dueDate: f.duedate ?? null,
    points: typeof points === 'number' ? points : null,
  };
}

/**
 * The tickets a rollup counts, as JQL: epics count through their stories; subtasks count through a
 * parent serving the outcome too, unless the outcome counts subtasks.
 */
export function countedTickets(outcomeId: string, rollup: RollupSettings): string {
  const types = rollup.countSubtasks
    ? 'issuetype != Epic'
    : `(issuetype in standardIssueTypes() OR ${notThroughParent(outcomeId)}) AND issuetype != Epic`;
  return `${servesOutcome(outcomeId)} AND ${types}`;
}
