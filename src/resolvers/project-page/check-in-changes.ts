import { notFound } from '../../domain/errors';
import { getUsers } from '../../platform/jira/users';
import { adminAccess, canManageAll } from '../shared/access';
import {
  CHECK_IN_GONE,
  changeCheckIn,
  loadCheckIn,
  peopleOfCheckIns,
  toCheckInView,
} from '../shared/check-ins';
import type { Caller } from '../shared/surface';
import { projectOperation } from './operation';
import { projectGrants } from './project-access';

/**
 * Check-ins shown on the project page can be corrected or withdrawn there too: by their author or an
 * admin of the outcome, who must also be able to browse the project the page is for.
 */
async function checkInGrant(caller: Caller, projectKey: string, id: string) {
  // The project first, then the check-in: one of an outcome elsewhere is answered as one that is gone.
  await projectGrants(caller, projectKey);
  const { outcome } = await loadCheckIn(id);
  if (!outcome.projectKeys.includes(projectKey)) throw notFound(CHECK_IN_GONE);
  const access = await adminAccess(caller);
  return { managesOutcome: canManageAll(access, outcome.projectKeys) };
}

async function viewOf(
  caller: Caller,
  managesOutcome: boolean,
  checkIn: Awaited<ReturnType<typeof changeCheckIn>>,
) {
  const users = await getUsers(peopleOfCheckIns([checkIn]));
  return { checkIn: toCheckInView(checkIn, users, { accountId: caller.accountId, managesOutcome }) };
}

export const correctCheckInOp = projectOperation('checkins/correct', {
  authorize: ({ projectKey, id }, caller) => checkInGrant(caller, projectKey, id),
  run: async ({ id, expectedRevision, value, confidence, note, reason }, caller, { managesOutcome }) => {
    const changed = await changeCheckIn(
      id,
      expectedRevision,
      { kind: 'correct', next: { value, confidence, note } },
      { accountId: caller.accountId, managesOutcome, now: caller.now },
      reason,
    );
    return viewOf(caller, managesOutcome, changed);
  },
});

export const withdrawCheckInOp = projectOperation('checkins/withdraw', {
  authorize: ({ projectKey, id }, caller) => checkInGrant(caller, projectKey, id),
  run: async ({ id, expectedRevision, reason }, caller, { managesOutcome }) => {
    const changed = await changeCheckIn(
      id,
      expectedRevision,
      { kind: 'withdraw' },
      { accountId: caller.accountId, managesOutcome, now: caller.now },
      reason,
    );
    return viewOf(caller, managesOutcome, changed);
  },
});
