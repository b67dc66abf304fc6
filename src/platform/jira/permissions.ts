import { asUser, route } from '@forge/api';
import { z } from 'zod';
import { JiraHttpError, JSON_HEADERS, readJson, withRetry } from './client';
import { meteredApp } from './points-meter';
import { BulkPermissionGrantsSchema, JiraUserSchema } from './schemas';

export type ProjectPermission = 'BROWSE_PROJECTS' | 'EDIT_ISSUES' | 'ADMINISTER_PROJECTS';

export interface PermissionQuery {
  global?: 'ADMINISTER'[];
  projects?: { permissions: ProjectPermission[]; projectIds: string[] };
  issues?: { permissions: ProjectPermission[]; issueIds: string[] };
}

export interface PermissionGrants {
  isJiraAdmin: boolean;
  /** permission -> ids of the projects where the user has it */
  projects: Map<ProjectPermission, Set<string>>;
  /** permission -> ids of the issues where the user has it */
  issues: Map<ProjectPermission, Set<string>>;
}

/**
 * "A maximum of 1000 projects and 1000 issues can be checked" per call (OpenAPI, `POST /permissions/check`);
 * how the cap counts is not said, so each call names at most this many of each, in all its entries.
 */
export const PERMISSION_CHECK_CAP = 1000;

/**
 * Whom a permission check is about. Authorization asks Jira as the user, never as the app about the user:
 *
 * - `POST /rest/api/3/permissions/check` needs "Administer Jira global permission to check the permissions
 *   for other users, otherwise none. However, Connect apps can make a call from the app server … without
 *   admin permission" (OpenAPI description, and developer.atlassian.com/cloud/jira/platform/rest/v3/
 *   api-group-permissions/). A Forge app is not named as exempt, and the app's own account holds no global
 *   permission on most sites, so `asApp()` with an `accountId` is refused. Without an `accountId` the call
 *   "returns details for the logged in user": made `asUser()`, it answers for the caller with no special
 *   permission, and its points are spent from the user's budget rather than the app's
 *   (developer.atlassian.com/cloud/jira/platform/rate-limiting/).
 * - `{ present }`: the invocation's own user, in a resolver (`asUser()`; the id is `context.accountId`, the
 *   same identity, named so a reader sees whom the answer is about).
 * - `{ offline }`: background work a person started (a bulk link runs in a queue consumer, where nobody is
 *   present), acting for them with Forge's user impersonation, `asUser(accountId)` (@forge/api; RFC-92
 *   "Forge user impersonation", community.developer.atlassian.com/t/rfc-92-forge-user-impersonation/91156:
 *   "interactions with product APIs on behalf of users who are not present … required by apps that use
 *   scheduled triggers, product events, and other background interactions"). The id is the one the
 *   resolver took from its context when the run was started, kept by the app, never from a payload.
 * - `'app'`: the app's own user, asked `asApp()` without an `accountId` (so about itself: no admin needed),
 *   where the question is what the app's figures can reach.
 */
export type Subject = { present: string } | { offline: string } | 'app';

const requesterFor = (subject: Subject) =>
  subject === 'app' ? meteredApp() : 'offline' in subject ? asUser(subject.offline) : asUser();

/** The ids of one permission-check call: at most PERMISSION_CHECK_CAP projects and as many issues. */
export function permissionCheckBatches(query: PermissionQuery): PermissionQuery[] {
  const projectIds = query.projects?.projectIds ?? [];
  const issueIds = query.issues?.issueIds ?? [];
  const count = Math.max(1, Math.ceil(Math.max(projectIds.length, issueIds.length) / PERMISSION_CHECK_CAP));
  return Array.from({ length: count }, (_, i) => {
    const slice = (ids: string[]) => ids.slice(i * PERMISSION_CHECK_CAP, (i + 1) * PERMISSION_CHECK_CAP);
    return {
      // Global permissions are asked once; they do not depend on the ids.
      ...(i === 0 && query.global ? { global: query.global } : {}),
      ...(query.projects ? { projects: { ...query.projects, projectIds: slice(projectIds) } } : {}),
      ...(query.issues ? { issues: { ...query.issues, issueIds: slice(issueIds) } } : {}),
    };
  });
}

/**
 * What the subject may do, asked of Jira as them (see Subject), in as few calls as the caps allow.
 */
export async function checkPermissions(subject: Subject, query: PermissionQuery): Promise<PermissionGrants> {
  const projects = new Map<ProjectPermission, Set<string>>();
  const issues = new Map<ProjectPermission, Set<string>>();
  let isJiraAdmin = false;
  const add = (into: Map<ProjectPermission, Set<string>>, permission: ProjectPermission, ids: number[]) => {
    const set = into.get(permission) ?? new Set<string>();
    for (const id of ids) set.add(String(id));
    into.set(permission, set);
  };
  for (const batch of permissionCheckBatches(query)) {
    const projectPermissions = [
      ...(batch.projects && batch.projects.projectIds.length > 0
        ? [{ permissions: batch.projects.permissions, projects: batch.projects.projectIds.map(Number) }]
        : []),
      ...(batch.issues && batch.issues.issueIds.length > 0
        ? [{ permissions: batch.issues.permissions, issues: batch.issues.issueIds.map(Number) }]
        : []),
    ];
    const global = batch.global ?? [];
    if (projectPermissions.length === 0 && global.length === 0) continue;
    const body = { globalPermissions: global, projectPermissions };
    const response = await withRetry(() =>
      requesterFor(subject).requestJira(route`/rest/api/3/permissions/check`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(body),
      }),
    );
    const grants = await readJson(response, BulkPermissionGrantsSchema, 'permissions');
    if (grants.globalPermissions.includes('ADMINISTER')) isJiraAdmin = true;
    for (const grant of grants.projectPermissions) {
      const permission = grant.permission as ProjectPermission;
      add(projects, permission, grant.projects);
      add(issues, permission, grant.issues);
    }
  }
  return { isJiraAdmin, projects, issues };
}

export const has = (grants: Map<ProjectPermission, Set<string>>, permission: ProjectPermission, id: string) =>
  grants.get(permission)?.has(id) ?? false;

/**
 * Whether another person may browse a project, asked as the present user with "Find users with
 * permissions" (`GET /rest/api/3/user/permission/search`), which needs "Administer Jira global permission,
 * to get users for any project" or "Administer Projects project permission for a project, to get users
 * for that project" (OpenAPI description): exactly the people who manage outcomes, while the bulk check
 * about someone else needs Administer Jira (see Subject). Null when the caller may not ask about that
 * project (Jira's 403 or 404): the answer is unknown, not "no".
 */
export async function personCanBrowse(accountId: string, projectKey: string): Promise<boolean | null> {
  const query = new URLSearchParams({
    accountId,
    projectKey,
    permissions: 'BROWSE_PROJECTS',
    maxResults: '1000',
  });
  const response = await withRetry(() =>
    asUser().requestJira(route`/rest/api/3/user/permission/search?${query}`, {
      method: 'GET',
      headers: JSON_HEADERS,
    }),
  );
  try {
    const users = await readJson(response, z.array(JiraUserSchema), 'a permission search');
    return users.some((u) => u.accountId === accountId);
  } catch (error) {
    if (error instanceof JiraHttpError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}
