import { describe, expect, it } from 'vitest';
import type { SettingsDraft } from '../../../src/contract/settings';
import {
  assessHealth,
  averageKpiProgress,
  type DeliveryInput,
  type HealthSignal,
  timeElapsed,
} from '../../../src/domain/health';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings';

/** The defaults: on track up to 10 points behind the calendar, at risk up to 25, off track beyond. */
const S = DEFAULT_SETTINGS;
const work = (ratio: number, tickets = 10, overdue = 0): DeliveryInput => ({ ratio, tickets, overdue });
const health = (delivery: DeliveryInput | null, kpi: number | null, elapsed: number | null, s = S) =>
  assessHealth({ delivery, kpi, elapsed }, s);
const signal = (h: ReturnType<typeof health>, name: string) => h.signals.find((x) => x.name === name)?.status;

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

describe('delivery against time, in the whole points the page shows', () => {
  // elapsed, share done → points behind (worked out by hand) → class with the defaults (10 / 25).
  const table: [number, number, number, string][] = [
    [0.8, 0.7, 10, 'on-track'], // exactly at the at-risk threshold (0.8 − 0.7 is 0.10000000000000009 in binary)
    [0.6, 0.5, 10, 'on-track'], // the same gap elsewhere reads the same
    [0.8, 0.69, 11, 'at-risk'], // one point past it
    [0.5, 0.41, 9, 'on-track'], // one point inside it
    [0.5, 0.25, 25, 'at-risk'], // exactly at the off-track threshold
    [0.5, 0.24, 26, 'off-track'], // one point past it
    [0.5, 0.26, 24, 'at-risk'],
    [0.5, 0.6, -10, 'on-track'], // ahead of the calendar
    [1, 0, 100, 'off-track'],
    // What the page shows decides, not the unrounded shares: 80% gone and 71% done is 9 points behind,
    // although 0.8049 − 0.7051 is 0.0998; 81% and 70% is 11, although 0.8051 − 0.7049 is 0.1002.
    [0.8049, 0.7051, 9, 'on-track'],
    [0.8051, 0.7049, 11, 'at-risk'],
  ];
  it.each(table)('%s gone, %s done: %s points behind, %s', (elapsed, done, gap, expected) => {
    const h = health(work(done), null, elapsed);
    expect(h.status).toBe(expected);
    const behind = gap > 0 ? `${gap} point${gap === 1 ? '' : 's'} behind` : `${-gap} points ahead`;
    expect(h.explanation).toContain(behind);
  });

  it('follows the thresholds an admin sets: the same outcome changes class', () => {
    const input = work(0.3); // 20 points behind at half time
    expect(health(input, null, 0.5).status).toBe('at-risk');
    expect(health(input, null, 0.5, { ...S, atRiskGap: 0.2, offTrackGap: 0.3 }).status).toBe('on-track');
    expect(health(input, null, 0.5, { ...S, atRiskGap: 0.05, offTrackGap: 0.19 }).status).toBe('off-track');
  });
});

describe('overdue work counts against delivery', () => {
  // Counted tickets, overdue → overdue share in whole points (by hand) → class of that share; the pace is
  // on track throughout (half the time gone, half the work done), so the class is overdue's alone.
  const table: [number, number, number, string][] = [
    [30, 0, 0, 'on-track'],
    [30, 3, 10, 'on-track'], // exactly at the at-risk threshold
    [30, 4, 13, 'at-risk'],
    [20, 5, 25, 'at-risk'], // exactly at the off-track threshold
    [20, 6, 30, 'off-track'],
    [30, 10, 33, 'off-track'], // 10 of 30 overdue never reads "on track"
  ];
  it.each(table)('%s tickets, %s overdue (%s%%): %s', (tickets, overdue, share, expected) => {
    const h = health(work(0.5, tickets, overdue), null, 0.5);
    expect(h.status).toBe(expected);
    if (overdue > 0)
      expect(h.explanation).toContain(`${overdue} of ${tickets} counted tickets overdue (${share}%)`);
    else expect(h.explanation).not.toContain('overdue');
  });

  it('takes the worse of the pace and the overdue share', () => {
    // 30 points behind (off track) with nothing overdue, and on pace with a third overdue: both off track.
    expect(health(work(0.2, 30, 0), null, 0.5).status).toBe('off-track');
    // At risk by pace (15 behind), on track by overdue (1 of 30 is 3%): at risk.
    expect(health(work(0.35, 30, 1), null, 0.5).status).toBe('at-risk');
  });
});

