import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { ENTITY, keys } from './entities';
import { parseRecord, recordSchema, SCHEMA_VERSION } from './records';

/** A reconciliation in progress, carried from one queue event to the next. */
export interface ReconcileState {
  runId: string;
  outcomeId: string;
  /** Tickets read from Jira, then stale entries swept (when needed), then the totals set from the entries. */
  phase: 'tickets' | 'sweep' | 'totals';
  pageToken: string | null;
  cursor: string | null;
  tickets: number;
  rewritten: number;
  /**
   * 'check': the daily reconciliation, whose corrections are drift worth showing. 'recount': a recompute
   * after the app itself changed many links or the rollup settings, where differences are expected.
   */
  reason: 'check' | 'recount';
  /** Serving tickets with an entry after the run read them: those that had one, and those it gave one. */
  known: number;
  removed: number;
  pages: number;
  startedAt: string;
  /** Times the final sum was overtaken by a live update (a busy outcome); after a few, the run stops summing. */
  finishTries: number;
}

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
