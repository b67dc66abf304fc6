import { errorMessage, issueNotFound, jsonResponse } from '../errors';
import type { JiraProject, JiraUser } from '../model';
import {
  canBrowse,
  hasProjectPermission,
  isProjectPermission,
  isSiteAdmin,
  type ProjectPermissionKey,
} from '../permissions';
import { avatarUrls, userJson } from '../views/user';
import { intParam, listParam, pageOf, type Route, type RouteContext, requireAuthenticated } from './context';

const USER_NOT_FOUND = 'Specified user does not exist or you do not have required permissions';

function searchableUsers(ctx: RouteContext): JiraUser[] {
  return ctx.site.state.users.filter((u) => u.active && u.accountType === 'atlassian');
}

/** Prefix match on the display name, any word of it, or the email address, ignoring case. */
function matchesQuery(user: JiraUser, query: string): boolean {
  const q = query.toLowerCase().trim();
  if (q === '') return false;
  const name = user.displayName.toLowerCase();
  return (
    name.startsWith(q) ||
    name.split(/[\s-]+/).some((word) => word.startsWith(q)) ||
    user.emailAddress.toLowerCase().startsWith(q)
  );
}

function myself(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const user = ctx.actor.kind === 'user' ? ctx.actor.user : ctx.site.appUser();
  return jsonResponse(200, {
    ...userJson(ctx.site, user, ctx.v),
    groups: { size: 0, items: [] },
    applicationRoles: { size: 0, items: [] },
    expand: 'groups,applicationRoles',
  });
}

function getUser(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const accountId = ctx.query.get('accountId');
  if (!accountId) throw errorMessage(400, 'The accountId query parameter needs to be provided.');
  const user = ctx.site.user(accountId);
  if (!user) throw errorMessage(404, USER_NOT_FOUND);
  return jsonResponse(200, userJson(ctx.site, user, ctx.v));
}

function bulkUsers(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const ids = listParam(ctx, 'accountId');
  if (ids.length === 0) throw errorMessage(400, 'The accountId query parameter needs to be provided.');
  const users = ids.flatMap((id) => {
    const user = ctx.site.user(id);
    return user ? [userJson(ctx.site, user, ctx.v)] : [];
  });
  const maxResults = Math.min(Math.max(intParam(ctx, 'maxResults', 10), 1), 200);
  const query = ids.map((id) => `accountId=${encodeURIComponent(id)}`).join('&');
  return jsonResponse(
    200,
    pageOf(users, intParam(ctx, 'startAt', 0), maxResults, `${ctx.site.apiBase(ctx.v)}/user/bulk`, query),
  );
}

function searchUsers(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const query = ctx.query.get('query');
  const accountId = ctx.query.get('accountId');
  if (!query && !accountId) throw errorMessage(400, "One of 'query' or 'accountId' parameters is required.");
  const startAt = Math.max(intParam(ctx, 'startAt', 0), 0);
  const maxResults = Math.min(Math.max(intParam(ctx, 'maxResults', 50), 1), 1000);
  const users = searchableUsers(ctx).filter(
    (u) => (query ? matchesQuery(u, query) : true) && (accountId ? u.accountId === accountId : true),
  );
  return jsonResponse(
    200,
    users.slice(startAt, startAt + maxResults).map((u) => userJson(ctx.site, u, ctx.v)),
  );
}

/** How far "Find users with permissions" looks: "up to the thousandth user" (OpenAPI). */
const PERMISSION_SEARCH_WINDOW = 1000;

/**
 * `GET /user/permission/search`: the users, among a page of the site's users, who match a search string
 * and hold every listed permission in a project or on an issue. Only a Jira admin (any project) or the
 * project's admins (that project) may ask (OpenAPI: "Permissions required"). "This operation takes the
 * users in the range defined by startAt and maxResults, up to the thousandth user, and then returns only
 * the users from that range that match": the range is applied before the match, as the spec says, even
 * for an exact `accountId` (the spec calls it a query string too): the harsher reading.
 */
