import type { AdminOutcome } from '../../contract/outcome';
import type { UserRef } from '../../contract/primitives';
import { leavesOutProjects, leavesOutSecured } from '../../domain/app-reach';
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
    /** Projects with tickets the caller sees that issue security keeps from the app. */
    secured: ReadonlySet<string>;
  },
): AdminOutcome => {
  const view = toOutcomeView(
    outcome,
    context.users,
    context.titles,
    context.access.browsable,
    context.outsideReach,
  );
  const reach = [
    leavesOutProjects(view.outsideAppReach),
    leavesOutSecured(view.projectKeys.filter((key) => context.secured.has(key))),
  ].filter((words) => words !== null);
  return {
    ...view,
    canManage: canManageAll(context.access, outcome.projectKeys),
    kpiCount: context.kpis.length,
    draftKpiCount: context.kpis.filter((k) => k.isDraft).length,
    warnings: [...reach, ...kpiCountWarnings(context.kpis)],
  };
};
