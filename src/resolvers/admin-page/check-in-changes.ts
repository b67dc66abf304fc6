import { canManageAll, requireAdminPage } from '../shared/access';
import { CHECK_IN_GONE, changeCheckIn, loadCheckIn } from '../shared/check-ins';
import type { Caller } from '../shared/surface';
import { readableOutcome } from './guards';
import { adminOperation } from './operation';
import { outcomeDetail } from './outcome-detail';

/**
 * Who may change a check-in on the admin page: anyone who can read its outcome there is checked for being
 * its author or an admin of the outcome when the change is made (see `changeProblem`).
 */
async function checkInGrant(caller: Caller, id: string) {
  // The admin page first, then the check-in: someone without it is told so whatever the id names.
  await requireAdminPage(caller);
  const { outcome } = await loadCheckIn(id);
  const found = await readableOutcome(caller, outcome.id, CHECK_IN_GONE);
  return { ...found, managesOutcome: canManageAll(found.access, found.outcome.projectKeys) };
}

export const correctCheckInOp = adminOperation('checkins/correct', {
  authorize: ({ id }, caller) => checkInGrant(caller, id),
  run: async ({ id, expectedRevision, value, confidence, note, reason }, caller, grant) => {
    await changeCheckIn(
      id,
      expectedRevision,
      { kind: 'correct', next: { value, confidence, note } },
      { accountId: caller.accountId, managesOutcome: grant.managesOutcome, now: caller.now },
      reason,
    );
    return outcomeDetail(grant.outcome, grant.access, caller.now);
  },
});

export const withdrawCheckInOp = adminOperation('checkins/withdraw', {
  authorize: ({ id }, caller) => checkInGrant(caller, id),
  run: async ({ id, expectedRevision, reason }, caller, grant) => {
    await changeCheckIn(
      id,
      expectedRevision,
      { kind: 'withdraw' },
      { accountId: caller.accountId, managesOutcome: grant.managesOutcome, now: caller.now },
      reason,
    );
    return outcomeDetail(grant.outcome, grant.access, caller.now);
  },
});
