import { parseIsoDate } from './dates';
import { errorMessage, fieldErrors } from './errors';
import { issueEvent } from './events';
import {
  type ChangelogItem,
  DONE_RESOLUTION,
  type IssueChanges,
  type JiraIssueType,
  type JiraProject,
  type NewIssueInput,
  type StoredIssue,
} from './model';
import { canBrowse } from './permissions';
import type { JiraSite } from './site';

// Validation messages follow the ones Jira puts in the `errors` map of a 400.
const MESSAGES = {
  project: 'Specify a valid project ID or key',
  issuetypeMissing: 'Specify an issue type',
  issuetype: 'The issue type selected is invalid.',
  summaryMissing: 'You must specify a summary of the issue.',
  summaryTooLong: "Summary can't exceed 255 characters.",
  parentNotFound: 'Could not find issue by id or key.',
  parentHierarchy: 'Given parent issue does not belong to appropriate hierarchy.',
  subtaskNeedsParent: 'Issue type is a sub-task but parent issue key or id not specified.',
  priority: 'The priority selected is invalid.',
  status: 'The status selected is invalid.',
} as const;

type Errors = Record<string, string>;

function validateSummary(summary: string, errors: Errors): void {
  if (summary.trim().length === 0) errors.summary = MESSAGES.summaryMissing;
  else if (summary.length > 255) errors.summary = MESSAGES.summaryTooLong;
}

function validateUser(
  site: JiraSite,
  project: JiraProject | undefined,
  field: string,
  accountId: string | null | undefined,
  errors: Errors,
): void {
  if (accountId === null || accountId === undefined) return;
  const user = site.user(accountId);
  if (!user) {
    errors[field] =
      `Specified user does not exist or you do not have required permissions (accountId: ${accountId}).`;
    return;
  }
  // Jira only lets people who can see the project be assigned to or report its issues.
  if (project && !canBrowse(site.actorFor({ type: 'user', accountId }), project)) {
    errors[field] = `User '${accountId}' cannot be assigned issues.`;
  }
}

function validateLabels(labels: string[] | undefined, errors: Errors): void {
  for (const label of labels ?? []) {
    if (/\s/.test(label)) errors.labels = `The label '${label}' contains spaces which is invalid.`;
    else if (label.length > 255)
      errors.labels = `The label '${label}' exceeds the maximum length for a single label of 255 characters.`;
    else if (label.length === 0) errors.labels = 'Labels cannot be empty.';
  }
}

function validateDueDate(duedate: string | null | undefined, errors: Errors): void {
  if (duedate === null || duedate === undefined) return;
  if (parseIsoDate(duedate) === null) errors.duedate = `Error parsing date string: ${duedate}`;
}

function validateCustomFields(site: JiraSite, values: Record<string, number | null>, errors: Errors): void {
  for (const [id, value] of Object.entries(values)) {
    if (!site.customField(id)) {
      errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
    } else if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
      errors[id] = 'Operation value must be a number';
    }
  }
}

/** Checks the parent against Jira's hierarchy: a parent sits exactly one level above its child. */
function resolveParent(
  site: JiraSite,
  type: JiraIssueType | undefined,
  project: JiraProject | undefined,
  parentRef: string | null | undefined,
  errors: Errors,
  self?: StoredIssue,
): StoredIssue | null | undefined {
  if (parentRef === undefined) return undefined;
  if (parentRef === null || parentRef === '') {
    if (type?.hierarchyLevel === -1) errors.parent = MESSAGES.subtaskNeedsParent;
    return null;
  }
  const parent = site.issue(parentRef);
  if (!parent) {
    errors.parent = MESSAGES.parentNotFound;
    return undefined;
  }
  const parentLevel = site.issueTypeOf(parent).hierarchyLevel;
  const sameProjectNeeded = type?.hierarchyLevel === -1;
  if (
    (type && parentLevel !== type.hierarchyLevel + 1) ||
    (sameProjectNeeded && project && parent.projectId !== project.id) ||
    (self && parent.id === self.id)
  ) {
    errors.parent = MESSAGES.parentHierarchy;
  }
  return parent;
}

