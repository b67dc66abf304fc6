import type { OutcomeDetail } from '@contract/admin-page';
import type { KpiDraft, KpiView as KpiRecord } from '@contract/kpi';
import type { Confidence } from '@contract/limits';
import { adminPageApi } from '@shared/client';
import { useReply } from '@shared/use-reply';
import { useCallback, useEffect, useMemo, useState } from 'react';

export type { OutcomeDetail };
export type KpiView = OutcomeDetail['kpis'][number];

/**
 * One outcome with its KPIs (`outcomes/get`), kept up to date from the replies of KPI writes, which all
 * answer with the whole detail. `refresh` loads again and hands the reply to the caller too.
 */
export function useOutcomeDetail(id: string) {
  const load = useCallback(() => adminPageApi('outcomes/get', { id }), [id]);
  const { state, reload, replace, refresh } = useReply(load, id);
  return { state, reload, replace, refresh };
}

/** The KPI writes: each answers with the outcome's whole detail, or an error. */
export function useKpiMutations() {
  return useMemo(
    () => ({
      create: (draft: KpiDraft, saveAsDraft: boolean) => adminPageApi('kpis/create', { draft, saveAsDraft }),
      update: (id: string, expectedVersion: number, draft: KpiDraft, saveAsDraft: boolean) =>
        adminPageApi('kpis/update', { id, expectedVersion, draft, saveAsDraft }),
      remove: (id: string, expectedVersion: number) => adminPageApi('kpis/delete', { id, expectedVersion }),
      checkIn: (kpiId: string, value: number, confidence: Confidence, note: string) =>
        adminPageApi('kpis/check-in', { kpiId, value, confidence, note }),
      refreshFromJira: (id: string) => adminPageApi('kpis/refresh', { id }),
    }),
    [],
  );
}

/** The outcome's KPIs as the editor needs them, loaded once the dates change. */
export function useKpisOfOutcome(outcomeId: string | null, needed: boolean) {
  const [kpis, setKpis] = useState<KpiRecord[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!outcomeId || !needed || kpis) return;
    let live = true;
    void adminPageApi('outcomes/get', { id: outcomeId }).then((reply) => {
      if (!live) return;
      if (reply.ok) setKpis(reply.data.kpis);
      else setFailed(reply.error.message);
    });
    return () => {
      live = false;
    };
  }, [outcomeId, needed, kpis]);
  return { kpis, failed };
}