describe('health is the worse of delivery against time and KPI progress against time', () => {
  // elapsed, delivery, KPI progress → delivery's class, the KPIs' class, health (all by hand, defaults).
  const table: [number, number | null, number | null, string | undefined, string | undefined, string][] = [
    [0.5, 0.9, 0.1, 'on-track', 'off-track', 'off-track'], // 90% done, KPIs at 10%: output cannot hide it
    [0.5, 0.45, 0.4, 'on-track', 'on-track', 'on-track'], // 5 and 10 points behind
    [0.5, 0.45, 0.39, 'on-track', 'at-risk', 'at-risk'], // KPIs 11 behind
    [0.5, 0.2, 0.5, 'off-track', 'on-track', 'off-track'], // delivery 30 behind
    [0.5, 0.3, 0.25, 'at-risk', 'at-risk', 'at-risk'], // 20 and 25 behind
    [0.5, 0.3, null, 'at-risk', undefined, 'at-risk'], // no KPI value: delivery alone
    [0.5, null, 0.24, undefined, 'off-track', 'off-track'], // no counted work: the KPIs alone
  ];
  it.each(table)(
    '%s gone, %s done, KPIs %s: delivery %s, KPIs %s, health %s',
    (elapsed, d, k, dc, kc, hc) => {
      const h = health(d === null ? null : work(d), k, elapsed);
      expect(signal(h, 'delivery')).toBe(dc);
      expect(signal(h, 'kpi')).toBe(kc);
      expect(h.status).toBe(hc);
    },
  );

  it('says when it judged delivery alone, and why', () => {
    expect(health(work(0.3), null, 0.5).explanation).toBe(
      '50% of the time gone. Delivery 30% done, 20 points behind the calendar: at risk. No published KPI has a value yet, so health is judged on delivery alone. Health: at risk. On track up to 10 points behind, at risk up to 25, off track beyond.',
    );
    expect(health(null, 0.4, 0.5).explanation).toContain(
      'No work is counted yet, so health is judged on the KPIs alone.',
    );
  });

  it('says each signal and the verdict, in the words of the rule', () => {
    expect(health(work(0.9, 30, 3), 0.1, 0.5).explanation).toBe(
      '50% of the time gone. Delivery 90% done, 40 points ahead of the calendar: on track; 3 of 30 counted tickets overdue (10%): on track. KPIs 10% of the way, 40 points behind the calendar: off track. Health is the worse of delivery and KPIs: off track. On track up to 10 points behind, at risk up to 25, off track beyond. Output without outcome: at least 80% of the work is done but the KPIs are at most 20% of the way.',
    );
  });

  it('takes further signals (a forecast, say) into the same verdict', () => {
    const late: HealthSignal = {
      name: 'forecast',
      label: 'the forecast',
      status: 'at-risk',
      reason: 'Late.',
    };
    const h = assessHealth({ delivery: work(0.5), kpi: 0.5, elapsed: 0.5 }, S, [late]);
    expect(h.status).toBe('at-risk');
    expect(h.explanation).toContain('Health is the worse of delivery, KPIs and the forecast: at risk.');
  });

  it('is not started before the start, and unknown without a timeframe or anything to measure', () => {
    expect(health(work(0.2), 0.1, 0).status).toBe('not-started');
    expect(health(work(0.2), 0.1, null).status).toBe('unknown');
    const nothing = health(null, null, 0.5);
    expect(nothing).toMatchObject({ status: 'unknown', signals: [] });
    expect(nothing.explanation).toBe(
      '50% of the time gone. Nothing to measure yet: no counted work and no KPI value.',
    );
  });
});

describe('output without outcome', () => {
  const EXACT: SettingsDraft = {
    ...S,
    outputWithoutOutcome: { deliveryAtLeast: 0.75, kpiProgressAtMost: 0.25 },
  };
  it('flags most work done with the KPIs not moved, at and around both thresholds', () => {
    const flag = (delivery: number | null, kpi: number | null, s = EXACT) =>
      health(delivery === null ? null : work(delivery), kpi, 0.5, s).outputWithoutOutcome;
    expect(flag(0.75, 0.25)).toBe(true); // both exactly at their thresholds
    expect(flag(1, 0)).toBe(true);
    expect(flag(0.74, 0.25)).toBe(false); // a point less work done
    expect(flag(0.75, 0.26)).toBe(false); // the KPIs a point further
    expect(flag(0.9, null)).toBe(false); // no KPI value: nothing says it did not move
    expect(flag(null, 0)).toBe(false);
    // The defaults (80% done, at most 20%), compared in the whole points shown: 79.51% shows as 80%.
    expect(flag(0.8, 0.2, S)).toBe(true);
    expect(flag(0.7951, 0.2049, S)).toBe(true);
    expect(flag(0.7949, 0.2, S)).toBe(false);
    expect(flag(0.8, 0.2051, S)).toBe(false);
  });

  it('sits beside health and no longer flatters it: done work with unmoved KPIs is off track', () => {
    const h = health(work(0.75), 0.25, 0.5, EXACT);
    expect(h.outputWithoutOutcome).toBe(true);
    expect(h.status).toBe('at-risk'); // KPIs 25 points behind
    expect(h.explanation).toMatch(
      /Output without outcome: at least 75% of the work is done but the KPIs are at most 25% of the way\.$/,
    );
  });
});

describe('average KPI progress', () => {
  it('averages the KPIs that have a value', () => {
    expect(averageKpiProgress([0.5, null, 0.25])).toBe(0.375);
    expect(averageKpiProgress([null, null])).toBeNull();
    expect(averageKpiProgress([])).toBeNull();
  });
});
