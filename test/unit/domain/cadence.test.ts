import { describe, expect, it } from 'vitest';
import { checkInDue, nextDueDay } from '../../../src/domain/cadence';
import type { Kpi } from '../../../src/domain/kpi';

type Due = Pick<Kpi, 'source' | 'cadence' | 'currentAt' | 'createdAt'>;
const kpi = (over: Partial<Due> = {}): Due => ({
  source: { type: 'manual' },
  cadence: 'weekly',
  currentAt: '2026-11-02T16:30:00.000Z',
  createdAt: '2026-10-01T09:00:00.000Z',
  ...over,
});

describe('checkInDue', () => {
  it('is not due the day before one cadence has passed, and is due on the day it has', () => {
    expect(checkInDue(kpi(), 'active', '2026-11-08')).toBeNull();
    // Exactly one week after a Monday afternoon check-in: due from the Monday morning, whatever the hour.
    expect(checkInDue(kpi(), 'active', '2026-11-09')).toEqual({
      dueSince: '2026-11-09',
      words: 'Last check-in 7 days ago; due weekly.',
    });
  });

  it('says how long ago the last value was when it is well overdue', () => {
    expect(checkInDue(kpi(), 'active', '2026-11-14')?.words).toBe('Last check-in 12 days ago; due weekly.');
  });

  it('counts a KPI never checked in from its creation', () => {
    const never = kpi({ currentAt: null });
    expect(checkInDue(never, 'active', '2026-10-07')).toBeNull();
    expect(checkInDue(never, 'active', '2026-10-08')).toEqual({
      dueSince: '2026-10-08',
      words: 'No check-in since it was created 7 days ago; due weekly.',
    });
  });

  it('follows the cadence as it is now: a longer one lifts the prompt, a shorter one brings it', () => {
    expect(checkInDue(kpi({ cadence: 'monthly' }), 'active', '2026-11-14')).toBeNull();
    expect(checkInDue(kpi({ cadence: 'monthly' }), 'active', '2026-12-02')?.words).toBe(
      'Last check-in 30 days ago; due monthly.',
    );
    expect(checkInDue(kpi({ cadence: 'every-2-weeks' }), 'active', '2026-11-15')).toBeNull();
    expect(checkInDue(kpi({ cadence: 'every-2-weeks' }), 'active', '2026-11-16')?.dueSince).toBe(
      '2026-11-16',
    );
  });

  it('never asks a person to check in a KPI Jira counts, or news of an outcome that is over', () => {
    const jql = kpi({ source: { type: 'jql-count', jql: 'project = SHOP' } });
    expect(checkInDue(jql, 'active', '2027-06-01')).toBeNull();
    expect(checkInDue(kpi(), 'achieved', '2027-06-01')).toBeNull();
    expect(checkInDue(kpi(), 'dropped', '2027-06-01')).toBeNull();
  });
});

describe('nextDueDay', () => {
  it('adds calendar months, keeping to the end of a shorter month', () => {
    expect(nextDueDay('2026-01-31', 'monthly')).toBe('2026-02-28');
    expect(nextDueDay('2026-11-30', 'quarterly')).toBe('2027-02-28');
    expect(nextDueDay('2026-03-15', 'quarterly')).toBe('2026-06-15');
    expect(nextDueDay('2026-12-29', 'weekly')).toBe('2027-01-05');
  });
});
