import { describe, expect, it } from 'vitest';
import type { SettingsDraft } from '../../../src/contract/settings';
import type { Kpi } from '../../../src/domain/kpi';
import { figuresOf } from '../../../src/domain/outcome-figures';
import { emptyTotals, type RollupTotals } from '../../../src/domain/rollup';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings';

const kpi = (overrides: Partial<Kpi>): Kpi => ({
  id: 'k1',
  outcomeId: 'o1',
  name: 'Repeat purchase rate',
  description: '',
  kind: 'business',
  unit: 'percent',
  customUnit: '',
  direction: 'increase',
  baseline: 20,
  target: 30,
  bandMin: null,
  bandMax: null,
  dueDate: '2026-12-31',
  pairedKpiId: null,
  source: { type: 'manual' },
  cadence: 'weekly',
  current: null,
  currentAt: null,
  currentConfidence: null,
  isDraft: false,
  lastRefreshAt: null,
  lastRefreshError: null,
  version: 1,
  valueSeq: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'a',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'a',
  ...overrides,
});

/** 10 tickets by count: 3 to do, 2 in progress, 5 done; two open ones due before 15 June, one after. */
const totals = (): RollupTotals => ({
  ...emptyTotals(),
  tickets: { new: 3, indeterminate: 2, done: 5 },
  units: { new: 3, indeterminate: 2, done: 5 },
  excluded: { epics: 1, subtasks: 4 },
  unestimated: 0,
  addedAfterStart: 2,
  openDue: { '2026-06-01': 1, '2026-06-14': 1, '2026-06-15': 1, '2026-07-01': 1 },
});

// 1 June to 1 July is 30 days; 15 June is 14 days in.
const COUNT = { method: 'count', countSubtasks: false, weights: {} } as const;
const outcome = { id: 'o1', startDate: '2026-06-01', dueDate: '2026-07-01', rollup: COUNT };
const TODAY = '2026-06-15';

