import { errorMessage, issueNotFound, jsonResponse } from '../errors';
import type { JiraProject } from '../model';
import {
  type Actor,
  actorAccountId,
  canBrowse,
  hasGlobalPermission,
  isGlobalPermission,
  isProjectPermission,
  isSiteAdmin,
  PERMISSION_CATALOG,
  type ProjectPermissionKey,
  projectPermissionsOf,
  resolveActor,
} from '../permissions';
import { isRecord, listParam, objectBody, type Route, type RouteContext } from './context';
import { projectNotFoundError } from './projects';

function unknownKeys(keys: string[]): string[] {
  return keys.filter((k) => !isProjectPermission(k) && !isGlobalPermission(k));
}

/** The project a /mypermissions context names, if any; one the caller cannot see is a 404. */
function contextProjects(ctx: RouteContext): JiraProject[] | undefined {
  const { site, actor, query } = ctx;
  const issueRef = query.get('issueId') ?? query.get('issueKey');
  if (issueRef) {
    const issue = site.issue(issueRef);
    if (!issue || !site.canSeeIssue(actor, issue)) throw issueNotFound();
    return [site.projectOf(issue)];
  }
  const projectRef = query.get('projectId') ?? query.get('projectKey');
  if (projectRef) {
    const project = site.project(projectRef);
    if (!project || !canBrowse(actor, project)) throw projectNotFoundError(projectRef);
    return [project];
  }
  return undefined;
}

function myPermissions(ctx: RouteContext) {
  const keys = listParam(ctx, 'permissions');
  if (keys.length === 0) throw errorMessage(400, "The 'permissions' query parameter is required.");
  const unknown = unknownKeys(keys);
  if (unknown.length > 0) throw errorMessage(400, `Unrecognized permission keys: ${unknown.join(', ')}.`);
  // Without a context, a project permission counts if the caller holds it in any project.
  const projects = contextProjects(ctx) ?? ctx.site.state.projects;
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const info = PERMISSION_CATALOG[key as keyof typeof PERMISSION_CATALOG];
    const have = isProjectPermission(key)
      ? projects.some((p) => projectPermissionsOf(ctx.actor, p).has(key))
      : isGlobalPermission(key) && hasGlobalPermission(ctx.actor, key);
    permissions[key] = { ...info, havePermission: have };
  }
  return jsonResponse(200, { permissions });
}

function numberList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v) => typeof v === 'number' || typeof v === 'string').map((v) => String(v))
    : [];
}

/** Whose permissions a bulk check asks about. Only an administrator or the app may ask about someone else. */
function checkedActor(ctx: RouteContext, accountId: unknown): Actor {
  if (accountId === undefined || accountId === null || accountId === actorAccountId(ctx.actor))
    return ctx.actor;
  if (typeof accountId !== 'string') throw errorMessage(400, "The 'accountId' must be a string.");
  if (!isSiteAdmin(ctx.actor)) {
    throw errorMessage(403, 'Only a Jira administrator can check the permissions of another user.');
  }
  const user = ctx.site.user(accountId);
  if (!user) throw errorMessage(400, `The user with account ID '${accountId}' does not exist.`);
  return resolveActor(ctx.site.state, { type: 'user', accountId }, ctx.site.appAccountId);
}

function checkPermissions(ctx: RouteContext) {
  const body = objectBody(ctx);
  const who = checkedActor(ctx, body.accountId);
  const globalKeys = Array.isArray(body.globalPermissions) ? body.globalPermissions.map(String) : [];
  const projectRequests = Array.isArray(body.projectPermissions) ? body.projectPermissions : [];
  const requestedKeys = [
    ...globalKeys,
    ...projectRequests.flatMap((r) =>
      isRecord(r) && Array.isArray(r.permissions) ? r.permissions.map(String) : [],
    ),
  ];
  const unknown = unknownKeys(requestedKeys);
  if (unknown.length > 0) throw errorMessage(400, `Unrecognized permission keys: ${unknown.join(', ')}.`);

  const globalPermissions = globalKeys.filter((k) => isGlobalPermission(k) && hasGlobalPermission(who, k));
  const projectPermissions = projectRequests.flatMap((request) => {
    if (!isRecord(request) || !Array.isArray(request.permissions)) return [];
    // Ids of projects and issues that do not exist are ignored, as Jira does.
    const projects = numberList(request.projects).flatMap((id) =>
      ctx.site.state.projects.filter((p) => p.id === id),
    );
    const issues = numberList(request.issues).flatMap((id) => {
      const issue = ctx.site.issue(id);
      return issue && issue.id === id ? [issue] : [];
    });
    return request.permissions.map(String).flatMap((key) => {
      if (!isProjectPermission(key)) return [];
      const granted = (p: JiraProject) =>
        canBrowse(who, p) && projectPermissionsOf(who, p).has(key as ProjectPermissionKey);
      return [
        {
          permission: key,
          projects: projects.filter(granted).map((p) => Number(p.id)),
          issues: issues
            .filter((i) => granted(ctx.site.projectOf(i)) && ctx.site.canSeeIssue(who, i))
            .map((i) => Number(i.id)),
        },
      ];
    });
  });
  return jsonResponse(200, { globalPermissions, projectPermissions });
}

export const permissionRoutes: Route[] = [
  { method: 'GET', template: '/mypermissions', handler: myPermissions },
  { method: 'POST', template: '/permissions/check', handler: checkPermissions },
];
