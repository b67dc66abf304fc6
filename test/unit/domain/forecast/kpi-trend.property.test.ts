import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/domain/dates';
import {
  forecastKpi,
  type KpiForecast,
  type KpiForecastInput,
} from '../../../../src/domain/forecast/kpi-trend';
import { buildGoal, series } from '../../../builders/forecast';

const START = '2026-03-01';
const TODAY = addDays(START, 100);

/** KPI values as people and JQL counts give them: hundredths, not the float extremes fast-check can reach. */
const hundredths = (min: number, max: number) =>
  fc.integer({ min: Math.round(100 * min), max: Math.round(100 * max) }).map((h) => h / 100);
const quarters = (min: number, max: number) => fc.integer({ min: 4 * min, max: 4 * max }).map((q) => q / 4);

/** 3 to 20 values on distinct days within the first 100, between −50 and 150. */
const values = fc
  .uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: 3, maxLength: 20 })
  .chain((days) =>
    fc.tuple(
      fc.constant(days),
      fc.array(hundredths(-50, 150), {
        minLength: days.length,
        maxLength: days.length,
      }),
    ),
  )
  .map(([days, vs]) =>
    series(
      START,
      days.map((d, i) => [d, vs[i] as number] as const),
    ),
  );
const dueIn = fc.integer({ min: 1, max: 365 });
const level = fc.double({ min: 0.5, max: 0.99, noNaN: true });

function run(input: Partial<KpiForecastInput> & Pick<KpiForecastInput, 'series'>) {
  const f: KpiForecast = forecastKpi({
    kpi: buildGoal(),
    today: TODAY,
    dueDate: addDays(TODAY, 90),
    ...input,
  });
  if (f.kind !== 'forecast') throw new Error(`expected a forecast, got ${f.kind}`);
  return f;
}
const close = (a: number, b: number, scale = 1) =>
  expect(Math.abs(a - b)).toBeLessThan(1e-7 * Math.max(1, scale));

describe('the KPI forecast, for any series', () => {
  it('puts the expected value inside its range, and a wider range for a higher level', () => {
    fc.assert(
      fc.property(values, dueIn, level, level, (s, d, a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const narrow = run({ series: s, dueDate: addDays(TODAY, d), level: lo });
        const wide = run({ series: s, dueDate: addDays(TODAY, d), level: hi });
        expect(narrow.onDueDate.low).toBeLessThanOrEqual(narrow.onDueDate.expected);
        expect(narrow.onDueDate.expected).toBeLessThanOrEqual(narrow.onDueDate.high);
        expect(wide.onDueDate.high - wide.onDueDate.low).toBeGreaterThanOrEqual(
          narrow.onDueDate.high - narrow.onDueDate.low - 1e-9,
        );
      }),
    );
  });

  it('moves with the values: adding c to every value and to the target adds c to the forecast and keeps the chance', () => {
    fc.assert(
      fc.property(
        values,
        // Shifts and targets in quarters add exactly to values in hundredths as a KPI holds them.
        quarters(-100, 100),
        quarters(-60, 160),
        (s, c, target) => {
          const base = run({ series: s, kpi: buildGoal({ target }) });
          const shifted = run({
            series: s.map((p) => ({ ...p, value: p.value + c })),
            kpi: buildGoal({ target: target + c }),
          });
          close(shifted.onDueDate.expected, base.onDueDate.expected + c, 300);
          close(shifted.onDueDate.low, base.onDueDate.low + c, 300);
          close(shifted.perWeek, base.perWeek, 300);
          if (base.goal?.kind === 'target' && shifted.goal?.kind === 'target')
            expect(Math.abs(shifted.goal.chance - base.goal.chance)).toBeLessThan(1e-6);
        },
      ),
    );
  });

  it('gives a higher target no better chance, and a falling KPI the mirror image of a rising one', () => {
    fc.assert(
      fc.property(values, hundredths(-60, 160), hundredths(0, 50), (s, t, more) => {
        const low = run({ series: s, kpi: buildGoal({ target: t }) }).goal;
        const high = run({ series: s, kpi: buildGoal({ target: t + more }) }).goal;
        const mirror = run({
          series: s.map((p) => ({ ...p, value: -p.value })),
          kpi: buildGoal({ direction: 'decrease', target: -t }),
        }).goal;
        if (low?.kind !== 'target' || high?.kind !== 'target' || mirror?.kind !== 'target')
          throw new Error('targets');
        expect(high.chance).toBeLessThanOrEqual(low.chance + 1e-12);
        expect(low.chance).toBeGreaterThanOrEqual(0);
        expect(low.chance).toBeLessThanOrEqual(1);
        expect(Math.abs(mirror.chance - low.chance)).toBeLessThan(1e-9);
        expect(mirror.trendReachesOn).toBe(low.trendReachesOn);
      }),
    );
  });

  it('gives a wider band no smaller chance of being inside, and a chance between 0 and 1', () => {
    fc.assert(
      fc.property(
        values,
        hundredths(-60, 160),
        hundredths(0.1, 50),
        hundredths(0, 20),
        (s, min, width, widen) => {
          const band = (lo: number, hi: number) => {
            const g = run({
              series: s,
              kpi: buildGoal({ direction: 'maintain', target: null, bandMin: lo, bandMax: hi }),
            }).goal;
            if (g?.kind !== 'band') throw new Error('band');
            return g;
          };
          const narrow = band(min, min + width);
          const wide = band(min - widen, min + width + widen);
          expect(narrow.chance).toBeGreaterThanOrEqual(0);
          expect(narrow.chance).toBeLessThanOrEqual(1);
          expect(wide.chance).toBeGreaterThanOrEqual(narrow.chance - 1e-12);
          expect(narrow.expectedInside).toBe(narrow.outsideBy === 0);
        },
      ),
    );
  });
});