describe("an outcome's figures", () => {
  it('are worked out from the stored totals, the KPIs and the calendar, by hand', () => {
    // KPI: 20 → 30, now 22: 20% of the way. A draft KPI at its target does not count.
    const figures = figuresOf(
      outcome,
      totals(),
      [kpi({ current: 22 }), kpi({ id: 'k2', current: 30, isDraft: true })],
      DEFAULT_SETTINGS,
      TODAY,
    );
    expect(figures.delivery).toEqual({ ratio: 0.5, done: 5, total: 10 });
    expect(figures.tickets).toEqual({ todo: 3, inProgress: 2, done: 5, total: 10 });
    expect(figures.excluded).toEqual({ epics: 1, subtasks: 4 });
    // Open and due strictly before today: 1 and 14 June.
    expect(figures.overdue).toBe(2);
    expect(figures.addedAfterStart).toBe(2);
    expect(figures.kpiProgress).toBeCloseTo(0.2, 12);
    expect(figures.elapsed).toBeCloseTo(14 / 30, 12);
    // 14/30 of the time gone shows as 47%. Delivery 50%: 3 points ahead, on track; 2 of 10 counted tickets
    // overdue (20%): at risk. KPIs 20%: 27 points behind, off track. The worse of the two: off track.
    expect(figures.health.signals.map((s) => [s.name, s.status])).toEqual([
      ['delivery', 'at-risk'],
      ['kpi', 'off-track'],
    ]);
    expect(figures.health.status).toBe('off-track');
    expect(figures.health.outputWithoutOutcome).toBe(false);
  });

  it('change class with the admin thresholds', () => {
    const at = (s: SettingsDraft) =>
      figuresOf(outcome, totals(), [kpi({ current: 22 })], s, TODAY).health.status;
    // The worst gap is the KPIs' 27 points; overdue is 20%.
    expect(at({ ...DEFAULT_SETTINGS, atRiskGap: 0.27, offTrackGap: 0.3 })).toBe('on-track');
    expect(at({ ...DEFAULT_SETTINGS, atRiskGap: 0.26, offTrackGap: 0.3 })).toBe('at-risk');
    expect(at({ ...DEFAULT_SETTINGS, atRiskGap: 0.05, offTrackGap: 0.26 })).toBe('off-track');
  });

  it('show output without outcome: the work nearly all done, the KPI not moved', () => {
    const done: RollupTotals = {
      ...totals(),
      tickets: { new: 1, indeterminate: 0, done: 9 },
      units: { new: 1, indeterminate: 0, done: 9 },
    };
    const figures = figuresOf(outcome, done, [kpi({ current: 20 })], DEFAULT_SETTINGS, TODAY);
    expect(figures.delivery.ratio).toBe(0.9);
    expect(figures.kpiProgress).toBe(0);
    expect(figures.health.outputWithoutOutcome).toBe(true);
    // Delivery 90% is ahead of 47% gone, but the KPIs have not moved: 47 points behind, off track.
    expect(figures.health.status).toBe('off-track');
  });

  it('judge delivery alone, and say so, when only a draft KPI has a value', () => {
    // The draft is at its target (100%), but drafts count nowhere: no published KPI has a value.
    const figures = figuresOf(
      outcome,
      totals(),
      [kpi({}), kpi({ id: 'k2', current: 30, isDraft: true })],
      DEFAULT_SETTINGS,
      TODAY,
    );
    expect(figures.kpiProgress).toBeNull();
    expect(figures.health.signals.map((s) => s.name)).toEqual(['delivery']);
    expect(figures.health.explanation).toContain(
      'No published KPI has a value yet, so health is judged on delivery alone.',
    );
  });

  it('have no delivery ratio without work, and no KPI progress without a value', () => {
    const figures = figuresOf(outcome, emptyTotals(), [kpi({})], DEFAULT_SETTINGS, TODAY);
    expect(figures.delivery).toEqual({ ratio: null, done: 0, total: 0 });
    expect(figures.kpiProgress).toBeNull();
    expect(figures.health.status).toBe('unknown');
  });

  it('are at risk when the delivery forecast misses the due date, though the straight line is on track', () => {
    // Started 18 May, due 13 July: 28 of 56 days gone on 15 June, 50%. Four whole weeks since the start
    // (19 May to 15 June), each finishing 2 tickets on its middle day: 8 done, 12 left, 40% done: 10 points
    // behind the calendar, on track (up to 10). Every past week finished 2, so every simulated future does:
    // 12 ÷ 2 = 6 weeks, 42 days from 15 June, 27 July, 14 days (2 weeks) after the due date, and no future
    // ends by 13 July.
    const paced = { id: 'o2', startDate: '2026-05-18', dueDate: '2026-07-13', rollup: COUNT };
    const doneByDay = { '2026-05-22': 2, '2026-05-29': 2, '2026-06-05': 2, '2026-06-12': 2 };
    const steady: RollupTotals = {
      ...emptyTotals(),
      tickets: { new: 12, indeterminate: 0, done: 8 },
      units: { new: 12, indeterminate: 0, done: 8 },
      history: { ...emptyTotals().history, doneByDay },
    };
    const figures = figuresOf(paced, steady, [], DEFAULT_SETTINGS, TODAY);
    expect(figures.health.signals.map((s) => [s.name, s.status])).toEqual([
      ['delivery', 'on-track'],
      ['forecast', 'at-risk'],
    ]);
    expect(figures.health.status).toBe('at-risk');
    expect(figures.deliveryForecast).toMatchObject({
      likely: '2026-07-27',
      safe: '2026-07-27',
      chanceByDue: 0,
    });
    expect(figures.forecastVerdict).toMatchObject({ misses: true, daysLate: 14 });
    expect(figures.health.explanation).toContain(
      'At this pace the work is done around 27 Jul 2026, 2 weeks after the due date (13 Jul 2026); a 0% chance of finishing by then.',
    );
    expect(figures.health.explanation).toContain(
      'Health is the worse of delivery and the delivery forecast: at risk.',
    );

    // Due two weeks later (27 July), the same pace finishes on the due date: on track, and health with it.
    const later = figuresOf({ ...paced, dueDate: '2026-07-27' }, steady, [], DEFAULT_SETTINGS, TODAY);
    expect(later.forecastVerdict).toMatchObject({ misses: false, daysLate: 0 });
    expect(later.health.signals.find((s) => s.name === 'forecast')?.status).toBe('on-track');
  });

  it('have no forecast verdict with too little history, and health is the straight line alone', () => {
    const figures = figuresOf(outcome, totals(), [kpi({ current: 22 })], DEFAULT_SETTINGS, TODAY);
    expect(figures.deliveryForecast.kind).toBe('not-enough-history');
    expect(figures.forecastVerdict).toBeNull();
    expect(figures.health.signals.map((s) => s.name)).toEqual(['delivery', 'kpi']);
  });

  describe('with the KPI forecast', () => {
    // A KPI that jumped early and has slowed: 20 → 30, now 25, half the way with 47% of the time gone (on
    // track by the straight line). Its values since 3 June rise exactly 0.25 a day: 22 on 3 June, 25 today.
    const line = (from: number) =>
      Array.from({ length: 13 }, (_, d) => ({
        at: `2026-06-${String(3 + d).padStart(2, '0')}`,
        value: from + 0.25 * d,
      }));
    // Half the work done and none overdue: delivery on track by the straight line too.
    const onTime = (): RollupTotals => ({ ...totals(), openDue: {} });
    const slowing = kpi({ current: 25, dueDate: '2026-07-01' });

    it('is at risk when the trend lands short of the target on the due date, and says by how much', () => {
      const figures = figuresOf(outcome, onTime(), [slowing], DEFAULT_SETTINGS, TODAY, [
        { kpi: slowing, series: line(22) },
      ]);
      // By hand: 1 July is 28 days after 3 June, 22 + 0.25 × 28 = 29, 1 point short of 30; the line
      // reaches 30 after 32 days, on 5 July, 4 days late.
      const f = figures.kpiForecasts[0]?.forecast;
      expect(f?.kind === 'forecast' && f.onDueDate.expected).toBeCloseTo(29, 9);
      expect(figures.kpiForecastVerdict).toMatchObject({ misses: true, daysLate: 4 });
      expect(figures.kpiForecastVerdict?.shortfall).toBeCloseTo(1, 9);
      expect(figures.health.signals.map((s) => [s.name, s.status])).toEqual([
        ['delivery', 'on-track'],
        ['kpi', 'on-track'],
        ['kpi-forecast', 'at-risk'],
      ]);
      expect(figures.health.status).toBe('at-risk');
      expect(figures.health.explanation).toContain(
        'At this pace Repeat purchase rate reaches 30% around 5 Jul 2026, 4 days after the due date (1 Jul 2026); on the due date it is about 29%, 1 percentage point short of its target. At risk.',
      );
      expect(figures.health.explanation).toContain('the forecast of Repeat purchase rate: at risk.');
    });

    it('is on track when the trend meets the target by the due date, and never makes health better', () => {
      // 24 + 0.25 × 28 = 31 on 1 July: met.
      const figures = figuresOf(outcome, onTime(), [slowing], DEFAULT_SETTINGS, TODAY, [
        { kpi: slowing, series: line(24) },
      ]);
      expect(figures.kpiForecastVerdict).toMatchObject({ misses: false });
      expect(figures.health.signals.find((s) => s.name === 'kpi-forecast')?.status).toBe('on-track');
      expect(figures.health.status).toBe('on-track');
    });

    it('is at risk when a band KPI lands outside its band', () => {
      const band = kpi({
        direction: 'maintain',
        target: null,
        bandMin: 20,
        bandMax: 30,
        current: 29,
        dueDate: '2026-07-01',
      });
      // 26 + 0.25 × 28 = 33 on 1 July: 3 points above the band; a line with no scatter is certain of it.
      const figures = figuresOf(outcome, onTime(), [band], DEFAULT_SETTINGS, TODAY, [
        { kpi: band, series: line(26) },
      ]);
      expect(figures.kpiForecastVerdict?.shortfall).toBeCloseTo(3, 9);
      expect(figures.health.signals.find((s) => s.name === 'kpi-forecast')).toMatchObject({
        status: 'at-risk',
        reason:
          'At this pace Repeat purchase rate is about 33% on the due date (1 Jul 2026), 3 percentage points above its band of 20% to 30%; a 0% chance it is inside then. At risk.',
      });
    });

    it('leaves drafts out, and judges no KPI forecast without values (the issue panel)', () => {
      const draft = { ...slowing, isDraft: true };
      const drafted = figuresOf(outcome, onTime(), [draft], DEFAULT_SETTINGS, TODAY, [
        { kpi: draft, series: line(22) },
      ]);
      expect(drafted.kpiForecasts).toEqual([]);
      expect(drafted.kpiForecastVerdict).toBeNull();
      const without = figuresOf(outcome, onTime(), [slowing], DEFAULT_SETTINGS, TODAY);
      expect(without.health.signals.map((s) => s.name)).toEqual(['delivery', 'kpi']);
    });
  });
});
