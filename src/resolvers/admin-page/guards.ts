import { forbidden, notFound } from '../../domain/errors';
import type { Kpi } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
import { getKpi } from '../../platform/storage/kpi-repository';
import { getOutcome } from '../../platform/storage/outcome-repository';
import { type AdminAccess, canManageAll, requireAdminPage } from '../shared/access';
import type { Caller } from '../shared/surface';

const gone = () => notFound('This outcome no longer exists. Someone may have deleted it.');

/** An outcome the caller may read on the admin page: they can browse at least one of its projects. */
export async function readableOutcome(
  caller: Caller,
  id: string,
): Promise<{ access: AdminAccess; outcome: Outcome }> {
  const [access, outcome] = await Promise.all([requireAdminPage(caller), getOutcome(id)]);
  if (!outcome?.projectKeys.some((k) => access.browsable.has(k))) throw gone();
  return { access, outcome };
}

/** An outcome the caller may change: they administer every one of its projects (or all of Jira). */
export async function manageableOutcome(caller: Caller, id: string) {
  const found = await readableOutcome(caller, id);
  if (!canManageAll(found.access, found.outcome.projectKeys)) {
    throw forbidden('You can change only outcomes whose projects you all administer.');
  }
  return found;
}

/** A KPI the caller may change, with its outcome. */
export async function manageableKpi(
  caller: Caller,
  kpiId: string,
): Promise<{ access: AdminAccess; outcome: Outcome; kpi: Kpi }> {
  const kpi = await getKpi(kpiId);
  if (!kpi) throw notFound('This KPI no longer exists. Someone may have deleted it.');
  return { ...(await manageableOutcome(caller, kpi.outcomeId)), kpi };
}
