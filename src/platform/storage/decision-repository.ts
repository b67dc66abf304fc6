import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import { DECISION_KINDS } from '../../contract/limits';
import type { Decision } from '../../domain/decision';
import { ENTITY, keys, QUERY_PAGE } from './entities';
import { everyResult } from './paging';
import { parseRecord, recordSchema, SCHEMA_VERSION } from './records';
import { inChunks } from './transactions';

const DecisionRecord = recordSchema({
  outcomeId: z.string(),
  kind: z.enum(DECISION_KINDS),
  rationale: z.string(),
  byId: z.string(),
  at: z.string(),
});
type StoredDecision = z.output<typeof DecisionRecord>;

const decisions = () => kvs.entity<StoredDecision>(ENTITY.decision);

export const newDecisionId = (outcomeId: string, at: string, suffix: string) =>
  keys.decision(outcomeId, at, suffix);

/**
 * Appends a decision. Each is its own record under its own key (outcome, moment, random suffix), so two people
 * deciding at once write two records and neither can overwrite the other; the write is refused, never merged,
 * should the key exist already.
 */
export async function appendDecision(d: Decision): Promise<void> {
  const { id, ...fields } = d;
  const tx = kvs.transact();
  tx.set(
    id,
    { schemaVersion: SCHEMA_VERSION, ...fields },
    {
      entityName: ENTITY.decision,
      conditions: new Filter<StoredDecision>().and('outcomeId', FilterConditions.notExists()),
    },
  );
  await tx.execute();
}

/** Every decision about an outcome, newest first. */
export async function listDecisions(outcomeId: string): Promise<Decision[]> {
  const results = await everyResult(
    decisions()
      .query()
      .index('by-outcome-time', { partition: [outcomeId] })
      .sort(Sort.DESC)
      .limit(QUERY_PAGE),
  );
  return results.map((r) => {
    const { schemaVersion: _v, ...s } = parseRecord(DecisionRecord, ENTITY.decision, r.key, r.value);
    return { id: r.key, ...s };
  });
}

/** Removes every decision about an outcome: a deleted outcome's history goes with its trend. */
export async function removeDecisionsOf(outcomeId: string): Promise<void> {
  const ids = (await listDecisions(outcomeId)).map((d) => d.id);
  await inChunks(ids, (tx, id) => tx.delete(id, { entityName: ENTITY.decision }));
}
