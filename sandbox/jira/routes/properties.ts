import { emptyResponse, errorMessage, jsonResponse } from '../errors';
import type { BulkPropertyFilter, BulkPropertyWork, StoredIssue } from '../model';
import { actorAccountId, hasProjectPermission, isSiteAdmin } from '../permissions';
import {
  isRecord,
  jsonBody,
  objectBody,
  param,
  type Route,
  type RouteContext,
  requireAuthenticated,
} from './context';

// Issue entity properties. Setting them changes no field, so, as in Jira, no issue event fires.

export const MAX_PROPERTY_BYTES = 32_768;
export const MAX_PROPERTY_KEY_LENGTH = 255;

const NO_EDIT = 'You do not have permission to edit issues in this project.';

function propertyNotFound(key: string) {
  return errorMessage(404, `The property with key '${key}' does not exist.`);
}

function checkKey(key: string): void {
  if (key.length > MAX_PROPERTY_KEY_LENGTH) {
    throw errorMessage(400, `The property key cannot be longer than ${MAX_PROPERTY_KEY_LENGTH} characters.`);
  }
}

/** Jira takes any valid, non-empty JSON up to 32768 bytes as a property value. */
function checkValue(serialized: string | undefined): void {
  if (serialized === undefined || serialized.trim() === '') {
    throw errorMessage(400, 'The property value must be a valid, non-empty JSON.');
  }
  if (Buffer.byteLength(serialized, 'utf8') > MAX_PROPERTY_BYTES) {
    throw errorMessage(
      400,
      `The property value exceeds the maximum length of ${MAX_PROPERTY_BYTES} characters.`,
    );
  }
}

function canEdit(ctx: RouteContext, issue: StoredIssue): boolean {
  return hasProjectPermission(ctx.actor, ctx.site.projectOf(issue), 'EDIT_ISSUES');
}

function listKeys(ctx: RouteContext) {
  const issue = ctx.site.visibleIssue(ctx.actor, param(ctx, 'issueIdOrKey'));
  return jsonResponse(200, {
    keys: Object.keys(issue.properties).map((key) => ({
      self: `${ctx.site.apiBase(ctx.v)}/issue/${issue.id}/properties/${encodeURIComponent(key)}`,
      key,
    })),
  });
}

function getProperty(ctx: RouteContext) {
  const issue = ctx.site.visibleIssue(ctx.actor, param(ctx, 'issueIdOrKey'));
  const key = param(ctx, 'propertyKey');
  if (!(key in issue.properties)) throw propertyNotFound(key);
  return jsonResponse(200, { key, value: issue.properties[key] });
}

function putProperty(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const issue = ctx.site.visibleIssue(ctx.actor, param(ctx, 'issueIdOrKey'));
  const key = param(ctx, 'propertyKey');
  checkKey(key);
  if (!canEdit(ctx, issue)) throw errorMessage(403, NO_EDIT);
  checkValue(ctx.rawBody);
  const value = jsonBody(ctx);
  const existed = key in issue.properties;
  ctx.site.beforeWrite(issue.id, issue);
  issue.properties[key] = value;
  ctx.site.afterWrite(issue.id, issue);
  return emptyResponse(existed ? 200 : 201);
}

function deleteProperty(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const issue = ctx.site.visibleIssue(ctx.actor, param(ctx, 'issueIdOrKey'));
  const key = param(ctx, 'propertyKey');
  if (!canEdit(ctx, issue)) throw errorMessage(403, NO_EDIT);
  if (!(key in issue.properties)) throw propertyNotFound(key);
  ctx.site.beforeWrite(issue.id, issue);
  delete issue.properties[key];
  ctx.site.afterWrite(issue.id, issue);
  return emptyResponse(204);
}

// --- bulk operations: Jira runs them as asynchronous tasks (see tasks.ts), answering 303 to the task. ---

function submitTask(ctx: RouteContext, description: string, work: BulkPropertyWork) {
  const task = ctx.site.tasks.submit(description, actorAccountId(ctx.actor) ?? '', work);
  return emptyResponse(303, { location: `${ctx.site.apiBase(ctx.v)}/task/${task.id}` });
}

/** Issues a bulk operation may touch: visible and editable for the caller; others are skipped, as Jira ignores them. */
function editableIssue(ctx: RouteContext, id: unknown): StoredIssue | undefined {
  if (typeof id !== 'number' && typeof id !== 'string') return undefined;
  const issue = ctx.site.issue(String(id));
  return issue && ctx.site.canSeeIssue(ctx.actor, issue) && canEdit(ctx, issue) ? issue : undefined;
}

