import type { AdminPageContract } from '@contract/admin-page';
import type { AppErrorBody } from '@contract/envelope';
import type { OutputOf } from '@contract/surface';
import { adminPageApi } from '@shared/client';
import type { CheckInEdits } from '@shared/components/CheckInChanges';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OutcomeDetail } from '../outcomes/use-outcome-detail';

export type CheckIn = OutputOf<AdminPageContract, 'kpis/history'>['checkIns'][number];

export interface HistoryState {
  checkIns: CheckIn[];
  nextCursor: string | null;
  /** 'first' while the first page loads, 'more' while a further page does. */
  loading: 'first' | 'more' | null;
  error: AppErrorBody | null;
  loaded: boolean;
}

const EMPTY: HistoryState = { checkIns: [], nextCursor: null, loading: null, error: null, loaded: false };

const newestFirst = (a: CheckIn, b: CheckIn) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

/**
 * A KPI's check-in history, newest first, a page at a time. Loads while `enabled`, and again from the
 * first page whenever `reloadKey` changes (e.g. the KPI's version after a check-in or a refresh).
 */
export function useKpiHistory(kpiId: string, reloadKey: string, enabled: boolean) {
  const [state, setState] = useState<HistoryState>(EMPTY);
  const generation = useRef(0);

  const loadPage = useCallback(
    async (cursor: string | null) => {
      const mine = ++generation.current;
      setState((s) => ({ ...s, loading: cursor ? 'more' : 'first', error: null }));
      const reply = await adminPageApi('kpis/history', cursor ? { id: kpiId, cursor } : { id: kpiId });
      if (mine !== generation.current) return;
      if (!reply.ok) {
        setState((s) => ({ ...s, loading: null, error: reply.error }));
        return;
      }
      setState((s) => {
        const earlier = cursor ? s.checkIns : [];
        const known = new Set(earlier.map((c) => c.id));
        const checkIns = [...earlier, ...reply.data.checkIns.filter((c) => !known.has(c.id))].sort(
          newestFirst,
        );
        return { checkIns, nextCursor: reply.data.nextCursor, loading: null, error: null, loaded: true };
      });
    },
    [kpiId],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey is the trigger to start again from the first page.
  useEffect(() => {
    if (enabled) void loadPage(null);
  }, [enabled, loadPage, reloadKey]);

  const loadMore = useCallback(() => {
    if (state.nextCursor && state.loading === null) void loadPage(state.nextCursor);
  }, [loadPage, state.nextCursor, state.loading]);
  const retry = useCallback(
    () => void loadPage(state.loaded ? state.nextCursor : null),
    [loadPage, state.loaded, state.nextCursor],
  );

  const reload = useCallback(() => void loadPage(null), [loadPage]);

  return { state, loadMore, retry, reload };
}

/** Corrections and withdrawals of check-ins; each hands the outcome's detail it returned to `onDetail`. */
export function useCheckInEdits(onDetail: (detail: OutcomeDetail) => void): CheckInEdits {
  return useMemo(
    () => ({
      correct: async (input) => {
        const reply = await adminPageApi('checkins/correct', input);
        if (reply.ok) onDetail(reply.data);
        return reply;
      },
      withdraw: async (input) => {
        const reply = await adminPageApi('checkins/withdraw', input);
        if (reply.ok) onDetail(reply.data);
        return reply;
      },
    }),
    [onDetail],
  );
}
