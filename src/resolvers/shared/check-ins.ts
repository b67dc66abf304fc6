import type { CheckInView } from '../../contract/kpi';
import type { UserRef } from '../../contract/primitives';
import {
  assertMayTouch,
  type CheckIn,
  type CheckInValue,
  changeProblem,
  correctCheckIn,
  latestStanding,
  withdrawCheckIn,
} from '../../domain/check-in';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import type { Kpi } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
import { outOfRange } from '../../domain/units';
import { getUsers } from '../../platform/jira/users';
import {
  allCheckIns,
  getCheckIn,
  getKpi,
  retryOnNewValue,
  saveCheckInChange,
} from '../../platform/storage/kpi-repository';
import { getOutcome } from '../../platform/storage/outcome-repository';
import { person } from './views';

/** Every account a page of check-ins names: authors, and whoever corrected or withdrew them. */
export const peopleOfCheckIns = (checkIns: readonly CheckIn[]): string[] =>
  checkIns.flatMap((c) => [
    ...(c.authorId ? [c.authorId] : []),
    ...c.changes.map((x) => x.by),
    ...(c.withdrawn ? [c.withdrawn.by] : []),
  ]);

/** A check-in as every surface shows it, with whether this caller may correct or withdraw it. */
export function toCheckInView(
  c: CheckIn,
  users: Map<string, UserRef>,
  caller: { accountId: string; managesOutcome: boolean },
): CheckInView {
  return {
    id: c.id,
    kpiId: c.kpiId,
    value: c.value,
    confidence: c.confidence,
    note: c.note,
    author: c.authorId ? person(users, c.authorId) : null,
    source: c.source,
    at: c.at,
    revision: c.revision,
    withdrawn: c.withdrawn
      ? { at: c.withdrawn.at, by: person(users, c.withdrawn.by), reason: c.withdrawn.reason }
      : null,
    changes: c.changes.map((x) => ({ ...x, by: person(users, x.by) })),
    canChange: changeProblem(c, caller.accountId, caller.managesOutcome) === null,
  };
}

/** The one answer for a check-in that is gone, or that the caller may not see (the same, so neither leaks). */
export const CHECK_IN_GONE = 'This check-in no longer exists. Someone may have deleted its KPI.';

/** A check-in with its KPI and outcome, or NOT_FOUND if any of them is gone. */
export async function loadCheckIn(id: string): Promise<{ checkIn: CheckIn; kpi: Kpi; outcome: Outcome }> {
  const checkIn = await getCheckIn(id);
  if (!checkIn) throw notFound(CHECK_IN_GONE);
  const kpi = await getKpi(checkIn.kpiId);
  const outcome = kpi ? await getOutcome(kpi.outcomeId) : null;
  if (!kpi || !outcome) throw notFound(CHECK_IN_GONE);
  return { checkIn, kpi, outcome };
}

export type CheckInEdit = { kind: 'correct'; next: CheckInValue } | { kind: 'withdraw' };

/**
 * Corrects or withdraws a check-in and moves the KPI's value to the latest check-in that still stands,
 * in one transaction. Only the revision the caller saw is changed: if someone changed the check-in since,
 * the caller is told who; a new value or edit of the KPI meanwhile is simply read again.
 */
export async function changeCheckIn(
  id: string,
  expectedRevision: number,
  edit: CheckInEdit,
  caller: { accountId: string; managesOutcome: boolean; now: Date },
  reason: string,
): Promise<CheckIn> {
  return retryOnNewValue(async () => {
    const { checkIn, kpi } = await loadCheckIn(id);
    assertMayTouch(checkIn, caller.accountId, caller.managesOutcome);
    if (checkIn.revision !== expectedRevision) throw await changedMeanwhile(checkIn);
    if (edit.kind === 'correct') {
      const outside = outOfRange(edit.next.value, kpi.unit, kpi.customUnit);
      if (outside) throw validationFailed([{ path: 'value', message: outside }], outside);
    }
    const stamp = {
      by: caller.accountId,
      at: caller.now.toISOString(),
      reason,
      managesOutcome: caller.managesOutcome,
    };
    const next =
      edit.kind === 'correct' ? correctCheckIn(checkIn, edit.next, stamp) : withdrawCheckIn(checkIn, stamp);
    const standing = latestStanding(await allCheckIns(kpi.id), next);
    const nextKpi: Kpi = {
      ...kpi,
      current: standing?.value ?? null,
      currentAt: standing?.at ?? null,
      currentConfidence: standing?.confidence ?? null,
      valueSeq: kpi.valueSeq + 1,
    };
    await saveCheckInChange(next, checkIn.revision, { next: nextKpi, base: kpi });
    return next;
  });
}

async function changedMeanwhile(checkIn: CheckIn): Promise<AppError> {
  const last = checkIn.changes.at(-1);
  const who = last ? (await getUsers([last.by])).get(last.by)?.displayName : undefined;
  return new AppError(
    'CONFLICT',
    `${who ?? 'Someone'} changed this check-in after you opened it. Reload to see their change, then make yours again.`,
  );
}
