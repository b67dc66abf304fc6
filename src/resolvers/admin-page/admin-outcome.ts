import type { AdminOutcome } from '../../contract/outcome';
import type { UserRef } from '../../contract/primitives';
import type { Outcome } from '../../domain/outcome';
import { type AdminAccess, canManageAll } from '../shared/access';
import { toOutcomeView } from '../shared/views';

/** An outcome as the admin page lists it: the view and whether this caller may change it. */
export const toAdminOutcome = (
  outcome: Outcome,
  users: Map<string, UserRef>,
  access: AdminAccess,
): AdminOutcome => ({
  ...toOutcomeView(outcome, users),
  canManage: canManageAll(access, outcome.projectKeys),
});
