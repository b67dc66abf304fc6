import { kvs } from '@forge/kvs';
import { ENTITY, keys } from './entities';

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
  reason?: 'check' | 'recount';
  /** Serving tickets with an entry after the run read them: those that had one, and those it gave one. */
  known?: number;
  removed: number;
  pages: number;
  startedAt: string;
  /** Times the final sum was overtaken by a live update (a busy outcome); after a few, the run stops summing. */
  finishTries?: number;
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
