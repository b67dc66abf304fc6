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

/** The most project ids, and separately issue ids, one bulk check may name (the spec's "maximum of 1000"). */
export const MAX_CHECKED_IDS = 1000;

/**
 * Whose permissions a bulk check asks about. Asking about someone else needs Administer Jira; the spec
 * exempts Connect apps calling from their server, which a Forge app is not (README: permission checks).
 */
function checkedActor(ctx: RouteContext, accountId: unknown): Actor {
  if (accountId === undefined || accountId === null || accountId === actorAccountId(ctx.actor))
    return ctx.actor;
  if (typeof accountId !== 'string') throw errorMessage(400, "The 'accountId' must be a string.");
  const exempt = ctx.actor.kind === 'app' && !ctx.site.behaviours.permissionCheck.othersNeedAdminister;
  if (!exempt && !isSiteAdmin(ctx.actor)) {
    throw errorMessage(403, 'Only a Jira administrator can check the permissions of another user.');
  }
  const user = ctx.site.user(accountId);
  if (!user) throw errorMessage(400, `The user with account ID '${accountId}' does not exist.`);
  return ctx.site.actorFor({ type: 'user', accountId });
}

/** Null values are ignored, as the spec says; anything else that is not an id is a bad request. */
function idList(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw errorMessage(400, `The '${name}' field must be a list of ids.`);
  return value.filter((v) => v !== null).map((v) => String(v));
}

function checkPermissions(ctx: RouteContext) {
  const body = objectBody(ctx);
  const who = checkedActor(ctx, body.accountId);
  const globalKeys = Array.isArray(body.globalPermissions)
    ? body.globalPermissions.filter((k) => k !== null).map(String)
    : [];
  const projectRequests = Array.isArray(body.projectPermissions)
    ? body.projectPermissions.filter(isRecord)
    : [];
  const requestedKeys = [
    ...globalKeys,
    ...projectRequests.flatMap((r) =>
      Array.isArray(r.permissions) ? r.permissions.map(String).filter((k) => k !== '') : [],
    ),
  ];
  const unknown = unknownKeys(requestedKeys);
  if (unknown.length > 0) throw errorMessage(400, `Unrecognized permission keys: ${unknown.join(', ')}.`);
  const requests = projectRequests.map((r) => ({
    permissions: Array.isArray(r.permissions) ? r.permissions.map(String).filter((k) => k !== '') : [],
    projects: idList(r.projects, 'projects'),
    issues: idList(r.issues, 'issues'),
  }));
  if (ctx.site.behaviours.permissionCheck.idCaps) {
    // Docs silent on whether the cap is per entry or per call: the harsher reading counts the whole call.
    const projects = requests.reduce((n, r) => n + r.projects.length, 0);
    const issues = requests.reduce((n, r) => n + r.issues.length, 0);
    if (projects > MAX_CHECKED_IDS || issues > MAX_CHECKED_IDS) {
      throw errorMessage(
        400,
        `A maximum of ${MAX_CHECKED_IDS} projects and ${MAX_CHECKED_IDS} issues can be checked (got ${projects} projects and ${issues} issues).`,
      );
    }
  }

  const globalPermissions = globalKeys.filter((k) => isGlobalPermission(k) && hasGlobalPermission(who, k));
  const projectPermissions = requests.flatMap((request) => {
    // Ids of projects and issues that do not exist are ignored, as Jira does.
    const projects = request.projects.flatMap((id) => ctx.site.state.projects.filter((p) => p.id === id));
    const issues = request.issues.flatMap((id) => {
      const issue = ctx.site.issue(id);
      return issue && issue.id === id ? [issue] : [];
    });
    return request.permissions.flatMap((key) => {
      if (!isProjectPermission(key)) return [];
      const granted = (p: JiraProject) =>
        canBrowse(who, p) && projectPermissionsOf(who, p).has(key as ProjectPermissionKey);
      return [
        {
          permission: key,
          projects: projects.filter(granted).map((p) => Number(p.id)),
          // An issue the user cannot see (issue security) grants nothing on it.
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
