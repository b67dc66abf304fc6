import type { AdminOutcome } from '../../contract/outcome';
import type { UserRef } from '../../contract/primitives';
import { leavesOutProjects } from '../../domain/app-reach';
import { type Kpi, kpiCountWarnings } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
import { type AdminAccess, canManageAll } from '../shared/access';
import { toOutcomeView } from '../shared/views';

/** An outcome as the admin page lists it: the view, whether this caller may change it, its KPI guardrail. */
export const toAdminOutcome = (
  outcome: Outcome,
  context: {
    users: Map<string, UserRef>;
    access: AdminAccess;
    kpis: readonly Kpi[];
    titles: ReadonlyMap<string, string>;
    /** Projects the caller may browse that the app cannot see (`outsideAppReach`). */
    outsideReach: ReadonlySet<string>;
  },
): AdminOutcome => {
  const view = toOutcomeView(
    outcome,
    context.users,
    context.titles,
    context.access.browsable,
    context.outsideReach,
  );
  const reach = leavesOutProjects(view.outsideAppReach);
  return {
    ...view,
    canManage: canManageAll(context.access, outcome.projectKeys),
    kpiCount: context.kpis.length,
    draftKpiCount: context.kpis.filter((k) => k.isDraft).length,
    warnings: [...(reach ? [reach] : []), ...kpiCountWarnings(context.kpis)],
  };
};
