import type { OutcomeDetail } from '../../contract/admin-page';
import type { Outcome } from '../../domain/outcome';
import { historyEnds, listKpisOfOutcome } from '../../platform/storage/kpi-repository';
import { getOutcome } from '../../platform/storage/outcome-repository';
import { type AdminAccess, canSee, outsideAppReach } from '../shared/access';
import { securityGaps } from '../shared/security-gaps';
import { lookUpPeople } from '../shared/views';
import { toAdminOutcome } from './admin-outcome';
import { toKpiView } from './kpi-view';

/** One outcome with its KPIs, as the detail view and every KPI operation return it. */
export async function outcomeDetail(
  outcome: Outcome,
  access: AdminAccess,
  now: Date,
): Promise<OutcomeDetail> {
  const [kpis, parent] = await Promise.all([
    listKpisOfOutcome(outcome.id),
    outcome.parentId ? getOutcome(outcome.parentId) : Promise.resolve(null),
  ]);
  const ends = await Promise.all(kpis.map((k) => historyEnds(k.id)));
  const today = now;
  const [users, outsideReach, gaps] = await Promise.all([
    lookUpPeople(
      [outcome],
      kpis.map((k) => k.updatedBy),
    ),
    outsideAppReach(outcome.projectKeys, access.appSees),
    securityGaps(outcome.projectKeys.filter((key) => access.browsable.has(key))),
  ]);
  const secured = new Set(gaps.map((g) => g.projectKey));
  const titles = new Map(parent && canSee(access, parent) ? [[parent.id, parent.title]] : []);
  return {
    outcome: toAdminOutcome(outcome, { users, access, kpis, titles, outsideReach, secured }),
    kpis: kpis
      .map((k, i) => toKpiView(k, outcome, users, { siblings: kpis, historyEnds: ends[i] ?? [], today }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