function nowIso(site: JiraSite): string {
  return site.now().toISOString();
}

export function createIssue(site: JiraSite, input: NewIssueInput, actorAccountId: string): StoredIssue {
  const errors: Errors = {};
  const project = input.project ? site.project(input.project) : undefined;
  if (!project) errors.project = MESSAGES.project;
  const type = input.issueType ? site.issueType(input.issueType) : undefined;
  if (!input.issueType) errors.issuetype = MESSAGES.issuetypeMissing;
  else if (!type) errors.issuetype = MESSAGES.issuetype;
  validateSummary(input.summary ?? '', errors);
  const parentRef = input.parentKey ?? (type?.hierarchyLevel === -1 ? null : undefined);
  const parent = resolveParent(site, type, project, parentRef, errors);
  validateUser(site, project, 'assignee', input.assigneeId, errors);
  const reporterId = input.reporterId === undefined ? actorAccountId : input.reporterId;
  if (reporterId !== actorAccountId) validateUser(site, project, 'reporter', reporterId, errors);
  const priority = site.priority(input.priority ?? 'Medium');
  if (!priority) errors.priority = MESSAGES.priority;
  const status = input.status === undefined ? site.state.statuses[0] : site.status(input.status);
  if (!status) errors.status = MESSAGES.status;
  validateLabels(input.labels, errors);
  validateDueDate(input.duedate, errors);
  const customFields: Record<string, number | null> = { ...(input.customFields ?? {}) };
  if (input.storyPoints !== undefined) customFields[site.state.storyPointsFieldId] = input.storyPoints;
  validateCustomFields(site, customFields, errors);
  if (Object.keys(errors).length > 0 || !project || !type || !priority || !status) throw fieldErrors(errors);

  const { nextIds } = site.state;
  const number = nextIds.issueNumber[project.key] ?? 1;
  nextIds.issueNumber[project.key] = number + 1;
  const created = input.created ?? nowIso(site);
  const updated = input.updated ?? created;
  const issue: StoredIssue = {
    id: String(nextIds.issue++),
    key: `${project.key}-${number}`,
    projectId: project.id,
    issueTypeId: type.id,
    summary: input.summary,
    description: input.description ?? null,
    statusId: status.id,
    priorityId: priority.id,
    assigneeId: input.assigneeId ?? null,
    reporterId,
    creatorId: actorAccountId,
    parentId: parent ? parent.id : null,
    labels: [...(input.labels ?? [])],
    duedate: input.duedate ?? null,
    created,
    updated,
    resolutiondate: status.category === 'done' ? (input.resolutiondate ?? updated) : null,
    customFields,
    properties: structuredClone(input.properties ?? {}),
    ...(input.securityLevel ? { securityLevel: input.securityLevel } : {}),
  };
  site.beforeWrite(issue.id, null);
  site.state.issues.push(issue);
  site.appended(issue);
  site.afterWrite(issue.id, issue);
  site.emit(issueEvent(site, 'avi:jira:created:issue', issue, actorAccountId));
  return issue;
}

function item(
  field: string,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toText: string | null,
  extra: { fieldtype?: 'jira' | 'custom'; fieldId?: string | null } = {},
): ChangelogItem {
  const fieldId = extra.fieldId === undefined ? field : extra.fieldId;
  return {
    field,
    fieldtype: extra.fieldtype ?? 'jira',
    ...(fieldId === null ? {} : { fieldId }),
    from,
    fromString,
    to,
    toString: toText,
  };
}

function displayName(site: JiraSite, accountId: string | null): string | null {
  return accountId === null ? null : (site.user(accountId)?.displayName ?? accountId);
}

