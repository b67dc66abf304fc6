import { describe, expect, it } from 'vitest';
import { periodDays, weekStart } from '../../../src/domain/review';

describe('review periods', () => {
  it('starts weeks on Monday', () => {
    // 3 Dec 2026 is a Thursday; 30 Nov 2026 the Monday before it.
    expect(weekStart('2026-12-03')).toBe('2026-11-30');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    // A Sunday belongs to the week that began six days earlier.
    expect(weekStart('2026-12-06')).toBe('2026-11-30');
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });

  it('works out each period by hand', () => {
    expect(periodDays('this-week', '2026-12-03', null)).toEqual({
      from: '2026-11-30',
      to: '2026-12-03',
      nextTo: '2026-12-07',
    });
    expect(periodDays('last-2-weeks', '2026-06-15', null)).toEqual({
      from: '2026-06-02',
      to: '2026-06-15',
      nextTo: '2026-06-29',
    });
    expect(periodDays('this-month', '2026-06-15', null)).toEqual({
      from: '2026-06-01',
      to: '2026-06-15',
      nextTo: '2026-06-30',
    });
    expect(periodDays('this-quarter', '2026-06-15', null).from).toBe('2026-04-01');
    expect(periodDays('this-quarter', '2026-11-02', null).from).toBe('2026-10-01');
    expect(periodDays('this-quarter', '2026-01-01', null)).toEqual({
      from: '2026-01-01',
      to: '2026-01-01',
      nextTo: '2026-01-02',
    });
  });

  it('reviews since the day after the last decision, or the last two weeks without one', () => {
    expect(periodDays('since-last-review', '2026-06-15', '2026-06-10').from).toBe('2026-06-11');
    expect(periodDays('since-last-review', '2026-06-15', null).from).toBe('2026-06-02');
    // A decision taken today leaves nothing after it: the last two weeks again.
    expect(periodDays('since-last-review', '2026-06-15', '2026-06-15').from).toBe('2026-06-02');
  });
});
