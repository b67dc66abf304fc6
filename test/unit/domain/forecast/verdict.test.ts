import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/domain/dates';
import { forecastDelivery } from '../../../../src/domain/forecast/delivery';
import { forecastKpi } from '../../../../src/domain/forecast/kpi-trend';
import { seededRandom } from '../../../../src/domain/forecast/random';
import {
  deliveryVerdict,
  type ForecastVerdict,
  kpiVerdict,
  worstVerdict,
} from '../../../../src/domain/forecast/verdict';
import { signedChangeInWords, spanInWords } from '../../../../src/domain/forecast/words';
import { distanceInWords } from '../../../../src/domain/units';
import { buildGoal, series, TODAY, weeklyInput } from '../../../builders/forecast';

const delivery = (remaining: number, dueDate: string | null, done = Array(8).fill(10)) =>
  forecastDelivery({ ...weeklyInput(done, remaining), dueDate }, { random: seededRandom(5), trials: 2000 });

describe('the delivery verdict', () => {
  it('misses when the likely date is after the due date, and says by how much', () => {
    // 102 left at 10 a week: ⌈71.4⌉ = 72 days, 26 Aug 2026; due 42 days earlier.
    const v = deliveryVerdict(delivery(102, addDays(TODAY, 30)));
    expect(v).toEqual({
      forecast: 'delivery',
      subject: 'the work',
      misses: true,
      daysLate: 42,
      never: false,
      shortfall: null,
      reason:
        'At this pace the work is done around 26 Aug 2026, 6 weeks after the due date (15 Jul 2026); a 0% chance of finishing by then.',
    });
  });

  it('is on time when the likely date is on or before the due date', () => {
    expect(deliveryVerdict(delivery(102, '2026-09-30'))).toMatchObject({
      misses: false,
      daysLate: -35,
      reason:
        'At this pace the work is done around 26 Aug 2026, 5 weeks before the due date (30 Sep 2026); a 100% chance of finishing by then.',
    });
    expect(deliveryVerdict(delivery(102, '2026-08-26'))).toMatchObject({ misses: false, daysLate: 0 });
  });

  it('misses with no date when the work does not end within the horizon', () => {
    const v = deliveryVerdict(
      forecastDelivery(
        { ...weeklyInput([4, 4, 4], 50, { added: [4, 4, 5] }), dueDate: '2026-09-30' },
        { random: seededRandom(1), trials: 100 },
      ),
    );
    expect(v).toMatchObject({ misses: true, never: true, daysLate: null });
    expect(v?.reason).toBe(
      'At this pace the work is not done within about 10 years; it is due 30 Sep 2026 (a 0% chance of finishing by then).',
    );
  });

  it('gives no verdict without a forecast or a due date', () => {
    expect(deliveryVerdict(delivery(0, '2026-09-30'))).toBeNull();
    expect(deliveryVerdict(delivery(10, '2026-09-30', [0, 0, 5, 5]))).toBeNull();
    expect(deliveryVerdict(delivery(10, null))).toBeNull();
  });
});

