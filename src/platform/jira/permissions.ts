import { route } from '@forge/api';
import { JSON_HEADERS, jira, readJson, withRetry } from './client';
import { BulkPermissionGrantsSchema } from './schemas';

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
 * What a user may do, asked of Jira in one call. The account id must come from the invocation
 * context (`context.accountId`), never from a payload: the front end can be forged.
 */
export async function checkPermissions(accountId: string, query: PermissionQuery): Promise<PermissionGrants> {
  const projectPermissions = [
    ...(query.projects && query.projects.projectIds.length > 0
      ? [{ permissions: query.projects.permissions, projects: query.projects.projectIds.map(Number) }]
      : []),
    ...(query.issues && query.issues.issueIds.length > 0
      ? [{ permissions: query.issues.permissions, issues: query.issues.issueIds.map(Number) }]
      : []),
  ];
  const body = { accountId, globalPermissions: query.global ?? [], projectPermissions };
  const response = await withRetry(() =>
    jira('app').requestJira(route`/rest/api/3/permissions/check`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    }),
  );
  const grants = await readJson(response, BulkPermissionGrantsSchema, 'permissions');
  const projects = new Map<ProjectPermission, Set<string>>();
  const issues = new Map<ProjectPermission, Set<string>>();
  for (const grant of grants.projectPermissions) {
    const permission = grant.permission as ProjectPermission;
    const p = projects.get(permission) ?? new Set<string>();
    for (const id of grant.projects) p.add(String(id));
    projects.set(permission, p);
    const i = issues.get(permission) ?? new Set<string>();
    for (const id of grant.issues) i.add(String(id));
    issues.set(permission, i);
  }
  return { isJiraAdmin: grants.globalPermissions.includes('ADMINISTER'), projects, issues };
}

export const has = (grants: Map<ProjectPermission, Set<string>>, permission: ProjectPermission, id: string) =>
  grants.get(permission)?.has(id) ?? false;
