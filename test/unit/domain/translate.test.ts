import { describe, expect, it } from 'vitest';
import { availabilityForMonthlyDowntime, goalValue, translate } from '../../../src/domain/translate';

// Every expectation here is computed by hand in the comment beside it.
describe('business translation of technical values', () => {
  it('availability: 99.8% is 86.4 minutes of downtime a 30-day month, about 17.5 hours a year', () => {
    // 0.2% × 43,200 min = 86.4 min; 0.2% × 8,760 h = 17.52 h
    const t = translate(99.8, 'availability-percent');
    expect(t?.sentence).toBe(
      '99.8% availability allows 86.4 minutes of downtime a month (about 17.5 hours a year).',
    );
    expect(t?.arithmetic).toContain('86.4 minutes');
    expect(t?.arithmetic).toContain('17.52 hours');
  });

  it('availability: 99.9% is 43.2 minutes a month; 99.99% is 4.3 minutes', () => {
    // 0.1% × 43,200 = 43.2 ; 0.01% × 43,200 = 4.32
    expect(translate(99.9, 'availability-percent')?.sentence).toContain('43.2 minutes of downtime a month');
    expect(translate(99.99, 'availability-percent')?.sentence).toContain('4.3 minutes of downtime a month');
  });

  it('availability: large downtime is said in hours', () => {
    // 1% × 43,200 = 432 min = 7.2 h
    expect(translate(99, 'availability-percent')?.sentence).toContain('7.2 hours of downtime a month');
  });

  it('availability needed for 10 minutes of downtime a month is about 99.977%', () => {
    // 1 − 10 / 43,200 = 0.99976851…
    expect(availabilityForMonthlyDowntime(10)).toBeCloseTo(99.976852, 5);
  });

  it('error rate: 0.5% is 50 failed requests in every 10,000', () => {
    expect(translate(0.5, 'error-rate-percent')?.sentence).toBe('50 of every 10,000 requests fail.');
    // 0.03% × 10,000 = 3
    expect(translate(0.03, 'error-rate-percent')?.sentence).toBe('3 of every 10,000 requests fail.');
  });

  it('latency: 1,250 ms is 1.25 seconds a user waits', () => {
    expect(translate(1250, 'latency-ms')?.sentence).toBe('A user waits 1.25 seconds.');
    expect(translate(1000, 'latency-ms')?.sentence).toBe('A user waits 1 second.');
  });

  it('MTTR: 90 minutes is 1.5 hours of impact per incident', () => {
    expect(translate(90, 'mttr-minutes')?.sentence).toBe(
      'Each incident costs about 1.5 hours of impact before service is restored.',
    );
  });

  it('deployment frequency: 3.5 deploys a week is a release every 2 days', () => {
    // 7 ÷ 3.5 = 2
    expect(translate(3.5, 'deploys-per-week')?.sentence).toMatch(/^A release every 2 days/);
    // 7 ÷ 0.5 = 14
    expect(translate(0.5, 'deploys-per-week')?.sentence).toMatch(/^A release every 14 days/);
  });

  it('says nothing for units it cannot translate or values that make no sense', () => {
    for (const unit of ['percent', 'count', 'currency', 'custom', null] as const) {
      expect(translate(42, unit)).toBeNull();
    }
    expect(translate(101, 'availability-percent')).toBeNull();
    expect(translate(0, 'deploys-per-week')).toBeNull();
    expect(translate(Number.NaN, 'latency-ms')).toBeNull();
  });

  it('states a band goal by the worst value the band allows: the lowest availability, the highest error rate', () => {
    const band = (
      unit: 'availability-percent' | 'error-rate-percent' | 'latency-ms',
      min: number,
      max: number,
    ) => goalValue({ direction: 'maintain', unit, target: null, bandMin: min, bandMax: max });
    expect(band('availability-percent', 99.8, 100)).toBe(99.8);
    expect(
      translate(band('availability-percent', 99.8, 100) ?? Number.NaN, 'availability-percent')?.sentence,
    ).toBe('99.8% availability allows 86.4 minutes of downtime a month (about 17.5 hours a year).');
    expect(band('error-rate-percent', 0, 0.5)).toBe(0.5);
    expect(band('latency-ms', 100, 300)).toBe(300);
    expect(
      goalValue({ direction: 'increase', unit: 'latency-ms', target: 250, bandMin: null, bandMax: null }),
    ).toBe(250);
  });
});