export function updateIssue(
  site: JiraSite,
  issue: StoredIssue,
  changes: IssueChanges,
  actorAccountId: string,
): StoredIssue {
  const errors: Errors = {};
  const project = site.projectOf(issue);
  const currentType = site.issueTypeOf(issue);
  let newType = currentType;
  if (changes.issueTypeId !== undefined) {
    const t = site.issueType(changes.issueTypeId);
    // Changing the hierarchy level is a "move" in Jira, not an edit.
    if (!t || t.hierarchyLevel !== currentType.hierarchyLevel) errors.issuetype = MESSAGES.issuetype;
    else newType = t;
  }
  if (changes.summary !== undefined) validateSummary(changes.summary, errors);
  const statusRef = changes.statusId ?? changes.status;
  const newStatus = statusRef === undefined ? undefined : site.status(statusRef);
  if (statusRef !== undefined && !newStatus) errors.status = MESSAGES.status;
  const parent = resolveParent(site, newType, project, changes.parentKey, errors, issue);
  if (parent && isDescendant(site, parent, issue)) errors.parent = MESSAGES.parentHierarchy;
  validateUser(site, project, 'assignee', changes.assigneeId, errors);
  validateUser(site, project, 'reporter', changes.reporterId, errors);
  const newPriority = changes.priority === undefined ? undefined : site.priority(changes.priority);
  if (changes.priority !== undefined && !newPriority) errors.priority = MESSAGES.priority;
  validateLabels(changes.labels, errors);
  validateDueDate(changes.duedate, errors);
  const customFields: Record<string, number | null> = { ...(changes.customFields ?? {}) };
  if (changes.storyPoints !== undefined) customFields[site.state.storyPointsFieldId] = changes.storyPoints;
  validateCustomFields(site, customFields, errors);
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);

  const items: ChangelogItem[] = [];
  const now = nowIso(site);
  site.beforeWrite(issue.id, issue);
  if (changes.summary !== undefined && changes.summary !== issue.summary) {
    items.push(item('summary', null, issue.summary, null, changes.summary));
    issue.summary = changes.summary;
  }
  if (changes.description !== undefined && changes.description !== issue.description) {
    items.push(item('description', null, issue.description, null, changes.description));
    issue.description = changes.description;
  }
  if (newType.id !== issue.issueTypeId) {
    items.push(item('issuetype', currentType.id, currentType.name, newType.id, newType.name));
    issue.issueTypeId = newType.id;
  }
  if (newStatus && newStatus.id !== issue.statusId) {
    const old = site.statusOf(issue);
    items.push(item('status', old.id, old.name, newStatus.id, newStatus.name));
    if (newStatus.category === 'done' && old.category !== 'done') {
      items.push(item('resolution', null, null, DONE_RESOLUTION.id, DONE_RESOLUTION.name));
      issue.resolutiondate = now;
    } else if (newStatus.category !== 'done' && old.category === 'done') {
      items.push(item('resolution', DONE_RESOLUTION.id, DONE_RESOLUTION.name, null, null));
      issue.resolutiondate = null;
    }
    issue.statusId = newStatus.id;
  }
  if (parent !== undefined && (parent?.id ?? null) !== issue.parentId) {
    const old = issue.parentId === null ? undefined : site.issue(issue.parentId);
    // Jira records re-parenting under this field name, without a fieldId.
    items.push(
      item(
        'IssueParentAssociation',
        old?.id ?? null,
        old?.key ?? null,
        parent?.id ?? null,
        parent?.key ?? null,
        {
          fieldId: null,
        },
      ),
    );
    issue.parentId = parent?.id ?? null;
    site.invalidate();
  }
  if (changes.assigneeId !== undefined && changes.assigneeId !== issue.assigneeId) {
    items.push(
      item(
        'assignee',
        issue.assigneeId,
        displayName(site, issue.assigneeId),
        changes.assigneeId,
        displayName(site, changes.assigneeId),
      ),
    );
    issue.assigneeId = changes.assigneeId;
  }
  if (changes.reporterId !== undefined && changes.reporterId !== issue.reporterId) {
    items.push(
      item(
        'reporter',
        issue.reporterId,
        displayName(site, issue.reporterId),
        changes.reporterId,
        displayName(site, changes.reporterId),
      ),
    );
    issue.reporterId = changes.reporterId;
  }
  if (newPriority && newPriority.id !== issue.priorityId) {
    const old = site.priorityOf(issue);
    items.push(item('priority', old.id, old.name, newPriority.id, newPriority.name));
    issue.priorityId = newPriority.id;
  }
  if (changes.labels !== undefined && changes.labels.join(' ') !== issue.labels.join(' ')) {
    items.push(item('labels', null, issue.labels.join(' '), null, changes.labels.join(' ')));
    issue.labels = [...changes.labels];
  }
  if (changes.duedate !== undefined && changes.duedate !== issue.duedate) {
    const asString = (d: string | null) => (d === null ? null : `${d} 00:00:00.0`);
    items.push(
      item('duedate', issue.duedate, asString(issue.duedate), changes.duedate, asString(changes.duedate)),
    );
    issue.duedate = changes.duedate;
  }
  for (const [id, value] of Object.entries(customFields)) {
    const old = issue.customFields[id] ?? null;
    if (old === value) continue;
    const field = site.customField(id);
    items.push(
      item(
        field?.name ?? id,
        null,
        old === null ? null : String(old),
        null,
        value === null ? null : String(value),
        {
          fieldtype: 'custom',
          fieldId: id,
        },
      ),
    );
    issue.customFields[id] = value;
  }
  // A no-op edit leaves no history and fires no event, as in Jira.
  if (items.length > 0) {
    issue.updated = now;
    site.afterWrite(issue.id, issue);
    site.emit(issueEvent(site, 'avi:jira:updated:issue', issue, actorAccountId, items));
  }
  return issue;
}

