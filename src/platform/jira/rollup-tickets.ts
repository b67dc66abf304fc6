import type { RollupTicket, StatusCategory } from '../../domain/rollup';
import type { JiraIssue } from './schemas';

/** The issue fields a rollup reads; the story points field's id is discovered per site. */
export const rollupFields = (pointsField: string | null) => [
  'status',
  'issuetype',
  'duedate',
  'created',
  'resolutiondate',
  ...(pointsField ? [pointsField] : []),
];

/** What a rollup needs of a Jira issue, read defensively: a missing field counts as unknown, never as a crash. */
export function toRollupTicket(issue: JiraIssue, pointsField: string | null): RollupTicket {
  const f = issue.fields;
  const category = f.status?.statusCategory.key;
  const status: StatusCategory = category === 'done' || category === 'indeterminate' ? category : 'new';
  const points = pointsField ? (f as Record<string, unknown>)[pointsField] : null;
  const level = f.issuetype?.hierarchyLevel ?? (f.issuetype?.subtask ? -1 : 0);
  return {
    id: issue.id,
    key: issue.key,
    level,
    issueType: f.issuetype?.name ?? '',
    status,
    points: typeof points === 'number' && Number.isFinite(points) ? points : null,
    dueDate: f.duedate ?? null,
    created: f.created ?? new Date(0).toISOString(),
    resolved: f.resolutiondate ?? null,
  };
}
