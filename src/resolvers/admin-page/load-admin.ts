import { projectsOutsideReach, securityGapsInWords } from '../../domain/app-reach';
import { listProjects } from '../../platform/jira/projects';
import { listAllKpis } from '../../platform/storage/kpi-repository';
import { listOutcomes } from '../../platform/storage/outcome-repository';
import { canSee, outsideAppReach, requireAdminPage } from '../shared/access';
import { securityGaps } from '../shared/security-gaps';
import { lookUpPeople } from '../shared/views';
import { toAdminOutcome } from './admin-outcome';
import { adminOperation } from './operation';

/**
 * Everything the admin page needs in one call: projects, permissions and the outcomes the caller may
 * see with their KPI counts, and the caller's projects the app cannot see. Storage reads grow with outcomes and KPIs (100 a page), not with tickets.
 */
export const loadAdmin = adminOperation('admin/load', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async (_input, _caller, access) => {
    const [all, kpis] = await Promise.all([listOutcomes(), listAllKpis()]);
    const outcomes = all.filter((o) => canSee(access, o));
    const keys = outcomes.flatMap((o) => o.projectKeys);
    const [users, outsideReach, callerSees, gaps] = await Promise.all([
      lookUpPeople(outcomes),
      outsideAppReach(keys, access.appSees),
      // The caller's own projects that the app cannot see: not offered for outcomes, and said so.
      access.confinedTo === undefined ? listProjects('user') : Promise.resolve([]),
      securityGaps(keys.filter((key) => access.browsable.has(key))),
    ]);
    const secured = new Set(gaps.map((g) => g.projectKey));
    // Parents are named only when the caller may see them (see toOutcomeView).
    const titles = new Map(outcomes.map((o) => [o.id, o.title]));
    return {
      isJiraAdmin: access.isJiraAdmin,
      projects: access.projects
        .filter((p) => access.browsable.has(p.key))
        .map((p) => ({ key: p.key, name: p.name, canManage: access.manageable.has(p.key) })),
      outsideAppReach: [
        projectsOutsideReach(callerSees.filter((p) => !access.appSees.has(p.key))),
        securityGapsInWords(gaps),
      ].filter((words) => words !== null),
      outcomes: outcomes.map((o) =>
        toAdminOutcome(o, { users, access, kpis: kpis.get(o.id) ?? [], titles, outsideReach, secured }),
      ),
    };
  },
});
