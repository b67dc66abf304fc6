import type { LinkScope } from '../domain/links';
import type { Outcome } from '../domain/outcome';
import { mapLimited } from '../platform/concurrency';
import { listKpisOfOutcome } from '../platform/storage/kpi-repository';
import { getOutcomes } from '../platform/storage/outcome-repository';

/**
 * What links read from tickets are checked against (see `trustedLinks`): the named outcomes' projects
 * and, when `kpis` is asked for, their KPIs. Outcomes already loaded can be passed in.
 */
export async function linkScopes(
  outcomeIds: Iterable<string>,
  { kpis = false, known }: { kpis?: boolean; known?: ReadonlyMap<string, Outcome> } = {},
): Promise<Map<string, LinkScope>> {
  const ids = [...new Set(outcomeIds)];
  const missing = ids.filter((id) => !known?.has(id));
  const loaded = missing.length > 0 ? await getOutcomes(missing) : new Map<string, Outcome>();
  const outcomes = ids.flatMap((id) => known?.get(id) ?? loaded.get(id) ?? []);
  const kpiIds = kpis
    ? new Map(
        await mapLimited(
          outcomes,
          4,
          async (o) => [o.id, new Set((await listKpisOfOutcome(o.id)).map((k) => k.id))] as const,
        ),
      )
    : new Map<string, ReadonlySet<string>>();
  return new Map(
    outcomes.map((o) => [o.id, { projectKeys: o.projectKeys, kpiIds: kpiIds.get(o.id) ?? null }]),
  );
}
