import { appCannotSeeProject } from '../../domain/app-reach';
import { AppError, forbidden, notFound } from '../../domain/errors';
import { LINKS_PROPERTY_KEY } from '../../domain/links';
import { mapLimited } from '../../platform/concurrency';
import { type Authority, JiraHttpError } from '../../platform/jira/client';
import { getIssue } from '../../platform/jira/issues';
import { checkPermissions, has, personCanBrowse } from '../../platform/jira/permissions';
import { findProject, listProjects } from '../../platform/jira/projects';
import type { JiraIssue, JiraProject } from '../../platform/jira/schemas';
import type { Caller } from './surface';

/** Jira's own wording, so the app reveals no more than Jira would about an issue you cannot see. */
export const ISSUE_HIDDEN = 'Issue does not exist or you do not have permission to see it.';

export interface IssueAccess {
  issue: JiraIssue & { fields: { summary: string; project: { id: string; key: string } } };
  canEdit: boolean;
  /** Asked in the same permission check, for where the caller may check in a KPI (`checkInPlace`). */
  isJiraAdmin: boolean;
  administersProject: boolean;
}

/** Loads an issue (with its links property) and what the caller may do with it. */
export async function issueAccess(caller: Caller, issueKey: string): Promise<IssueAccess> {
  let issue: JiraIssue;
  try {
    issue = await getIssue('app', issueKey, ['summary', 'project', 'parent'], [LINKS_PROPERTY_KEY]);
  } catch (error) {
    if (error instanceof JiraHttpError && error.status === 404) throw notFound(ISSUE_HIDDEN);
    throw error;
  }
  const { summary, project } = issue.fields;
  if (summary === undefined || project === undefined)
    throw new AppError('INTERNAL', 'Jira sent an incomplete issue.');
  const grants = await checkPermissions(
    { present: caller.accountId },
    {
      global: ['ADMINISTER'],
      issues: {
        permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER_PROJECTS'],
        issueIds: [issue.id],
      },
    },
  );
  if (!has(grants.issues, 'BROWSE_PROJECTS', issue.id)) throw notFound(ISSUE_HIDDEN);
  return {
    issue: { ...issue, fields: { ...issue.fields, summary, project } },
    canEdit: has(grants.issues, 'EDIT_ISSUES', issue.id),
    isJiraAdmin: grants.isJiraAdmin,
    administersProject: grants.isJiraAdmin || has(grants.issues, 'ADMINISTER_PROJECTS', issue.id),
  };
}

export async function requireIssueEdit(caller: Caller, issueKey: string): Promise<IssueAccess> {
  const access = await issueAccess(caller, issueKey);
  if (!access.canEdit) {
    throw forbidden(`You can't edit ${issueKey}, so you can't change which outcomes it serves.`);
  }
  return access;
}

export interface AdminAccess {
  isJiraAdmin: boolean;
  /** The one project the call is confined to (the project settings page's), if any. */
  confinedTo?: string;
  projects: JiraProject[];
  browsable: Set<string>;
  /** Keys of projects whose outcomes the caller may create, edit and delete. */
  manageable: Set<string>;
  /** Keys of every project the app's own account can see (its figures count nothing elsewhere). */
  appSees: Set<string>;
}

/**
 * Jira admins manage every outcome; project admins manage the outcomes of their projects. A call confined
 * to one project (the project settings page) sees and manages that project only, whoever makes it: the
 * projects Jira is asked about, and so `browsable` and `manageable`, hold nothing else.
 */
export async function adminAccess(caller: Caller): Promise<AdminAccess> {
  const all = await listProjects('app');
  const { confinedTo } = caller;
  const projects = confinedTo === undefined ? all : all.filter((p) => p.key === confinedTo);
  if (confinedTo !== undefined && projects.length === 0) await refuseOutsideAppReach(confinedTo);
  const grants = await checkPermissions(
    { present: caller.accountId },
    {
      global: ['ADMINISTER'],
      projects: {
        permissions: ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS'],
        projectIds: projects.map((p) => p.id),
      },
    },
  );
  const keysWith = (permission: 'BROWSE_PROJECTS' | 'ADMINISTER_PROJECTS') =>
    new Set(
      projects.filter((p) => grants.isJiraAdmin || has(grants.projects, permission, p.id)).map((p) => p.key),
    );
  return {
    isJiraAdmin: grants.isJiraAdmin,
    ...(confinedTo === undefined ? {} : { confinedTo }),
    projects,
    browsable: keysWith('BROWSE_PROJECTS'),
    manageable: keysWith('ADMINISTER_PROJECTS'),
    appSees: new Set(all.map((p) => p.key)),
  };
}

/**
 * A page about one project the app cannot see: if the caller can, say so and what to grant (the app has
 * nothing of it to show); if neither can, fall through to the answer for a project that does not exist.
 */
export async function refuseOutsideAppReach(projectKey: string): Promise<void> {
  const seen = await findProject('user', projectKey);
  if (seen) throw forbidden(appCannotSeeProject(seen));
}

/** Calls in flight while checking the people an outcome names (one per person and project). */
const PEOPLE_CHECKS_IN_FLIGHT = 4;

