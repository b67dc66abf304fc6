import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/domain/dates';
import { forecastKpi, type KpiForecast } from '../../../../src/domain/forecast/kpi-trend';
import { seededRandom } from '../../../../src/domain/forecast/random';
import { buildGoal, gaussian, series } from '../../../builders/forecast';

const START = '2026-03-01';
const day = (d: number) => addDays(START, d);

function forecastOf(f: KpiForecast) {
  if (f.kind !== 'forecast') throw new Error(`expected a forecast, got ${f.kind}`);
  return f;
}

/** 20 + 0.5 a day, on days 0 to 9: a straight line, exactly. */
const line = series(
  START,
  Array.from({ length: 10 }, (_, d) => [d, 20 + 0.5 * d] as const),
);

describe('the KPI forecast on a straight line', () => {
  it('extrapolates it exactly: 20 + 0.5 × 40 = 40 on day 40, with no range around it', () => {
    const f = forecastOf(
      forecastKpi({ kpi: buildGoal({ target: 41 }), series: line, today: day(10), dueDate: day(40) }),
    );
    expect(f.onDueDate.expected).toBeCloseTo(40, 9);
    expect(f.onDueDate.low).toBe(f.onDueDate.expected);
    expect(f.onDueDate.high).toBe(f.onDueDate.expected);
    expect(f.perWeek).toBeCloseTo(3.5, 9);
    expect(f.scatter).toBe(0);
  });

  it('says how far short of the target it lands, the pace needed and the day the line gets there', () => {
    const f = forecastOf(
      forecastKpi({ kpi: buildGoal({ target: 41 }), series: line, today: day(10), dueDate: day(40) }),
    );
    const goal = f.goal;
    expect(goal?.kind).toBe('target');
    if (goal?.kind !== 'target') return;
    expect(goal.expectedReaches).toBe(false);
    expect(goal.shortfall).toBeCloseTo(1, 9);
    expect(goal.chance).toBe(0);
    // From the latest 24.5 to 41 in 30 days: 16.5 ÷ (30/7) = 3.85 a week.
    expect(goal.neededPerWeek).toBeCloseTo(3.85, 9);
    // 20 + 0.5d = 41 on day 42.
    expect(goal.trendReachesOn).toBe(day(42));
    expect(f.explanation.summary).toBe(
      'If the trend holds, Checkout conversion is about 40% on 10 Apr 2026 (its values lie on a straight line, so there is no range around it): 1 percentage point short of its target of 41%; the chance it meets it is 0%. To meet it, it needs to rise 3.85 percentage points a week from now; it has risen 3.5 percentage points a week since 1 Mar 2026, 91% of the pace needed.',
    );
    expect(f.explanation.working).toContain(
      'Pace needed: (41 − 24.5) ÷ 4.3 weeks left = 3.85 a week, against 3.5 a week shown.',
    );
  });

  it('meets a target it passes, and says when a KPI is already there', () => {
    const f = forecastOf(
      forecastKpi({ kpi: buildGoal({ target: 39 }), series: line, today: day(10), dueDate: day(40) }),
    );
    expect(f.goal).toMatchObject({
      kind: 'target',
      expectedReaches: true,
      shortfall: 0,
      chance: 1,
      trendReachesOn: day(38),
    });
    const there = forecastOf(
      forecastKpi({ kpi: buildGoal({ target: 22 }), series: line, today: day(10), dueDate: day(40) }),
    );
    expect(there.goal).toMatchObject({ neededPerWeek: 0, trendReachesOn: day(10) });
    expect(there.explanation.summary).toContain('It has reached its target; it needs to stay there.');
  });

  it('works the other way for a KPI that should fall, and says when it moves the wrong way', () => {
    const down = forecastOf(
      forecastKpi({
        kpi: buildGoal({ direction: 'decrease', target: 15 }),
        series: line.map((p) => ({ ...p, value: 40 - p.value })),
        today: day(10),
        dueDate: day(40),
      }),
    );
    expect(down.onDueDate.expected).toBeCloseTo(0, 9);
    expect(down.goal).toMatchObject({ expectedReaches: true, chance: 1, trendReachesOn: day(10) });
    const wrong = forecastOf(
      forecastKpi({
        kpi: buildGoal({ direction: 'decrease', target: 15 }),
        series: line,
        today: day(10),
        dueDate: day(40),
      }),
    );
    expect(wrong.goal).toMatchObject({ expectedReaches: false, chance: 0, trendReachesOn: null });
    expect(wrong.explanation.summary).toContain(
      'it has risen 3.5 percentage points a week since 1 Mar 2026, the wrong way.',
    );
  });
});

