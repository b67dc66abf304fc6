import { forbidden, notFound } from '../../domain/errors';
import type { Outcome } from '../../domain/outcome';
import { checkPermissions, has } from '../../platform/jira/permissions';
import { findProject } from '../../platform/jira/projects';
import { getOutcome } from '../../platform/storage/outcome-repository';
import { refuseOutsideAppReach } from '../shared/access';
import type { Caller } from '../shared/surface';

/** A project the caller may browse (else NOT_FOUND, the same for "missing" and "hidden"), and whether they may edit its tickets. */
export async function projectGrants(caller: Caller, projectKey: string) {
  const project = await findProject('app', projectKey);
  const hidden = notFound(`Project ${projectKey} does not exist or you do not have permission to see it.`);
  if (!project) {
    await refuseOutsideAppReach(projectKey);
    throw hidden;
  }
  const grants = await checkPermissions(
    { present: caller.accountId },
    {
      global: ['ADMINISTER'],
      projects: {
        permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER_PROJECTS'],
        projectIds: [project.id],
      },
    },
  );
  if (!has(grants.projects, 'BROWSE_PROJECTS', project.id)) throw hidden;
  return {
    project,
    canLink: has(grants.projects, 'EDIT_ISSUES', project.id),
    // Asked in the same call, for where the caller may check in a KPI (`checkInPlace`).
    isJiraAdmin: grants.isJiraAdmin,
    administersProject: grants.isJiraAdmin || has(grants.projects, 'ADMINISTER_PROJECTS', project.id),
  };
}

/** An outcome of the project, for a caller who may browse the project. */
export async function projectOutcome(
  caller: Caller,
  projectKey: string,
  outcomeId: string,
): Promise<{ outcome: Outcome } & Awaited<ReturnType<typeof projectGrants>>> {
  const grants = await projectGrants(caller, projectKey);
  const outcome = await getOutcome(outcomeId);
  if (!outcome?.projectKeys.includes(projectKey))
    throw notFound(`That outcome is not one of ${projectKey}'s.`);
  return { ...grants, outcome };
}

export async function requireProjectEdit(caller: Caller, projectKey: string) {
  const grants = await projectGrants(caller, projectKey);
  if (!grants.canLink)
    throw forbidden(`You can't edit tickets in ${projectKey}, so you can't link them to outcomes.`);
  return grants.project;
}
