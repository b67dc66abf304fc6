import { describe, expect, it } from 'vitest';
import type { SettingsDraft } from '../../../src/contract/settings';
import { assessHealth, averageKpiProgress, timeElapsed } from '../../../src/domain/health';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings';

/**
 * Thresholds that are exact in binary (1/8 and 1/4), so a gap "at" a threshold is exactly at it and the
 * cases below test the comparison, not floating-point noise.
 */
const EXACT: SettingsDraft = {
  atRiskGap: 0.125,
  offTrackGap: 0.25,
  outputWithoutOutcome: { deliveryAtLeast: 0.75, kpiProgressAtMost: 0.25 },
};
const status = (delivery: number | null, kpi: number | null, elapsed: number | null, s = EXACT) =>
  assessHealth({ delivery, kpi, elapsed }, s).status;

describe('time elapsed', () => {
  it('is the share of the timeframe gone, in calendar days', () => {
    expect(timeElapsed('2026-01-01', '2026-01-11', '2026-01-06')).toBe(0.5);
    // 30 days from 1 to 31 March; 3 days gone on the 4th.
    expect(timeElapsed('2026-03-01', '2026-03-31', '2026-03-04')).toBeCloseTo(3 / 30, 12);
    expect(timeElapsed('2026-03-01', '2026-03-31', '2026-03-01')).toBe(0);
    expect(timeElapsed('2026-03-01', '2026-03-31', '2026-03-31')).toBe(1);
  });

  it('is clamped before the start and after the due date', () => {
    expect(timeElapsed('2026-03-01', '2026-03-31', '2026-02-01')).toBe(0);
    expect(timeElapsed('2026-03-01', '2026-03-31', '2026-06-01')).toBe(1);
  });

  it('is unknown without both dates or without a timeframe of positive length', () => {
    expect(timeElapsed(null, '2026-03-31', '2026-03-04')).toBeNull();
    expect(timeElapsed('2026-03-01', null, '2026-03-04')).toBeNull();
    expect(timeElapsed('2026-03-01', '2026-03-01', '2026-03-04')).toBeNull();
    expect(timeElapsed('2026-03-31', '2026-03-01', '2026-03-04')).toBeNull();
  });
});

describe('health against the thresholds', () => {
  it('is on track up to the at-risk gap, at risk up to the off-track gap, off track beyond', () => {
    // Half the time gone; progress is delivery alone when there is no KPI value.
    expect(status(0.5, null, 0.5)).toBe('on-track'); // gap 0
    expect(status(0.625, null, 0.5)).toBe('on-track'); // ahead: gap −1/8
    expect(status(0.375, null, 0.5)).toBe('on-track'); // gap exactly 1/8
    expect(status(0.3671875, null, 0.5)).toBe('at-risk'); // gap 1/8 + 1/128
    expect(status(0.25, null, 0.5)).toBe('at-risk'); // gap exactly 1/4
    expect(status(0.2421875, null, 0.5)).toBe('off-track'); // gap 1/4 + 1/128
    expect(status(0, null, 1)).toBe('off-track');
  });

  it('judges the average of delivery and KPI progress, or either alone', () => {
    // (0.5 + 0.25) / 2 = 0.375: gap 1/8 at half time, on track; delivery alone would be on track too,
    // the KPI alone (gap 1/4) at risk.
    expect(assessHealth({ delivery: 0.5, kpi: 0.25, elapsed: 0.5 }, EXACT)).toMatchObject({
      status: 'on-track',
      progress: 0.375,
      gap: 0.125,
    });
    expect(status(null, 0.25, 0.5)).toBe('at-risk');
    expect(status(0.25, 0, 0.5)).toBe('off-track'); // progress 1/8, gap 3/8
  });

  it('follows the thresholds an admin sets: the same outcome changes class', () => {
    const input = { delivery: 0.3, kpi: null, elapsed: 0.5 }; // gap 0.2
    expect(assessHealth(input, DEFAULT_SETTINGS).status).toBe('at-risk'); // 0.1 < 0.2 ≤ 0.25
    expect(assessHealth(input, { ...DEFAULT_SETTINGS, atRiskGap: 0.21, offTrackGap: 0.3 }).status).toBe(
      'on-track',
    );
    expect(assessHealth(input, { ...DEFAULT_SETTINGS, atRiskGap: 0.05, offTrackGap: 0.15 }).status).toBe(
      'off-track',
    );
  });

  it('says how far behind the calendar, with the thresholds it used', () => {
    const health = assessHealth({ delivery: 0.3, kpi: null, elapsed: 0.5 }, DEFAULT_SETTINGS);
    expect(health.explanation).toBe(
      '50% of the time gone; 30% of the work done, no KPI value yet: progress 30%, 20 points behind the calendar (at risk beyond 10%, off track beyond 25%).',
    );
    expect(assessHealth({ delivery: 0.75, kpi: null, elapsed: 0.5 }, DEFAULT_SETTINGS).explanation).toMatch(
      /ahead of the calendar\.$/,
    );
  });

  it('is not started before the start, and unknown without a timeframe or anything to measure', () => {
    expect(status(0.2, 0.1, 0)).toBe('not-started');
    expect(status(0.2, 0.1, null)).toBe('unknown');
    expect(assessHealth({ delivery: null, kpi: null, elapsed: 0.5 }, EXACT)).toMatchObject({
      status: 'unknown',
      progress: null,
      gap: null,
    });
  });
});

describe('output without outcome', () => {
  it('flags most work done with the KPIs not moved, at and around both thresholds', () => {
    const flag = (delivery: number | null, kpi: number | null) =>
      assessHealth({ delivery, kpi, elapsed: 0.5 }, EXACT).outputWithoutOutcome;
    expect(flag(0.75, 0.25)).toBe(true); // both exactly at their thresholds
    expect(flag(1, 0)).toBe(true);
    expect(flag(0.7421875, 0.25)).toBe(false); // a little less work done
    expect(flag(0.75, 0.2578125)).toBe(false); // the KPIs moved a little more
    expect(flag(0.9, null)).toBe(false); // no KPI value: nothing says it did not move
    expect(flag(null, 0)).toBe(false);
  });

  it('is a separate signal: the outcome can be on track and still show it, with the words on screen', () => {
    // (0.75 + 0.25) / 2 = 0.5 at half time: on track.
    const health = assessHealth({ delivery: 0.75, kpi: 0.25, elapsed: 0.5 }, EXACT);
    expect(health.status).toBe('on-track');
    expect(health.outputWithoutOutcome).toBe(true);
    // The thresholds it was judged by are said too (EXACT asks for 75% done and at most 25% KPI progress).
    expect(health.explanation).toMatch(
      /Output without outcome: at least 75% of the work is done but the KPIs are at most 25% of the way\.$/,
    );
  });

  it('uses the admin thresholds: the defaults ask for 80% done and at most 20% KPI progress', () => {
    const flag = (delivery: number, kpi: number) =>
      assessHealth({ delivery, kpi, elapsed: 0.5 }, DEFAULT_SETTINGS).outputWithoutOutcome;
    expect(flag(0.8, 0.2)).toBe(true);
    expect(flag(0.79, 0.2)).toBe(false);
    expect(flag(0.8, 0.21)).toBe(false);
  });
});

describe('average KPI progress', () => {
  it('averages the KPIs that have a value', () => {
    expect(averageKpiProgress([0.5, null, 0.25])).toBe(0.375);
    expect(averageKpiProgress([null, null])).toBeNull();
    expect(averageKpiProgress([])).toBeNull();
  });
});
