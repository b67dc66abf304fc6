import type { Kpi } from './kpi';
import type { ChangeStamp } from './outcome';

/**
 * Pairing is many to one: each technical KPI names the business KPI it moves, and a business KPI has
 * as many technical partners as name it. Pairing a technical KPI changes that KPI alone; only a business
 * KPI that goes away (deleted) releases the technical KPIs that named it. Returns their next states.
 */
export function releasedBy(goneId: string, others: readonly Kpi[], stamp: ChangeStamp): Kpi[] {
  return others
    .filter((k) => k.id !== goneId && k.pairedKpiId === goneId)
    .map((k) => ({
      ...k,
      pairedKpiId: null,
      version: k.version + 1,
      updatedAt: stamp.at.toISOString(),
      updatedBy: stamp.accountId,
    }));
}

/**
 * Why a KPI cannot change kind as drafted, or null: a business KPI that technical KPIs name cannot become
 * technical while they do (they would serve a KPI of their own kind).
 */
export function kindChangeProblem(
  before: Pick<Kpi, 'id' | 'kind'>,
  nextKind: Kpi['kind'],
  others: readonly Pick<Kpi, 'name' | 'pairedKpiId'>[],
): string | null {
  if (before.kind !== 'business' || nextKind === 'business') return null;
  const naming = others.filter((k) => k.pairedKpiId === before.id).map((k) => `“${k.name}”`);
  if (naming.length === 0) return null;
  return `${naming.join(', ')} ${naming.length === 1 ? 'moves' : 'move'} this business KPI; pair ${naming.length === 1 ? 'it' : 'them'} elsewhere before making this one technical.`;
}
