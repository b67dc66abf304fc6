import { describe, expect, it } from 'vitest';
import {
  availabilityForMonthlyDowntime,
  goalValue,
  kpiTranslation,
  percentileOf,
  translate,
} from '../../../src/domain/translate';
import { duration } from '../../../src/domain/units';

describe('the unit of time a person would pick', () => {
  // Seconds → what is said, worked out by hand: under a minute in seconds, under an hour in minutes,
  // under a day in hours, otherwise days; the unit judged on the amount as shown (one decimal).
  const table: [number, string][] = [
    [25.92, '25.9 seconds'],
    [59.9, '59.9 seconds'],
    [59.97, '1 minute'], // would show as 60.0 seconds
    [60, '1 minute'],
    [259.2, '4.3 minutes'],
    [3153.6, '52.6 minutes'], // 99.99% a year: 0.01% of 525,600 minutes = 52.56 minutes
    [3598, '1 hour'], // 59.97 minutes shows as 60.0
    [5184, '1.4 hours'], // 86.4 minutes
    [86_399, '1 day'], // 23.9997 hours shows as 24.0
    [94_608, '1.1 days'], // 26.28 hours
  ];
  it.each(table)('%s seconds is said "%s"', (seconds, said) => {
    expect(duration(seconds).text).toBe(said);
  });

  it('goes past days only where asked to: a downtime or a wait is said in days at most', () => {
    const fortnight = 14 * 86_400;
    expect(duration(fortnight).text).toBe('14 days');
    expect(duration(fortnight, 0, 'day', 'year').text).toBe('2 weeks');
    expect(duration(100 * 86_400, 0, 'second', 'year').text).toBe('about 3 months'); // 100 ÷ 30.44 = 3.29
  });

  it('says milliseconds only where asked to, under a second', () => {
    expect(duration(0.25, 1, 'millisecond').text).toBe('250 milliseconds');
    expect(duration(1.25, 2, 'millisecond').text).toBe('1.25 seconds');
    expect(duration(0.25).text).toBe('0.3 seconds');
  });
});