function serializedSize(value: unknown): string {
  return JSON.stringify(value) ?? '';
}

function bulkSetMulti(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const body = objectBody(ctx);
  const entries = Array.isArray(body.issues) ? body.issues : undefined;
  if (!entries) throw errorMessage(400, "The request body must contain a list of 'issues'.");
  if (entries.length > 100) throw errorMessage(400, 'Up to 100 issues can be updated in one request.');
  const plan: { issue: StoredIssue; properties: Record<string, unknown> }[] = [];
  for (const entry of entries) {
    if (!isRecord(entry) || !isRecord(entry.properties))
      throw errorMessage(400, 'Each issue needs a properties object.');
    const properties = entry.properties;
    if (Object.keys(properties).length > 10)
      throw errorMessage(400, 'Up to 10 properties can be set on each issue.');
    for (const [key, value] of Object.entries(properties)) {
      checkKey(key);
      checkValue(serializedSize(value));
    }
    const issue = editableIssue(ctx, entry.issueID);
    if (issue) plan.push({ issue, properties });
  }
  // Validated first so the operation is all-or-nothing, as Jira's is.
  return submitTask(ctx, 'Bulk set issue properties', {
    kind: 'set',
    issueIds: plan.map((p) => p.issue.id),
    properties: {},
    perIssue: Object.fromEntries(plan.map((p) => [p.issue.id, structuredClone(p.properties)])),
  });
}

function bulkSetList(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const body = objectBody(ctx);
  const ids = Array.isArray(body.entitiesIds) ? body.entitiesIds : [];
  const properties = isRecord(body.properties) ? body.properties : undefined;
  if (!properties) throw errorMessage(400, "The request body must contain 'properties'.");
  if (Object.keys(properties).length > 10)
    throw errorMessage(400, 'Up to 10 properties can be set in one request.');
  for (const [key, value] of Object.entries(properties)) {
    checkKey(key);
    checkValue(serializedSize(value));
  }
  const issues = ids.flatMap((id) => editableIssue(ctx, id) ?? []);
  return submitTask(ctx, 'Bulk set issue properties', {
    kind: 'set',
    issueIds: issues.map((i) => i.id),
    properties: structuredClone(properties),
  });
}

interface BulkFilter extends BulkPropertyFilter {
  entityIds?: string[];
}

function parseFilter(raw: unknown): BulkFilter {
  if (raw === undefined) return {};
  if (!isRecord(raw)) throw errorMessage(400, "The 'filter' must be an object.");
  const filter: BulkFilter = {};
  if (raw.entityIds !== undefined) {
    if (!Array.isArray(raw.entityIds))
      throw errorMessage(400, "The 'entityIds' filter must be a list of issue ids.");
    filter.entityIds = raw.entityIds.map(String);
  }
  if ('currentValue' in raw) filter.currentValue = raw.currentValue;
  if (typeof raw.hasProperty === 'boolean') filter.hasProperty = raw.hasProperty;
  if (filter.hasProperty === false && 'currentValue' in filter) {
    throw errorMessage(
      400,
      "The filter criteria 'currentValue' and 'hasProperty: false' cannot be combined.",
    );
  }
  return filter;
}

/** The issues a filtered operation is for: the listed ones, or every visible and editable issue. */
function candidateIssues(ctx: RouteContext, filter: BulkFilter): StoredIssue[] {
  return filter.entityIds
    ? filter.entityIds.flatMap((id) => editableIssue(ctx, id) ?? [])
    : ctx.site.visibleIssues(ctx.actor).filter((i) => canEdit(ctx, i));
}

function propertyFilter(filter: BulkFilter): BulkPropertyFilter | undefined {
  const out: BulkPropertyFilter = {};
  if (filter.hasProperty !== undefined) out.hasProperty = filter.hasProperty;
  if ('currentValue' in filter) out.currentValue = structuredClone(filter.currentValue);
  return Object.keys(out).length > 0 ? out : undefined;
}

