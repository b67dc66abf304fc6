import type { JiraProject, JiraState, JiraUser, Principal, ProjectRole } from './model';

export type ProjectPermissionKey =
  | 'BROWSE_PROJECTS'
  | 'CREATE_ISSUES'
  | 'EDIT_ISSUES'
  | 'DELETE_ISSUES'
  | 'TRANSITION_ISSUES'
  | 'ASSIGN_ISSUES'
  | 'ADMINISTER_PROJECTS';

export type GlobalPermission = 'ADMINISTER' | 'USER_PICKER';

export interface PermissionInfo {
  id: string;
  key: string;
  name: string;
  type: 'PROJECT' | 'GLOBAL';
  description: string;
}

// Ids and names as Jira reports them from /mypermissions.
export const PERMISSION_CATALOG: Record<ProjectPermissionKey | GlobalPermission, PermissionInfo> = {
  BROWSE_PROJECTS: {
    id: '10',
    key: 'BROWSE_PROJECTS',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
  },
  CREATE_ISSUES: {
    id: '11',
    key: 'CREATE_ISSUES',
    name: 'Create Issues',
    type: 'PROJECT',
    description: 'Ability to create issues.',
  },
  EDIT_ISSUES: {
    id: '12',
    key: 'EDIT_ISSUES',
    name: 'Edit Issues',
    type: 'PROJECT',
    description: 'Ability to edit issues.',
  },
  ASSIGN_ISSUES: {
    id: '13',
    key: 'ASSIGN_ISSUES',
    name: 'Assign Issues',
    type: 'PROJECT',
    description: 'Ability to assign issues to other people.',
  },
  DELETE_ISSUES: {
    id: '16',
    key: 'DELETE_ISSUES',
    name: 'Delete Issues',
    type: 'PROJECT',
    description: 'Ability to delete issues.',
  },
  ADMINISTER_PROJECTS: {
    id: '23',
    key: 'ADMINISTER_PROJECTS',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
  },
  TRANSITION_ISSUES: {
    id: '46',
    key: 'TRANSITION_ISSUES',
    name: 'Transition Issues',
    type: 'PROJECT',
    description: 'Ability to transition issues.',
  },
  ADMINISTER: {
    id: '0',
    key: 'ADMINISTER',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description:
      'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  },
  USER_PICKER: {
    id: '27',
    key: 'USER_PICKER',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'View and select users or groups from the user picker, and share issues.',
  },
};

export const PROJECT_PERMISSION_KEYS = Object.values(PERMISSION_CATALOG)
  .filter((p) => p.type === 'PROJECT')
  .map((p) => p.key as ProjectPermissionKey);

export function isProjectPermission(key: string): key is ProjectPermissionKey {
  return (PROJECT_PERMISSION_KEYS as string[]).includes(key);
}

export function isGlobalPermission(key: string): key is GlobalPermission {
  return key === 'ADMINISTER' || key === 'USER_PICKER';
}

const MEMBER: ProjectPermissionKey[] = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'ASSIGN_ISSUES',
];

export const ROLE_PERMISSIONS: Record<ProjectRole, ReadonlySet<ProjectPermissionKey>> = {
  administrator: new Set([...MEMBER, 'DELETE_ISSUES', 'ADMINISTER_PROJECTS']),
  member: new Set(MEMBER),
  viewer: new Set(['BROWSE_PROJECTS']),
};

/**
 * Who a request acts as, after resolving the principal against the site. An unknown or deactivated
 * user account is treated like an anonymous caller, as Jira does for a stale session. The app's own
 * account is an ordinary principal with its own project roles, unless the site makes it an administrator.
 */
export type Actor =
  | { kind: 'user'; user: JiraUser }
  | { kind: 'app'; accountId: string; siteAdmin: boolean }
  | { kind: 'anonymous' };

export interface AppIdentity {
  accountId: string;
  /** Legacy, kinder model: the app sees and edits every project. */
  siteAdmin: boolean;
}

export function resolveActor(state: JiraState, principal: Principal, app: AppIdentity): Actor {
  if (principal.type === 'app') return { kind: 'app', ...app };
  if (principal.type === 'anonymous') return { kind: 'anonymous' };
  const user = state.users.find((u) => u.accountId === principal.accountId && u.active);
  return user ? { kind: 'user', user } : { kind: 'anonymous' };
}

export function actorAccountId(actor: Actor): string | null {
  if (actor.kind === 'user') return actor.user.accountId;
  if (actor.kind === 'app') return actor.accountId;
  return null;
}

/** Holds Administer Jira. */
export function isSiteAdmin(actor: Actor): boolean {
  if (actor.kind === 'app') return actor.siteAdmin;
  return actor.kind === 'user' && actor.user.globalPermissions.includes('ADMINISTER');
}

export function hasGlobalPermission(actor: Actor, key: GlobalPermission): boolean {
  if (actor.kind === 'anonymous') return false;
  if (key === 'USER_PICKER') return true;
  return isSiteAdmin(actor);
}

export function projectPermissionsOf(actor: Actor, project: JiraProject): ReadonlySet<ProjectPermissionKey> {
  if (isSiteAdmin(actor)) return new Set(PROJECT_PERMISSION_KEYS);
  const accountId = actorAccountId(actor);
  const role = accountId === null ? undefined : project.roles[accountId];
  return role ? ROLE_PERMISSIONS[role] : new Set();
}

export function hasProjectPermission(actor: Actor, project: JiraProject, key: ProjectPermissionKey): boolean {
  return projectPermissionsOf(actor, project).has(key);
}

export function canBrowse(actor: Actor, project: JiraProject): boolean {
  return hasProjectPermission(actor, project, 'BROWSE_PROJECTS');
}