describe('the KPI forecast on a hand-computed noisy series', () => {
  // Values 1, 3, 2, 5 on days 0–3: y = 1.1 + 1.1d, s² = 1.35 (worked in statistics.test.ts). On day 10 the
  // line gives 12.1 with standard error √(1.35 × (1 + 1/4 + 8.5²/5)) = √21.195. With 2 degrees of freedom,
  // t has a closed form: the 90th percentile is 0.8 / √(2 × 0.9 × 0.1).
  const noisy = series(START, [
    [0, 1],
    [1, 3],
    [2, 2],
    [3, 5],
  ]);
  const se = Math.sqrt(1.35 * 15.7);
  const t90 = 0.8 / Math.sqrt(0.18);

  it('gives the 80% prediction range of the textbook formula', () => {
    const f = forecastOf(
      forecastKpi({ kpi: buildGoal({ target: 12.1 }), series: noisy, today: day(4), dueDate: day(10) }),
    );
    expect(f.onDueDate.expected).toBeCloseTo(12.1, 9);
    expect(f.onDueDate.spread).toBeCloseTo(se, 9);
    expect(f.onDueDate.low).toBeCloseTo(12.1 - t90 * se, 9);
    expect(f.onDueDate.high).toBeCloseTo(12.1 + t90 * se, 9);
    // A target on the line itself: an even chance.
    expect(f.goal).toMatchObject({ kind: 'target' });
    if (f.goal?.kind === 'target') expect(f.goal.chance).toBeCloseTo(0.5, 9);
  });

  it('gives the chance of a target one standard error above: P(T ≥ 1) = 1/2 − 1/(2√3) with 2 degrees of freedom', () => {
    const f = forecastOf(
      forecastKpi({ kpi: buildGoal({ target: 12.1 + se }), series: noisy, today: day(4), dueDate: day(10) }),
    );
    if (f.goal?.kind !== 'target') throw new Error('expected a target');
    expect(f.goal.chance).toBeCloseTo(0.5 - 1 / (2 * Math.sqrt(3)), 9);
  });

  it('gives a band KPI the chance of being inside: its own 80% range holds 80%', () => {
    const f = forecastOf(
      forecastKpi({
        kpi: buildGoal({
          direction: 'maintain',
          target: null,
          bandMin: 12.1 - t90 * se,
          bandMax: 12.1 + t90 * se,
        }),
        series: noisy,
        today: day(4),
        dueDate: day(10),
      }),
    );
    expect(f.goal).toMatchObject({ kind: 'band', expectedInside: true, outsideBy: 0 });
    if (f.goal?.kind === 'band') expect(f.goal.chance).toBeCloseTo(0.8, 9);
  });

  it('says how far outside the band the trend lands, and is certain of a straight line', () => {
    const f = forecastOf(
      forecastKpi({
        kpi: buildGoal({
          direction: 'maintain',
          target: null,
          bandMin: 30,
          bandMax: 35,
          unit: 'error-rate-percent',
        }),
        series: line,
        today: day(10),
        dueDate: day(50),
      }),
    );
    expect(f.goal).toMatchObject({ kind: 'band', expectedInside: false, chance: 0 });
    if (f.goal?.kind === 'band') expect(f.goal.outsideBy).toBeCloseTo(10, 9);
    expect(f.explanation.summary).toContain(
      '10 percentage points above its band of 30% errors to 35% errors',
    );
  });
});

