import type { Confidence } from '../contract/limits';
import { forbidden, validationFailed } from './errors';

/** What a person says in a check-in: the value, how sure they are, a one-line note. */
export interface CheckInValue {
  value: number;
  confidence: Confidence;
  note: string;
}

/** One change to a check-in after it was made: who, when, what it said before and after, and why. */
export interface CheckInChange {
  action: 'corrected' | 'withdrawn';
  at: string;
  by: string;
  before: CheckInValue;
  /** Null for a withdrawal: the value no longer stands. */
  after: CheckInValue | null;
  reason: string;
}

/** A check-in as kept: one value of a KPI at a time. Corrections and withdrawals add to it, never erase it. */
export interface CheckIn extends CheckInValue {
  id: string;
  kpiId: string;
  outcomeId: string;
  /** Absent for values the app recorded itself (JQL refresh). */
  authorId: string | null;
  source: 'manual' | 'jql';
  at: string;
  /** Bumped by every correction or withdrawal, so two people changing it at once never lose a change. */
  revision: number;
  /** Set when it was withdrawn: it stays in the history, and no longer counts as a value of the KPI. */
  withdrawn: { at: string; by: string; reason: string } | null;
  /** Oldest first. */
  changes: CheckInChange[];
}

const saidIn = (c: CheckInValue): CheckInValue => ({
  value: c.value,
  confidence: c.confidence,
  note: c.note,
});

/**
 * Who may correct or withdraw a check-in: the person who made it, or anyone who manages the KPI's outcome.
 * A value the app counted from Jira is Jira's: refreshing the KPI replaces it, nobody edits it.
 */
export function changeProblem(checkIn: CheckIn, callerId: string, managesOutcome: boolean): string | null {
  if (checkIn.source !== 'manual') {
    return 'This value was counted from Jira with JQL; refresh the KPI instead of changing it.';
  }
  if (checkIn.withdrawn) return 'This check-in was withdrawn already; check in a new value instead.';
  if (checkIn.authorId !== callerId && !managesOutcome) return NOT_YOURS;
  return null;
}

const NOT_YOURS = 'Only the person who checked this value in, or an admin of the outcome, can change it.';

/**
 * Refuses someone who may change no check-in of this kind (neither its author nor an admin of its
 * outcome) before anything else is said about it, such as that it changed since they opened it.
 */
export function assertMayTouch(
  checkIn: Pick<CheckIn, 'authorId'>,
  callerId: string,
  managesOutcome: boolean,
) {
  if (checkIn.authorId !== callerId && !managesOutcome) throw forbidden(NOT_YOURS);
}

function assertMayChange(checkIn: CheckIn, callerId: string, managesOutcome: boolean): void {
  const problem = changeProblem(checkIn, callerId, managesOutcome);
  if (!problem) return;
  if (checkIn.source === 'manual' && !checkIn.withdrawn) throw forbidden(problem);
  throw validationFailed([{ path: 'id', message: problem }], problem);
}

/** The check-in with a corrected value, confidence or note, the change recorded with who made it and why. */
export function correctCheckIn(
  checkIn: CheckIn,
  next: CheckInValue,
  stamp: { by: string; at: string; reason: string; managesOutcome: boolean },
): CheckIn {
  assertMayChange(checkIn, stamp.by, stamp.managesOutcome);
  const before = saidIn(checkIn);
  const after = saidIn(next);
  if (before.value === after.value && before.confidence === after.confidence && before.note === after.note) {
    throw validationFailed(
      [{ path: 'value', message: 'Nothing changed: give the corrected value, confidence or note.' }],
      'Nothing to correct: the value, confidence and note are as they were.',
    );
  }
  return {
    ...checkIn,
    ...after,
    revision: checkIn.revision + 1,
    changes: [
      ...checkIn.changes,
      { action: 'corrected', at: stamp.at, by: stamp.by, before, after, reason: stamp.reason },
    ],
  };
}

/** The check-in withdrawn: kept in the history, marked, and no longer a value of the KPI. */
export function withdrawCheckIn(
  checkIn: CheckIn,
  stamp: { by: string; at: string; reason: string; managesOutcome: boolean },
): CheckIn {
  assertMayChange(checkIn, stamp.by, stamp.managesOutcome);
  return {
    ...checkIn,
    revision: checkIn.revision + 1,
    withdrawn: { at: stamp.at, by: stamp.by, reason: stamp.reason },
    changes: [
      ...checkIn.changes,
      {
        action: 'withdrawn',
        at: stamp.at,
        by: stamp.by,
        before: saidIn(checkIn),
        after: null,
        reason: stamp.reason,
      },
    ],
  };
}

/**
 * The KPI's current value after a change: its latest check-in that still stands (not withdrawn), with the
 * changed check-in in its new state. `newestFirst` is the KPI's history as read, newest first.
 */
export function latestStanding(newestFirst: readonly CheckIn[], changed: CheckIn): CheckIn | null {
  for (const c of newestFirst) {
    const now = c.id === changed.id ? changed : c;
    if (!now.withdrawn) return now;
  }
  return null;
}
