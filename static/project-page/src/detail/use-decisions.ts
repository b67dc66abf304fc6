import type { DecisionKind } from '@contract/limits';
import type { DecisionView } from '@contract/project-page';
import { projectPageApi } from '@shared/client';
import { useCallback, useState } from 'react';

/** An outcome's decisions as last read, and recording one: the reply's list replaces the one shown. */
export function useDecisions(projectKey: string, outcomeId: string, initial: readonly DecisionView[]) {
  const [decisions, setDecisions] = useState(initial);
  const record = useCallback(
    async (kind: DecisionKind, rationale: string) => {
      const reply = await projectPageApi('decisions/record', { projectKey, outcomeId, kind, rationale });
      if (reply.ok) setDecisions(reply.data.decisions);
      return reply;
    },
    [projectKey, outcomeId],
  );
  return { decisions, record };
}