function isDescendant(site: JiraSite, candidate: StoredIssue, ancestor: StoredIssue): boolean {
  let current: StoredIssue | undefined = candidate;
  while (current && current.parentId !== null) {
    if (current.parentId === ancestor.id) return true;
    current = site.issue(current.parentId);
  }
  return false;
}

export function deleteIssue(
  site: JiraSite,
  issue: StoredIssue,
  actorAccountId: string,
  options: { deleteSubtasks: boolean },
): void {
  const children = site.childrenOf(issue.id);
  const subtasks = children.filter((c) => site.issueTypeOf(c).hierarchyLevel === -1);
  if (subtasks.length > 0 && !options.deleteSubtasks) {
    throw errorMessage(
      400,
      `The issue '${issue.key}' has subtasks. Set the deleteSubtasks parameter to true to delete the issue with its subtasks.`,
    );
  }
  // Jira emits a delete event for the deleted issue only: "cascading events aren't emitted" (README:
  // events). The subtasks go with it and an epic's children lose their parent, silently.
  const cascade = !site.behaviours.documentedEvents.enabled;
  for (const subtask of subtasks) removeIssue(site, subtask, actorAccountId, cascade);
  for (const child of children.filter((c) => !subtasks.includes(c))) {
    if (cascade) updateIssue(site, child, { parentKey: null }, actorAccountId);
    else detachParent(site, child);
  }
  removeIssue(site, issue, actorAccountId, true);
}

/** Children of a deleted epic survive it, without a parent; Jira records no history and sends no event. */
function detachParent(site: JiraSite, child: StoredIssue): void {
  site.beforeWrite(child.id, child);
  child.parentId = null;
  site.invalidate();
  site.afterWrite(child.id, child);
}

function removeIssue(site: JiraSite, issue: StoredIssue, actorAccountId: string, notify: boolean): void {
  const event = issueEvent(site, 'avi:jira:deleted:issue', issue, actorAccountId);
  const visibleToApp = site.canSeeIssue(site.appActor(), issue);
  site.beforeWrite(issue.id, issue);
  const index = site.state.issues.indexOf(issue);
  if (index >= 0) site.state.issues.splice(index, 1);
  site.invalidate();
  site.afterWrite(issue.id, null);
  if (notify) site.emit(event, visibleToApp);
}
