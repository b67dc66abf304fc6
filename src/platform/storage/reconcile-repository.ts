import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { ReconcileState } from '../../domain/reconcile-run';
import { ENTITY, keys } from './entities';
import { parseRecord, recordSchema, SCHEMA_VERSION } from './records';

const ReconcileRecord = recordSchema({
  outcomeId: z.string(),
  data: z.object({
    runId: z.string(),
    outcomeId: z.string(),
    phase: z.enum(['tickets', 'sweep', 'totals']),
    pageToken: z.string().nullable(),
    cursor: z.string().nullable(),
    tickets: z.number().int(),
    rewritten: z.number().int(),
    reason: z.enum(['check', 'recount']),
    known: z.number().int(),
    removed: z.number().int(),
    pages: z.number().int(),
    startedAt: z.string(),
    finishTries: z.number().int(),
    // Runs saved before passes spread over nights: one night, no limit.
    allowance: z.number().int().nullable().default(null),
    createdBefore: z.string().nullable().default(null),
    createdMinutesAgo: z.number().int().nullable().default(null),
    parked: z.boolean().default(false),
    nights: z.number().int().default(1),
  }),
});
type Stored = z.output<typeof ReconcileRecord>;

const runs = () => kvs.entity<Stored>(ENTITY.reconcile);

export async function getReconcileState(outcomeId: string): Promise<ReconcileState | null> {
  const key = keys.reconcile(outcomeId);
  const stored = await runs().get(key);
  return stored ? parseRecord(ReconcileRecord, ENTITY.reconcile, key, stored).data : null;
}

export async function saveReconcileState(state: ReconcileState): Promise<void> {
  const record: Stored = { schemaVersion: SCHEMA_VERSION, outcomeId: state.outcomeId, data: state };
  await runs().set(keys.reconcile(state.outcomeId), record);
}

export async function clearReconcileState(outcomeId: string): Promise<void> {
  await runs().delete(keys.reconcile(outcomeId));
}