describe('the KPI forecast on noisy series, in seeded trials', () => {
  /**
   * 1,000 KPIs that truly move 0.2 a day with normal noise (σ = 2), checked in weekly for 12 weeks; the
   * value on day 120 is the line plus fresh noise. An 80% range must hold it in about 80% of trials: with
   * 1,000 trials the share's standard deviation is 1.3 points, and the bounds allow about three of them.
   */
  function coverage(level: number, seed: number) {
    const random = seededRandom(seed);
    let inside = 0;
    const trials = 1000;
    for (let t = 0; t < trials; t++) {
      const values = series(
        START,
        Array.from({ length: 12 }, (_, w) => [7 * w, 50 + 0.2 * 7 * w + 2 * gaussian(random)] as const),
      );
      const truth = 50 + 0.2 * 120 + 2 * gaussian(random);
      const f = forecastOf(
        forecastKpi({ kpi: buildGoal(), series: values, today: day(80), dueDate: day(120), level }),
      );
      if (f.onDueDate.low <= truth && truth <= f.onDueDate.high) inside++;
    }
    return inside / trials;
  }

  it('holds the truth in 80% of trials for an 80% range (81.0% with this seed)', () => {
    const share = coverage(0.8, 2026);
    expect(share).toBeGreaterThan(0.76);
    expect(share).toBeLessThan(0.84);
  });

  it('holds the truth in 95% of trials for a 95% range (93.8% with this seed)', () => {
    const share = coverage(0.95, 615);
    expect(share).toBeGreaterThan(0.93);
    expect(share).toBeLessThan(0.97);
  });
});

describe('what the KPI forecast will not forecast', () => {
  it('needs values on three days', () => {
    const two = forecastKpi({ kpi: buildGoal(), series: line.slice(0, 2), today: day(10), dueDate: day(40) });
    expect(two).toMatchObject({ kind: 'not-enough-data', points: 2, needed: 3 });
    expect(two.explanation.summary).toBe(
      'Not enough values to forecast Checkout conversion yet: it has values on 2 days, and a trend needs values on at least 3.',
    );
    const oneDay = forecastKpi({
      kpi: buildGoal(),
      series: [8, 12, 16].map((h, i) => ({ at: `${day(3)}T${h}:00:00Z`, value: i })),
      today: day(10),
      dueDate: day(40),
    });
    expect(oneDay).toMatchObject({ kind: 'not-enough-data', points: 1 });
  });

  it('counts one value a day, the day’s last, so hourly values do not make the range look surer', () => {
    // The straight line again, each day with 23 earlier readings far off it: only the last of each day counts.
    const hourly = line.flatMap((p) => [
      ...Array.from({ length: 23 }, (_, h) => ({
        at: `${p.at}T${String(h).padStart(2, '0')}:00:00Z`,
        value: 99,
      })),
      { at: `${p.at}T23:00:00Z`, value: p.value },
    ]);
    const f = forecastOf(forecastKpi({ kpi: buildGoal(), series: hourly, today: day(10), dueDate: day(40) }));
    expect(f.points).toBe(10);
    expect(f.scatter).toBe(0);
    // Each value was read at 23:00, so the line reaches 40 at 23:00 on day 40: at its midnight, 0.5 × 23/24 less.
    expect(f.onDueDate.expected).toBeCloseTo(40 - 0.5 * (23 / 24), 9);
  });

  it('has no day to forecast without a due date, and nothing to forecast after it', () => {
    expect(forecastKpi({ kpi: buildGoal(), series: line, today: day(10), dueDate: null }).kind).toBe(
      'no-due-date',
    );
    const past = forecastKpi({ kpi: buildGoal(), series: line, today: day(10), dueDate: day(9) });
    expect(past.kind).toBe('due-passed');
    expect(past.explanation.summary).toBe(
      'Checkout conversion was due 10 Mar 2026; its latest value is 24.5%.',
    );
  });

  it('leaves values that are not numbers out, and reads instants as times of day', () => {
    const f = forecastOf(
      forecastKpi({
        kpi: buildGoal(),
        series: [
          { at: `${day(0)}T00:00:00Z`, value: 10 },
          { at: `${day(1)}T12:00:00Z`, value: 13 },
          { at: `${day(2)}T00:00:00Z`, value: Number.NaN },
          { at: `${day(3)}T00:00:00Z`, value: 16 },
        ],
        today: day(4),
        dueDate: day(5),
      }),
    );
    // 2 a day through (0, 10), (1.5, 13), (3, 16): 20 on day 5.
    expect(f.points).toBe(3);
    expect(f.onDueDate.expected).toBeCloseTo(20, 9);
  });
});
