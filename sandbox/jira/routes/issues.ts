import { emptyResponse, errorMessage, fieldErrors, jsonResponse } from '../errors';
import { createIssue, deleteIssue, updateIssue } from '../issue-mutations';
import type { JiraStatus, StoredIssue } from '../model';
import { actorAccountId, canBrowse, hasProjectPermission } from '../permissions';
import type { JiraSite } from '../site';
import { issueJson, parseFieldSelection } from '../views/issue';
import { statusJson } from '../views/meta';
import {
  boolParam,
  isRecord,
  listParam,
  objectBody,
  param,
  type Route,
  type RouteContext,
  requireAuthenticated,
} from './context';
import { checkParentVisible, parseCreateBody, parseEditBody } from './issue-body';

function actorId(ctx: RouteContext): string {
  const id = actorAccountId(ctx.actor);
  if (id === null) throw new Error('An authenticated actor is required here');
  return id;
}

function renderIssue(ctx: RouteContext, issue: StoredIssue) {
  const selection = parseFieldSelection(ctx.site, listParam(ctx, 'fields'), true);
  return issueJson(ctx.site, issue, ctx.v, {
    fieldIds: selection.fieldIds,
    propertyTokens: listParam(ctx, 'properties'),
    expandNames: listParam(ctx, 'expand').includes('names'),
  });
}

function getIssue(ctx: RouteContext) {
  const issue = ctx.site.visibleIssue(ctx.actor, param(ctx, 'issueIdOrKey'));
  return jsonResponse(200, renderIssue(ctx, issue));
}

function postIssue(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const input = parseCreateBody(ctx.site, objectBody(ctx), ctx.v);
  const project = ctx.site.project(input.project);
  // A project the caller cannot browse is reported exactly like one that does not exist.
  if (project && !canBrowse(ctx.actor, project))
    throw fieldErrors({ project: 'Specify a valid project ID or key' });
  if (project && !hasProjectPermission(ctx.actor, project, 'CREATE_ISSUES')) {
    throw errorMessage(400, 'You do not have permission to create issues in this project.');
  }
  const hidden = checkParentVisible(ctx.site, ctx.actor, input.parentKey);
  if (Object.keys(hidden).length > 0) throw fieldErrors(hidden);
  if (project && input.assigneeId && !hasProjectPermission(ctx.actor, project, 'ASSIGN_ISSUES')) {
    throw fieldErrors({ assignee: 'You do not have permission to assign issues.' });
  }
  const issue = createIssue(ctx.site, input, actorId(ctx));
  return jsonResponse(201, {
    id: issue.id,
    key: issue.key,
    self: `${ctx.site.apiBase(ctx.v)}/issue/${issue.id}`,
  });
}

function putIssue(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const issue = ctx.site.visibleIssue(ctx.actor, param(ctx, 'issueIdOrKey'));
  const body = objectBody(ctx);
  const project = ctx.site.projectOf(issue);
  const { changes, fieldNames } = parseEditBody(ctx.site, issue, body, ctx.v);
  // Jira answers an edit without Edit Issues permission as if the fields were not on the screen.
  if (!hasProjectPermission(ctx.actor, project, 'EDIT_ISSUES')) {
    throw fieldErrors(
      Object.fromEntries(
        fieldNames.map((f) => [
          f,
          `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`,
        ]),
      ),
    );
  }
  if (changes.assigneeId !== undefined && !hasProjectPermission(ctx.actor, project, 'ASSIGN_ISSUES')) {
    throw fieldErrors({ assignee: 'You do not have permission to assign issues.' });
  }
  const hidden = checkParentVisible(ctx.site, ctx.actor, changes.parentKey);
  if (Object.keys(hidden).length > 0) throw fieldErrors(hidden);
  updateIssue(ctx.site, issue, changes, actorId(ctx));
  return boolParam(ctx, 'returnIssue') ? jsonResponse(200, renderIssue(ctx, issue)) : emptyResponse(204);
}

function deleteIssueRoute(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const issue = ctx.site.visibleIssue(ctx.actor, param(ctx, 'issueIdOrKey'));
  if (!hasProjectPermission(ctx.actor, ctx.site.projectOf(issue), 'DELETE_ISSUES')) {
    throw errorMessage(403, 'You do not have permission to delete issues in this project.');
  }
  deleteIssue(ctx.site, issue, actorId(ctx), { deleteSubtasks: boolParam(ctx, 'deleteSubtasks') });
  return emptyResponse(204);
}

// One global transition into each status, as in a simplified workflow. Ids follow Jira's 11, 21, 31... pattern.
function transitionsFor(site: JiraSite, issue: StoredIssue): { id: string; status: JiraStatus }[] {
  return site.state.statuses
    .map((status, index) => ({ id: String(11 + index * 10), status }))
    .filter((t) => t.status.id !== issue.statusId);
}

function getTransitions(ctx: RouteContext) {
  const issue = ctx.site.visibleIssue(ctx.actor, param(ctx, 'issueIdOrKey'));
  const allowed = hasProjectPermission(ctx.actor, ctx.site.projectOf(issue), 'TRANSITION_ISSUES');
  const only = ctx.query.get('transitionId');
  const transitions = allowed ? transitionsFor(ctx.site, issue).filter((t) => !only || t.id === only) : [];
  return jsonResponse(200, {
    expand: 'transitions',
    transitions: transitions.map((t) => ({
      id: t.id,
      name: t.status.name,
      to: statusJson(ctx.site, t.status, ctx.v),
      hasScreen: false,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    })),
  });
}

function postTransition(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const issue = ctx.site.visibleIssue(ctx.actor, param(ctx, 'issueIdOrKey'));
  const body = objectBody(ctx);
  const transition = isRecord(body.transition) ? body.transition : undefined;
  const id =
    transition && (typeof transition.id === 'string' || typeof transition.id === 'number')
      ? String(transition.id)
      : undefined;
  if (!id) throw errorMessage(400, "Missing 'transition' identifier");
  if (!hasProjectPermission(ctx.actor, ctx.site.projectOf(issue), 'TRANSITION_ISSUES')) {
    throw errorMessage(400, 'You do not have permission to transition this issue.');
  }
  const target = transitionsFor(ctx.site, issue).find((t) => t.id === id);
  if (!target) throw errorMessage(400, `Transition id '${id}' is not valid for this issue.`);
  // The resolution is set from the target status, so a `resolution` field on the screen is accepted and ignored.
  const fields = isRecord(body.fields) ? { ...body.fields } : {};
  delete fields.resolution;
  const { changes } = parseEditBody(ctx.site, issue, { fields, update: body.update }, ctx.v);
  updateIssue(ctx.site, issue, { ...changes, statusId: target.status.id }, actorId(ctx));
  return emptyResponse(204);
}

export const issueRoutes: Route[] = [
  { method: 'GET', template: '/issue/{issueIdOrKey}', handler: getIssue },
  { method: 'POST', template: '/issue', handler: postIssue },
  { method: 'PUT', template: '/issue/{issueIdOrKey}', handler: putIssue },
  { method: 'DELETE', template: '/issue/{issueIdOrKey}', handler: deleteIssueRoute },
  { method: 'GET', template: '/issue/{issueIdOrKey}/transitions', handler: getTransitions },
  { method: 'POST', template: '/issue/{issueIdOrKey}/transitions', handler: postTransition },
];
