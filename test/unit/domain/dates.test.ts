import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayNumber,
  dayOfNumber,
  daysBetween,
  formatIsoDay,
  instantDays,
} from '../../../src/domain/dates';

describe('calendar days', () => {
  it('counts days since 1 Jan 1970 and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2026-06-15T23:59:59Z')).toBe(dayNumber('2026-06-15'));
    expect(dayOfNumber(dayNumber('2026-06-15'))).toBe('2026-06-15');
  });

  it('adds days across months, years and a leap day', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // A daylight-saving change (29 Mar 2026 in Europe) is no day shorter in UTC.
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });

  it('counts the days between two days, signed', () => {
    expect(daysBetween('2026-06-15', '2026-07-15')).toBe(30);
    expect(daysBetween('2026-07-15', '2026-06-15')).toBe(-30);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('reads an instant as fractional days', () => {
    expect(instantDays('1970-01-01T12:00:00Z')).toBe(0.5);
    expect(instantDays('2026-06-15T06:00:00Z') - dayNumber('2026-06-15')).toBeCloseTo(0.25, 12);
  });

  it('formats a day the same way everywhere', () => {
    expect(formatIsoDay('2026-05-12')).toBe('12 May 2026');
  });
});
