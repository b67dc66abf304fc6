import type { UserRef } from '../../contract/primitives';
import type { DecisionView } from '../../contract/project-page';
import { assertMayDecide, type Decision, newestFirst } from '../../domain/decision';
import { newSuffix } from '../../platform/ids';
import { getUsers } from '../../platform/jira/users';
import { appendDecision, listDecisions, newDecisionId } from '../../platform/storage/decision-repository';
import { person } from '../shared/views';
import { projectOperation } from './operation';
import { projectOutcome } from './project-access';

/** An outcome's decisions as its history shows them, newest first, with each person's name from `users`. */
export function decisionViews(decisions: readonly Decision[], users: Map<string, UserRef>): DecisionView[] {
  return newestFirst(decisions).map((d) => ({
    id: d.id,
    kind: d.kind,
    rationale: d.rationale,
    by: person(users, d.byId),
    at: d.at,
  }));
}

/**
 * Records a decision on an outcome of the project: by one of the people the outcome names to decide (who
 * comes from the call's context, never the payload), at the call's time. Appended, never overwritten.
 */
export const recordDecisionOp = projectOperation('decisions/record', {
  authorize: async ({ projectKey, outcomeId }, caller) => {
    const { outcome } = await projectOutcome(caller, projectKey, outcomeId);
    assertMayDecide(outcome, caller.accountId);
    return { outcome };
  },
  run: async ({ kind, rationale }, caller, { outcome }) => {
    const at = caller.now.toISOString();
    await appendDecision({
      id: newDecisionId(outcome.id, at, newSuffix()),
      outcomeId: outcome.id,
      kind,
      rationale,
      byId: caller.accountId,
      at,
    });
    const decisions = await listDecisions(outcome.id);
    return { decisions: decisionViews(decisions, await getUsers(decisions.map((d) => d.byId))) };
  },
});