// Every expectation here is computed by hand in the comment beside it.
describe('business translation of technical values', () => {
  it('availability: 99.99% allows 4.3 minutes a month and 52.6 minutes a year, never "0.9 hours"', () => {
    // 0.01% × 43,200 min = 4.32 min; 0.01% × 525,600 min = 52.56 min (under an hour: minutes)
    const t = translate(99.99, 'availability-percent');
    expect(t?.sentence).toBe(
      '99.99% availability allows 4.3 minutes of downtime a month (about 52.6 minutes a year).',
    );
    expect(t?.arithmetic).toBe(
      '0.01% of a 30-day month (43,200 minutes) = 4.32 minutes; of a 365-day year (525,600 minutes) = 52.56 minutes.',
    );
  });

  it('availability: 99.8% allows 86.4 minutes a month, said as 1.4 hours, with the working in hours', () => {
    // 0.2% × 43,200 = 86.4 min = 1.44 h (an hour or more: hours); 0.2% × 525,600 = 1,051.2 min = 17.52 h
    const t = translate(99.8, 'availability-percent');
    expect(t?.sentence).toBe(
      '99.8% availability allows 1.4 hours of downtime a month (about 17.5 hours a year).',
    );
    expect(t?.arithmetic).toContain('= 86.4 minutes ÷ 60 = 1.44 hours');
    expect(t?.arithmetic).toContain('= 1051.2 minutes ÷ 60 = 17.52 hours');
  });

  it('availability: a day or more of downtime is said in days', () => {
    // 0.3% × 525,600 = 1,576.8 min = 26.28 h = 1.095 days
    expect(translate(99.7, 'availability-percent')?.sentence).toBe(
      '99.7% availability allows 2.2 hours of downtime a month (about 1.1 days a year).',
    );
    // 1% × 43,200 = 432 min = 7.2 h; 1% × 525,600 = 5,256 min = 3.65 days
    expect(translate(99, 'availability-percent')?.sentence).toBe(
      '99% availability allows 7.2 hours of downtime a month (about 3.7 days a year).',
    );
  });

  it('availability: 100% allows no downtime at all', () => {
    expect(translate(100, 'availability-percent')).toEqual({
      sentence: '100% availability allows no downtime.',
      arithmetic: '0% of a 30-day month (43,200 minutes) = 0 minutes.',
    });
  });

  it('availability: under a minute of downtime is said in seconds', () => {
    // 0.001% × 43,200 = 0.432 min = 25.92 s
    expect(translate(99.999, 'availability-percent')?.sentence).toMatch(
      /allows 25.9 seconds of downtime a month/,
    );
  });

  it('availability needed for 10 minutes of downtime a month is about 99.977%', () => {
    // 1 − 10 / 43,200 = 0.99976851…
    expect(availabilityForMonthlyDowntime(10)).toBeCloseTo(99.976852, 5);
  });

  it('error rate: also said as "1 in N"', () => {
    // 2% × 10,000 = 200; 100 ÷ 2 = 50
    expect(translate(2, 'error-rate-percent')).toEqual({
      sentence: '200 of every 10,000 requests fail: 1 in 50.',
      arithmetic: '2% × 10,000 = 200; 100 ÷ 2 = 50, so 1 in 50.',
    });
    // 0.5% × 10,000 = 50; 100 ÷ 0.5 = 200
    expect(translate(0.5, 'error-rate-percent')?.sentence).toBe(
      '50 of every 10,000 requests fail: 1 in 200.',
    );
    // 0.3% × 10,000 = 30; 100 ÷ 0.3 = 333.33…: not whole, so "about"
    expect(translate(0.3, 'error-rate-percent')?.sentence).toBe(
      '30 of every 10,000 requests fail: about 1 in 333.',
    );
    expect(translate(0, 'error-rate-percent')?.sentence).toBe('No request fails.');
  });

  it('latency: under a second in milliseconds, otherwise seconds', () => {
    expect(translate(250, 'latency-ms')?.sentence).toBe('A request takes 250 milliseconds.');
    // 1,250 ÷ 1,000 = 1.25 s, said with one decimal
    expect(translate(1250, 'latency-ms')).toEqual({
      sentence: 'A request takes 1.3 seconds.',
      arithmetic: '1250 ms ÷ 1000 = 1.25 seconds.',
    });
    expect(translate(1000, 'latency-ms')?.sentence).toBe('A request takes 1 second.');
  });

  it('latency at a percentile says most requests are faster, never that a user waits that long', () => {
    expect(percentileOf('Checkout p95 latency')).toBe(95);
    expect(percentileOf('P99.9 search latency')).toBe(99.9);
    expect(percentileOf('Checkout API latency')).toBeNull();
    expect(percentileOf('top50 pages')).toBeNull();
    // 430 ms at p95: 95 of 100 requests finish within it; 100 − 95 = 5 take longer (by hand).
    expect(translate(430, 'latency-ms', 95)?.sentence).toBe(
      '95 of every 100 requests finish within 430 milliseconds; 5 take longer.',
    );
    const kpi = {
      name: 'Checkout p95 latency',
      unit: 'latency-ms' as const,
      direction: 'decrease' as const,
      target: 300,
      bandMin: null,
      bandMax: null,
      current: 430,
    };
    expect(kpiTranslation(kpi).current?.sentence).toBe(
      '95 of every 100 requests finish within 430 milliseconds; 5 take longer.',
    );
  });

  it('MTTR: 45 minutes stays in minutes, 90 is 1.5 hours', () => {
    expect(translate(45, 'mttr-minutes')?.sentence).toBe(
      'Each incident costs about 45 minutes of impact before service is restored.',
    );
    expect(translate(90, 'mttr-minutes')?.arithmetic).toBe('90 minutes ÷ 60 = 1.5 hours.');
  });

  it('deployment frequency: days between releases, in hours under a day', () => {
    // 7 ÷ 3.5 = 2 days; 7 ÷ 0.5 = 14 days; 7 ÷ 14 = 0.5 days = 12 hours; 7 ÷ 7 = 1 day
    expect(translate(3.5, 'deploys-per-week')?.sentence).toMatch(/^A release every 2 days/);
    expect(translate(0.5, 'deploys-per-week')?.sentence).toMatch(/^A release every 14 days/);
    expect(translate(14, 'deploys-per-week')?.sentence).toMatch(/^A release every 12 hours/);
    expect(translate(14, 'deploys-per-week')?.arithmetic).toBe(
      '7 days ÷ 14 deploys = 0.5 days × 24 = 12 hours between releases.',
    );
    expect(translate(7, 'deploys-per-week')?.sentence).toMatch(/^A release every day:/);
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
    expect(band('error-rate-percent', 0, 0.5)).toBe(0.5);
    expect(band('latency-ms', 100, 300)).toBe(300);
    expect(
      goalValue({ direction: 'increase', unit: 'latency-ms', target: 250, bandMin: null, bandMax: null }),
    ).toBe(250);
  });
});