function bulkSetByFilter(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const key = param(ctx, 'propertyKey');
  checkKey(key);
  const body = objectBody(ctx);
  if (body.expression !== undefined) {
    throw errorMessage(
      400,
      'Jira expressions are not supported by the Jira emulator; send a constant value.',
    );
  }
  if (!('value' in body)) throw errorMessage(400, "The request body must contain a 'value'.");
  checkValue(serializedSize(body.value));
  const filter = parseFilter(body.filter);
  const pf = propertyFilter(filter);
  return submitTask(ctx, `Bulk set issue property ${key}`, {
    kind: 'set',
    issueIds: candidateIssues(ctx, filter).map((i) => i.id),
    properties: { [key]: structuredClone(body.value) },
    ...(pf ? { filter: pf } : {}),
  });
}

function bulkDeleteByFilter(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const key = param(ctx, 'propertyKey');
  const body = jsonBody(ctx);
  const raw = isRecord(body) ? body : {};
  const filter: BulkFilter = {};
  if (Array.isArray(raw.entityIds)) filter.entityIds = raw.entityIds.map(String);
  if ('currentValue' in raw) filter.currentValue = raw.currentValue;
  const pf = propertyFilter(filter);
  return submitTask(ctx, `Bulk delete issue property ${key}`, {
    kind: 'delete',
    issueIds: candidateIssues(ctx, filter).map((i) => i.id),
    propertyKey: key,
    ...(pf ? { filter: pf } : {}),
  });
}

function visibleTask(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const id = param(ctx, 'taskId');
  const task = ctx.site.state.tasks.find((t) => t.id === id);
  // Only the task's submitter or an administrator may follow it.
  if (!task || (!isSiteAdmin(ctx.actor) && task.submittedBy !== actorAccountId(ctx.actor))) {
    throw errorMessage(404, `The task with id '${id}' does not exist.`);
  }
  return task;
}

function getTask(ctx: RouteContext) {
  const task = visibleTask(ctx);
  const status = task.status ?? 'COMPLETE';
  const ended = status === 'COMPLETE' || status === 'FAILED' || status === 'CANCELLED' || status === 'DEAD';
  const started = status === 'ENQUEUED' || task.started === undefined ? undefined : Date.parse(task.started);
  const now = ctx.site.now().getTime();
  const last = ended ? Date.parse(task.finished) : Math.max(started ?? Date.parse(task.submitted), now);
  // Jira reports the submitter as a numeric legacy user id; the position in the user list stands in for it.
  const submitter = ctx.site.state.users.findIndex((u) => u.accountId === task.submittedBy);
  return jsonResponse(200, {
    self: `${ctx.site.apiBase(ctx.v)}/task/${task.id}`,
    id: task.id,
    description: task.description,
    status,
    ...(task.message ? { message: task.message } : {}),
    ...(status === 'COMPLETE' ? { result: task.result } : {}),
    submittedBy: submitter + 1,
    progress: ctx.site.tasks.progress(task),
    elapsedRuntime: started === undefined ? 0 : Math.max(0, last - started),
    submitted: Date.parse(task.submitted),
    ...(started === undefined ? {} : { started }),
    ...(ended ? { finished: Date.parse(task.finished) } : {}),
    lastUpdate: last,
  });
}

function cancelTask(ctx: RouteContext) {
  const task = visibleTask(ctx);
  if (!ctx.site.tasks.cancel(task)) {
    return jsonResponse(400, [`The task with id '${task.id}' has already finished and cannot be cancelled.`]);
  }
  return jsonResponse(202, {});
}

export const propertyRoutes: Route[] = [
  { method: 'GET', template: '/issue/{issueIdOrKey}/properties', handler: listKeys },
  { method: 'GET', template: '/issue/{issueIdOrKey}/properties/{propertyKey}', handler: getProperty },
  { method: 'PUT', template: '/issue/{issueIdOrKey}/properties/{propertyKey}', handler: putProperty },
  { method: 'DELETE', template: '/issue/{issueIdOrKey}/properties/{propertyKey}', handler: deleteProperty },
  { method: 'POST', template: '/issue/properties/multi', handler: bulkSetMulti },
  { method: 'POST', template: '/issue/properties', handler: bulkSetList },
  { method: 'PUT', template: '/issue/properties/{propertyKey}', handler: bulkSetByFilter },
  { method: 'DELETE', template: '/issue/properties/{propertyKey}', handler: bulkDeleteByFilter },
  { method: 'GET', template: '/task/{taskId}', handler: getTask },
  { method: 'POST', template: '/task/{taskId}/cancel', handler: cancelTask },
];
