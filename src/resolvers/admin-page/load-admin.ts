import { listOutcomes } from '../../platform/storage/outcome-repository';
import { requireAdminPage } from '../shared/access';
import { lookUpPeople } from '../shared/views';
import { toAdminOutcome } from './admin-outcome';
import { adminOperation } from './operation';

/** Everything the admin page needs in one call: projects, permissions and the outcomes the caller may see. */
export const loadAdmin = adminOperation('admin/load', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async (_input, _caller, access) => {
    const outcomes = (await listOutcomes()).filter((o) =>
      o.projectKeys.some((key) => access.browsable.has(key)),
    );
    const users = await lookUpPeople(outcomes);
    return {
      isJiraAdmin: access.isJiraAdmin,
      projects: access.projects
        .filter((p) => access.browsable.has(p.key))
        .map((p) => ({ key: p.key, name: p.name, canManage: access.manageable.has(p.key) })),
      outcomes: outcomes.map((o) => toAdminOutcome(o, users, access)),
    };
  },
});
