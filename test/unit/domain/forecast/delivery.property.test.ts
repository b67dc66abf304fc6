import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../../src/domain/dates';
import { type DeliveryForecast, forecastDelivery } from '../../../../src/domain/forecast/delivery';
import { seededRandom } from '../../../../src/domain/forecast/random';
import { TODAY, weeklyInput } from '../../../builders/forecast';

/** Few futures and a short horizon keep a property run quick; the claims hold for any number of them. */
const OPTIONS = { trials: 200, horizonWeeks: 150 };
const NEVER = Number.POSITIVE_INFINITY;

/** A history of 3 to 16 weeks with at least 3 weeks of finished work, and some growth. */
const history = fc
  .integer({ min: 3, max: 16 })
  .chain((n) =>
    fc.record({
      done: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: n, maxLength: n }),
      added: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }),
      forced: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 3, maxLength: 3 }),
    }),
  )
  .map(({ done, added, forced }) => ({
    done: done.map((d, i) => (forced.includes(i) ? Math.max(1, d) : d)),
    added,
  }));
const remaining = fc.integer({ min: 1, max: 200 });
const seed = fc.integer({ min: 0, max: 2 ** 31 });
const due = fc.integer({ min: -10, max: 400 }).map((d) => addDays(TODAY, d));

function run(
  h: { done: number[]; added: number[] },
  left: number,
  s: number,
  dueDate: string | null = null,
): Extract<DeliveryForecast, { kind: 'forecast' }> {
  const f = forecastDelivery(
    { ...weeklyInput(h.done, left, { added: h.added }), dueDate },
    { random: seededRandom(s), ...OPTIONS },
  );
  if (f.kind !== 'forecast') throw new Error(`expected a forecast, got ${f.kind}`);
  return f;
}
/** A date as days after today, with no date (not within the horizon) as never. */
const at = (day: string | null) => (day === null ? NEVER : daysBetween(TODAY, day));

describe('the delivery forecast, for any history', () => {
  it('never forecasts an earlier date for more work left', () => {
    fc.assert(
      fc.property(history, remaining, fc.integer({ min: 1, max: 100 }), seed, due, (h, left, more, s, d) => {
        const less = run(h, left, s, d);
        const moreWork = run(h, left + more, s, d);
        expect(at(moreWork.likely)).toBeGreaterThanOrEqual(at(less.likely));
        expect(at(moreWork.safe)).toBeGreaterThanOrEqual(at(less.safe));
        expect(moreWork.chanceByDue ?? 0).toBeLessThanOrEqual(less.chanceByDue ?? 0);
      }),
      { numRuns: 150 },
    );
  });

  it('never forecasts a later date for more throughput', () => {
    fc.assert(
      fc.property(
        history,
        remaining,
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 16, maxLength: 16 }),
        seed,
        due,
        (h, left, extra, s, d) => {
          const faster = { ...h, done: h.done.map((x, i) => x + (extra[i] ?? 0)) };
          const slow = run(h, left, s, d);
          const fast = run(faster, left, s, d);
          expect(at(fast.likely)).toBeLessThanOrEqual(at(slow.likely));
          expect(at(fast.safe)).toBeLessThanOrEqual(at(slow.safe));
          expect(fast.chanceByDue ?? 0).toBeGreaterThanOrEqual(slow.chanceByDue ?? 0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never forecasts an earlier date for more scope growth', () => {
    fc.assert(
      fc.property(
        history,
        remaining,
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 16, maxLength: 16 }),
        seed,
        (h, left, extra, s) => {
          const growing = { ...h, added: h.added.map((x, i) => x + (extra[i] ?? 0)) };
          const more = run(growing, left, s);
          const less = run(h, left, s);
          expect(at(more.likely)).toBeGreaterThanOrEqual(at(less.likely));
          expect(at(more.safe)).toBeGreaterThanOrEqual(at(less.safe));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('puts the 85% date no earlier than the likely one, and the chance between 0 and 1, rising with the due date', () => {
    fc.assert(
      fc.property(history, remaining, seed, due, fc.integer({ min: 1, max: 100 }), (h, left, s, d, later) => {
        const f = run(h, left, s, d);
        const g = run(h, left, s, addDays(d, later));
        expect(at(f.safe)).toBeGreaterThanOrEqual(at(f.likely));
        expect(at(f.likely)).toBeGreaterThanOrEqual(1);
        expect(f.chanceByDue).toBeGreaterThanOrEqual(0);
        expect(f.chanceByDue).toBeLessThanOrEqual(1);
        expect(g.chanceByDue ?? 0).toBeGreaterThanOrEqual(f.chanceByDue ?? 0);
        // The likely date is the median: at least half the futures end by it.
        if (f.likely !== null) expect(run(h, left, s, f.likely).chanceByDue).toBeGreaterThanOrEqual(0.5);
      }),
      { numRuns: 150 },
    );
  });

  it('lands every constant pace on today + ⌈7 × left ÷ (done − added)⌉, whatever the seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 12 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 39 }),
        fc.integer({ min: 1, max: 500 }),
        seed,
        (weeks, done, added, left, s) => {
          fc.pre(added < done);
          const f = run({ done: Array(weeks).fill(done), added: Array(weeks).fill(added) }, left, s);
          const expected = Math.ceil((7 * left) / (done - added));
          const day = expected <= 7 * OPTIONS.horizonWeeks ? addDays(TODAY, expected) : null;
          expect(f.likely).toBe(day);
          expect(f.safe).toBe(day);
        },
      ),
      { numRuns: 200 },
    );
  });
});