describe('the KPI verdict', () => {
  const line = series(
    '2026-03-01',
    Array.from({ length: 10 }, (_, d) => [d, 20 + 0.5 * d] as const),
  );
  const kpi = (target: number) => buildGoal({ target });
  const forecast = (target: number) =>
    forecastKpi({ kpi: kpi(target), series: line, today: '2026-03-11', dueDate: '2026-04-10' });

  it('misses when the trend falls short on the due date, late by the day the line gets there', () => {
    expect(kpiVerdict(forecast(41), kpi(41))).toEqual({
      forecast: 'kpi',
      subject: 'Checkout conversion',
      misses: true,
      daysLate: 2,
      never: false,
      shortfall: expect.closeTo(1, 9),
      reason:
        'At this pace Checkout conversion reaches 41% around 12 Apr 2026, 2 days after the due date (10 Apr 2026); on the due date it is about 40%, 1 percentage point short of its target.',
    });
  });

  it('is on time when the trend meets the target by the due date', () => {
    expect(kpiVerdict(forecast(39), kpi(39))).toMatchObject({ misses: false, daysLate: -2, shortfall: 0 });
  });

  it('misses with no date when the KPI moves away from its target', () => {
    const away = buildGoal({ direction: 'decrease', target: 10 });
    const v = kpiVerdict(
      forecastKpi({ kpi: away, series: line, today: '2026-03-11', dueDate: '2026-04-10' }),
      away,
    );
    expect(v).toMatchObject({ misses: true, never: true, daysLate: null });
    expect(v?.reason).toBe(
      'At this pace Checkout conversion does not reach 10%: it moves up 3.5 percentage points a week; on the due date it is about 40%, 30 percentage points short of its target.',
    );
  });

  it('misses a band by how far outside it the trend lands', () => {
    const band = buildGoal({ direction: 'maintain', target: null, bandMin: 30, bandMax: 35 });
    const v = kpiVerdict(
      forecastKpi({ kpi: band, series: line, today: '2026-03-11', dueDate: '2026-04-10' }),
      band,
    );
    expect(v).toMatchObject({ misses: true, never: false, daysLate: null });
    expect(v?.shortfall).toBeCloseTo(5, 9);
    expect(v?.reason).toBe(
      'At this pace Checkout conversion is about 40% on the due date (10 Apr 2026), 5 percentage points above its band of 30% to 35%; a 0% chance it is inside then.',
    );
  });

  it('misses a band it lands inside on the edge of: no better than an even chance of staying inside', () => {
    // Values scattering ±1 around a rising line: on the due date the trend is on some value x with a
    // symmetric range around it. With the band's top at x exactly, half the range lies above it, so the
    // chance of being inside is below one half, however far below the bottom is.
    const noisy = series(
      '2026-03-01',
      Array.from({ length: 10 }, (_, d) => [d, 20 + 0.5 * d + (d % 2 === 0 ? 1 : -1)] as const),
    );
    const probe = buildGoal({ direction: 'maintain', target: null, bandMin: 0, bandMax: 100 });
    const f = forecastKpi({ kpi: probe, series: noisy, today: '2026-03-11', dueDate: '2026-04-10' });
    if (f.kind !== 'forecast') throw new Error('expected a forecast');
    const edge = buildGoal({
      direction: 'maintain',
      target: null,
      bandMin: 0,
      bandMax: f.onDueDate.expected,
    });
    const atEdge = forecastKpi({ kpi: edge, series: noisy, today: '2026-03-11', dueDate: '2026-04-10' });
    const goal = atEdge.kind === 'forecast' ? atEdge.goal : null;
    expect(goal).toMatchObject({ kind: 'band', expectedInside: true, outsideBy: 0 });
    expect(goal?.chance).toBeLessThan(0.5);
    const v = kpiVerdict(atEdge, edge);
    expect(v).toMatchObject({ misses: true, shortfall: 0 });
    expect(v?.reason).toMatch(/, inside its band of 0% to .*; but a 50% chance it is inside then\.$/);
    // Well inside, the same scatter is a safe bet.
    const wide = buildGoal({ direction: 'maintain', target: null, bandMin: 0, bandMax: 100 });
    expect(kpiVerdict(f, wide)).toMatchObject({ misses: false });
  });

  it('gives no verdict without a forecast or a goal', () => {
    const none = buildGoal({ target: null });
    expect(
      kpiVerdict(forecastKpi({ kpi: none, series: line, today: '2026-03-11', dueDate: '2026-04-10' }), none),
    ).toBeNull();
    expect(
      kpiVerdict(
        forecastKpi({ kpi: kpi(41), series: line.slice(0, 2), today: '2026-03-11', dueDate: '2026-04-10' }),
        kpi(41),
      ),
    ).toBeNull();
  });
});

describe('the verdict to lead with', () => {
  const v = (misses: boolean, daysLate: number | null, never = false): ForecastVerdict => ({
    forecast: 'kpi',
    subject: `late ${daysLate}`,
    misses,
    daysLate,
    never,
    shortfall: null,
    reason: '',
  });

  it('is a miss before an on-time one; among misses, never, then the latest, then a band', () => {
    expect(worstVerdict([v(false, -3), v(true, 4), null])?.subject).toBe('late 4');
    expect(worstVerdict([v(true, 4), v(true, 30), v(true, null)])?.subject).toBe('late 30');
    expect(worstVerdict([v(true, 30), v(true, null, true)])?.never).toBe(true);
    expect(worstVerdict([v(false, -3), v(true, null)])?.misses).toBe(true);
    expect(worstVerdict([null, null])).toBeNull();
  });
});

describe('forecast words', () => {
  it('say a length of time as a person would', () => {
    const table: [number, string][] = [
      [1, '1 day'],
      [13, '13 days'],
      [14, '2 weeks'],
      [13.6, '2 weeks'], // 14 whole days: two weeks, never "14 days"
      [42, '6 weeks'],
      [87, '12 weeks'], // 12.43 weeks
      [88, 'about 3 months'], // 12.57 weeks shows as 13 weeks, which is 91 days: three months
      [91, 'about 3 months'],
      [400, 'about 13 months'], // 400 ÷ 30.44 = 13.14
      [729, 'about 2 years'], // 23.95 months shows as 24: two years, never "24 months"
      [730, 'about 2 years'],
      [0, '0 days'],
      [-42, '6 weeks'],
    ];
    for (const [days, words] of table) expect(spanInWords(days)).toBe(words);
  });

  it('say a change of a percentage in percentage points, and others in their unit', () => {
    expect(distanceInWords(-2, 'percent')).toBe('2 percentage points');
    expect(distanceInWords(1, 'availability-percent')).toBe('1 percentage point');
    expect(distanceInWords(12, 'latency-ms')).toBe('12 ms');
    expect(signedChangeInWords(-12, 'latency-ms')).toBe('down 12 ms');
    expect(signedChangeInWords(0.25, 'custom', 'NPS points')).toBe('up 0.25 NPS points');
    expect(signedChangeInWords(0, 'count')).toBe('unchanged');
  });
});
