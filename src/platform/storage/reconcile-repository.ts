import { kvs } from '@forge/kvs';
import type { RollupTotals } from '../../domain/rollup';
import { ENTITY, keys } from './entities';

/** A reconciliation in progress, carried from one queue event to the next. */
export interface ReconcileState {
  runId: string;
  outcomeId: string;
  phase: 'tickets' | 'sweep';
  pageToken: string | null;
  cursor: string | null;
  partial: RollupTotals;
  tickets: number;
  rewritten: number;
  /**
   * 'check': the daily reconciliation, whose corrections are drift worth showing. 'recount': a recompute
   * after the app itself changed many links or the rollup settings, where differences are expected.
   */
  reason?: 'check' | 'recount';
  /** Serving tickets that already had an entry when the run read them. */
  known?: number;
  removed: number;
  pages: number;
  startedAt: string;
}

interface Stored {
  outcomeId: string;
  data: ReconcileState;
  version: number;
}

const runs = () => kvs.entity<Stored>(ENTITY.reconcile);

export async function getReconcileState(outcomeId: string): Promise<ReconcileState | null> {
  return (await runs().get(keys.reconcile(outcomeId)))?.data ?? null;
}

export async function saveReconcileState(state: ReconcileState): Promise<void> {
  await runs().set(keys.reconcile(state.outcomeId), { outcomeId: state.outcomeId, data: state, version: 1 });
}

export async function clearReconcileState(outcomeId: string): Promise<void> {
  await runs().delete(keys.reconcile(outcomeId));
}