function permissionSearch(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const query = ctx.query.get('query');
  const accountId = ctx.query.get('accountId');
  if (!query && !accountId) throw errorMessage(400, "One of 'query' or 'accountId' parameters is required.");
  if (query && accountId) throw errorMessage(400, "Only one of 'query' or 'accountId' can be provided.");
  const keys = listParam(ctx, 'permissions');
  if (keys.length === 0) throw errorMessage(400, "The 'permissions' query parameter is required.");
  const unknown = keys.filter((k) => !isProjectPermission(k));
  if (unknown.length > 0) throw errorMessage(400, `Unrecognized permission keys: ${unknown.join(', ')}.`);
  const issueKey = ctx.query.get('issueKey');
  const projectKey = ctx.query.get('projectKey');
  let project: JiraProject | undefined;
  let issue: ReturnType<typeof ctx.site.issue>;
  if (issueKey) {
    issue = ctx.site.issue(issueKey);
    if (!issue || !ctx.site.canSeeIssue(ctx.actor, issue)) throw issueNotFound();
    project = ctx.site.projectOf(issue);
  } else if (projectKey) {
    // Case sensitive, as the spec says of projectKey.
    project = ctx.site.state.projects.find((p) => p.key === projectKey);
    if (!project || !canBrowse(ctx.actor, project))
      throw errorMessage(404, `No project could be found with key '${projectKey}'.`);
  } else {
    throw errorMessage(400, "One of 'issueKey' or 'projectKey' parameters is required.");
  }
  const scope = project;
  if (!isSiteAdmin(ctx.actor) && !hasProjectPermission(ctx.actor, scope, 'ADMINISTER_PROJECTS')) {
    throw errorMessage(403, 'You do not have the permission to see the users of this project.');
  }
  const startAt = Math.max(intParam(ctx, 'startAt', 0), 0);
  const maxResults = Math.min(Math.max(intParam(ctx, 'maxResults', 50), 1), PERMISSION_SEARCH_WINDOW);
  const window = searchableUsers(ctx)
    .slice(0, PERMISSION_SEARCH_WINDOW)
    .slice(startAt, startAt + maxResults);
  const found = window.filter((u) => {
    if (query ? !matchesQuery(u, query) : u.accountId !== accountId) return false;
    const who = ctx.site.actorFor({ type: 'user', accountId: u.accountId });
    if (!canBrowse(who, scope)) return false;
    if (issue && !ctx.site.canSeeIssue(who, issue)) return false;
    return keys.every((k) => hasProjectPermission(who, scope, k as ProjectPermissionKey));
  });
  return jsonResponse(
    200,
    found.map((u) => userJson(ctx.site, u, ctx.v)),
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function highlight(text: string, query: string): string {
  const index = text.toLowerCase().indexOf(query.toLowerCase());
  if (index < 0 || query === '') return escapeHtml(text);
  return (
    escapeHtml(text.slice(0, index)) +
    `<strong>${escapeHtml(text.slice(index, index + query.length))}</strong>` +
    escapeHtml(text.slice(index + query.length))
  );
}

function userPicker(ctx: RouteContext) {
  requireAuthenticated(ctx);
  const query = ctx.query.get('query');
  if (query === null) throw errorMessage(400, "The 'query' parameter is required.");
  const excluded = new Set([...listParam(ctx, 'excludeAccountIds'), ...listParam(ctx, 'exclude')]);
  const maxResults = Math.max(intParam(ctx, 'maxResults', 50), 1);
  const matches = searchableUsers(ctx).filter((u) => matchesQuery(u, query) && !excluded.has(u.accountId));
  const shown = matches.slice(0, maxResults);
  return jsonResponse(200, {
    users: shown.map((u) => ({
      accountId: u.accountId,
      accountType: u.accountType,
      html: `${highlight(u.displayName, query)} - ${highlight(u.emailAddress, query)}`,
      displayName: u.displayName,
      avatarUrl: avatarUrls(ctx.site, u.accountId)['16x16'],
    })),
    total: matches.length,
    header: `Showing ${shown.length} of ${matches.length} matching users`,
  });
}

export const userRoutes: Route[] = [
  { method: 'GET', template: '/myself', handler: myself },
  { method: 'GET', template: '/user', handler: getUser },
  { method: 'GET', template: '/user/bulk', handler: bulkUsers },
  { method: 'GET', template: '/user/search', handler: searchUsers },
  { method: 'GET', template: '/user/picker', handler: userPicker },
  { method: 'GET', template: '/user/permission/search', handler: permissionSearch },
];