/**
 * Which of the given projects each person may browse, so the people named on an outcome can be held to
 * seeing it. Asked as the present caller, one "Find users with permissions" call per person and project
 * (platform/jira/permissions.ts says why not the bulk check); only Jira admins and the admins of a project
 * may ask, which every caller here is for the projects they name (they manage them: `canManageAll`).
 * A project the caller may not ask about counts as browsable: unknown is not a reason to refuse a save.
 */
export async function browsableBy(
  accountIds: Iterable<string>,
  projects: readonly JiraProject[],
): Promise<Map<string, Set<string>>> {
  const people = [...new Set(accountIds)];
  const pairs = people.flatMap((accountId) => projects.map((project) => ({ accountId, project })));
  const answers = await mapLimited(pairs, PEOPLE_CHECKS_IN_FLIGHT, async ({ accountId, project }) => ({
    accountId,
    key: project.key,
    browses: (await personCanBrowse(accountId, project.key)) ?? true,
  }));
  const byPerson = new Map(people.map((id) => [id, new Set<string>()]));
  for (const { accountId, key, browses } of answers) if (browses) byPerson.get(accountId)?.add(key);
  return byPerson;
}

export async function requireAdminPage(caller: Caller): Promise<AdminAccess> {
  const access = await adminAccess(caller);
  if (!access.isJiraAdmin && access.manageable.size === 0) {
    throw forbidden('Only Jira admins and project admins can manage outcomes.');
  }
  return access;
}

/**
 * Which of these projects the caller may browse, asked of Jira as the caller (one call, none when every
 * one is `known` to be browsable): outcomes name only those to them (README, "Projects you cannot see").
 */
export const browsableAmong = (projectKeys: Iterable<string>, known: readonly string[] = []) =>
  visibleAmong('user', projectKeys, known);

/**
 * Which of these projects `authority` can see (one call, none when every one is `known`). As the app, it is
 * what the app's own role reaches: a project outside it holds work no figure of the app can count.
 */
export async function visibleAmong(
  authority: Authority,
  projectKeys: Iterable<string>,
  known: readonly string[] = [],
): Promise<Set<string>> {
  const unknown = [...new Set(projectKeys)].filter((key) => !known.includes(key));
  if (unknown.length === 0) return new Set(known);
  const seen = await listProjects(authority, unknown);
  return new Set([...known, ...seen.map((p) => p.key)]);
}

/**
 * For a page of one project (which the app and the caller both see): which of the outcomes' projects the
 * caller may browse, and which of those the app cannot (`outsideAppReach`). Two calls at most, side by side,
 * none when every outcome is of this project alone.
 */
export async function viewerReach(projectKeys: readonly string[], projectKey: string) {
  const [browsable, appSees] = await Promise.all([
    browsableAmong(projectKeys, [projectKey]),
    visibleAmong('app', projectKeys, [projectKey]),
  ]);
  return { browsable, outsideReach: new Set([...browsable].filter((key) => !appSees.has(key))) };
}

/**
 * The projects among `projectKeys` that the caller may browse but the app cannot (`appSees` holds what it
 * can): the outcomes name them to the caller with the warning that their tickets are in no figure. Asked of
 * Jira as the caller, once, and only when some project is outside the app's reach.
 */
export async function outsideAppReach(
  projectKeys: Iterable<string>,
  appSees: ReadonlySet<string>,
): Promise<Set<string>> {
  const outside = [...new Set(projectKeys)].filter((key) => !appSees.has(key));
  return outside.length === 0 ? new Set() : browsableAmong(outside);
}

/** Whether the caller may see an outcome: they can browse at least one of its projects. */
export const canSee = (access: Pick<AdminAccess, 'browsable'>, outcome: { projectKeys: readonly string[] }) =>
  outcome.projectKeys.some((k) => access.browsable.has(k));

/**
 * Whether the caller may change something spanning these projects: a Jira admin anywhere (but on a
 * project's settings page only that project's), anyone else where they administer every one of them.
 */
export const canManageAll = (access: AdminAccess, projectKeys: readonly string[]) =>
  actsSiteWide(access) || projectKeys.every((key) => access.manageable.has(key));

/** A Jira admin whose call is confined to no project: may act on every project, and follow every run. */
export const actsSiteWide = (access: AdminAccess) => access.isJiraAdmin && access.confinedTo === undefined;

/** Where a person may check in a KPI of an outcome, if anywhere (the admin page or a project's settings page). */
export type CheckInPlace = 'admin-page' | 'project-settings' | null;

/**
 * Where the caller may check in a KPI of `outcome`, seen from a page about `projectKey`, mirroring
 * `manageableKpi`: Jira admins on the admin page (Jira settings is theirs alone); an admin of this project
 * on its settings page, which manages only outcomes of this project alone. Anyone else is refused there, so
 * is offered nothing: an action that ends in "you cannot" is worse than none.
 */
export function checkInPlace(
  grants: { isJiraAdmin: boolean; administersProject: boolean },
  projectKey: string,
  outcome: { projectKeys: readonly string[] },
): CheckInPlace {
  if (grants.isJiraAdmin) return 'admin-page';
  const onlyHere = outcome.projectKeys.length === 1 && outcome.projectKeys[0] === projectKey;
  return grants.administersProject && onlyHere ? 'project-settings' : null;
}
