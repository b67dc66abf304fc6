import { forbidden, notFound } from '../../domain/errors';
import type { Kpi } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
import { getKpi } from '../../platform/storage/kpi-repository';
import { getOutcome } from '../../platform/storage/outcome-repository';
import { type AdminAccess, canManageAll, canSee, requireAdminPage } from '../shared/access';
import type { Caller } from '../shared/surface';

/**
 * What a caller who may not see a thing is told, the same whether it exists or not: nothing on the admin
 * page answers differently for an id that names something hidden and an id that names nothing.
 */
export const HIDDEN = {
  outcome: 'This outcome no longer exists. Someone may have deleted it.',
  kpi: 'This KPI no longer exists. Someone may have deleted it.',
  rule: 'This mapping rule no longer exists.',
} as const;

/** An outcome the caller may read on the admin page: they can browse at least one of its projects. */
export async function readableOutcome(
  caller: Caller,
  id: string,
  hidden: string = HIDDEN.outcome,
): Promise<{ access: AdminAccess; outcome: Outcome }> {
  const [access, outcome] = await Promise.all([requireAdminPage(caller), getOutcome(id)]);
  if (!outcome || !canSee(access, outcome)) throw notFound(hidden);
  return { access, outcome };
}

/** An outcome the caller may change: they administer every one of its projects (or all of Jira). */
export async function manageableOutcome(caller: Caller, id: string, hidden: string = HIDDEN.outcome) {
  const found = await readableOutcome(caller, id, hidden);
  if (!canManageAll(found.access, found.outcome.projectKeys)) {
    throw forbidden('You can change only outcomes whose projects you all administer.');
  }
  return found;
}

/** A KPI the caller may see, with its outcome: the admin page first, then the KPI, then its outcome. */
export async function readableKpi(
  caller: Caller,
  kpiId: string,
): Promise<{ access: AdminAccess; outcome: Outcome; kpi: Kpi }> {
  await requireAdminPage(caller);
  const kpi = await getKpi(kpiId);
  if (!kpi) throw notFound(HIDDEN.kpi);
  return { ...(await readableOutcome(caller, kpi.outcomeId, HIDDEN.kpi)), kpi };
}

/** A KPI the caller may change, with its outcome. */
export async function manageableKpi(
  caller: Caller,
  kpiId: string,
): Promise<{ access: AdminAccess; outcome: Outcome; kpi: Kpi }> {
  const found = await readableKpi(caller, kpiId);
  if (!canManageAll(found.access, found.outcome.projectKeys)) {
    throw forbidden('You can change only KPIs of outcomes whose projects you all administer.');
  }
  return found;
}
