import { describe, expect, it } from 'vitest';
import {
  CHANGES_MARGIN_MINUTES,
  changesWindowMinutes,
  createdWindowMinutes,
  type NightlyOutcome,
  nightlyPlan,
} from '../../../src/domain/nightly-plan';

const outcome = (
  outcomeId: string,
  tickets: number,
  fullCheckedAt: string | null,
  parked = false,
): NightlyOutcome => ({
  outcomeId,
  tickets,
  fullCheckedAt,
  parked,
});

describe('the nightly plan', () => {
  it('reads outcomes never checked whole, then gives a parked pass the night first, then the oldest checked', () => {
    const plan = nightlyPlan(
      [
        outcome('recent', 100, '2026-11-30T02:00:00.000Z'),
        outcome('old', 100, '2026-11-01T02:00:00.000Z'),
        outcome('never', 100, null),
        outcome('parked', 100, '2026-11-20T02:00:00.000Z', true),
      ],
      1_000,
    );
    expect(plan.full.map((p) => p.outcomeId)).toEqual(['never', 'parked', 'old', 'recent']);
    expect(plan.full.map((p) => p.allowance)).toEqual([null, 1_000, 900, 800]);
    expect(plan.full.map((p) => p.resume)).toEqual([false, true, false, false]);
  });

  it('stops at the night share: the last pass gets what is left and parks part way', () => {
    const plan = nightlyPlan(
      [
        outcome('a', 3_000, '2026-10-01T00:00:00.000Z'),
        outcome('b', 3_000, '2026-11-01T00:00:00.000Z'),
        outcome('c', 10, '2026-11-02T00:00:00.000Z'),
      ],
      3_500,
    );
    expect(plan.full).toEqual([
      { outcomeId: 'a', allowance: 3_500, resume: false },
      { outcomeId: 'b', allowance: 500, resume: false },
    ]);
  });

  it('runs one pass every night, however large the outcome', () => {
    expect(nightlyPlan([outcome('huge', 100_000, '2026-11-01T00:00:00.000Z')], 3_500).full).toEqual([
      { outcomeId: 'huge', allowance: 3_500, resume: false },
    ]);
    expect(nightlyPlan([outcome('huge', 100_000, null)], 3_500).full).toEqual([
      { outcomeId: 'huge', allowance: null, resume: false },
    ]);
    expect(nightlyPlan([], 3_500).full).toEqual([]);
  });

  it('reads changes since the last check began, with the margin, or a day when never checked', () => {
    const now = new Date('2026-12-02T02:00:00.000Z');
    expect(changesWindowMinutes('2026-12-01T02:00:00.000Z', now)).toBe(24 * 60 + CHANGES_MARGIN_MINUTES);
    expect(changesWindowMinutes('2026-11-29T02:00:30.000Z', now)).toBe(3 * 24 * 60 + CHANGES_MARGIN_MINUTES);
    expect(changesWindowMinutes(null, now)).toBe(24 * 60 + CHANGES_MARGIN_MINUTES);
  });

  it('resumes a parked pass from a minute that reads the minute it parked in again', () => {
    const now = new Date('2026-12-02T02:00:00.000Z');
    const parkedAt = '2026-12-01T01:59:30.000Z';
    const minutes = createdWindowMinutes(parkedAt, now);
    expect(now.getTime() - minutes * 60_000).toBeGreaterThanOrEqual(Date.parse(parkedAt) + 60_000);
    expect(minutes).toBe(1440 - 1);
  });
});
