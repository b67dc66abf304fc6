import type { ProjectPageContract } from '@contract/project-page';
import type { OutputOf } from '@contract/surface';
import { projectPageApi } from '@shared/client';
import type { CheckInEdits } from '@shared/components/CheckInChanges';
import { useReply } from '@shared/use-reply';
import { useCallback, useMemo } from 'react';

export type OutcomeDetail = OutputOf<ProjectPageContract, 'project/outcome'>;
export type TrendPoint = OutcomeDetail['trend'][number];
export type DetailKpi = OutcomeDetail['kpis'][number];

/** One outcome's "why this number?": its row, the breakdown, the lists behind figures, trend and KPI history. */
export function useOutcomeDetail(projectKey: string, outcomeId: string) {
  const load = useCallback(
    () => projectPageApi('project/outcome', { projectKey, outcomeId }),
    [projectKey, outcomeId],
  );
  return useReply(load, `${projectKey}:${outcomeId}`);
}

/** Corrections and withdrawals of a KPI's check-ins, as the project's members make them. */
export function useCheckInEdits(projectKey: string): CheckInEdits {
  return useMemo(
    () => ({
      correct: (input) => projectPageApi('checkins/correct', { ...input, projectKey }),
      withdraw: (input) => projectPageApi('checkins/withdraw', { ...input, projectKey }),
    }),
    [projectKey],
  );
}
