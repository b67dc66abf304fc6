import type { DecisionKind } from '../contract/limits';
import { forbidden } from './errors';
import type { Outcome } from './outcome';

/** A decision about an outcome, as kept: what, why, by whom and when. Never edited, never deleted. */
export interface Decision {
  id: string;
  outcomeId: string;
  kind: DecisionKind;
  rationale: string;
  byId: string;
  at: string;
}

/**
 * Who may record a decision: the people the outcome names to answer for it and to decide — its business and
 * technology owners, who decides, and who it is escalated to (an escalation is a request for a decision).
 * Advisers advise; admins administer the app, they do not decide for the business.
 */
export const mayDecide = (
  outcome: Pick<Outcome, 'businessOwnerId' | 'technologyOwnerId' | 'roles'>,
  accountId: string,
): boolean =>
  outcome.businessOwnerId === accountId ||
  outcome.technologyOwnerId === accountId ||
  outcome.roles.decides.includes(accountId) ||
  outcome.roles.escalatedTo.includes(accountId);

export function assertMayDecide(
  outcome: Pick<Outcome, 'businessOwnerId' | 'technologyOwnerId' | 'roles'>,
  accountId: string,
): void {
  if (!mayDecide(outcome, accountId)) {
    throw forbidden(
      'Only the outcome’s owners, the people who decide and those it is escalated to can record a decision.',
    );
  }
}

/** Newest first; decisions made in the same millisecond keep a stable order by id. */
export const newestFirst = (decisions: readonly Decision[]): Decision[] =>
  [...decisions].sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)));
