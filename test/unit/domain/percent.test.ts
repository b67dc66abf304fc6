import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentText, wholePercent } from '../../../src/domain/percent';

describe('whole percentages', () => {
  it('say 100% only when all is done and 0% only when nothing is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (total, d) => {
        const done = Math.min(d, total);
        const shown = wholePercent(done / total);
        if (done === total) expect(shown).toBe(100);
        else if (done === 0) expect(shown).toBe(0);
        else expect(shown).toBeGreaterThanOrEqual(1);
        if (done < total) expect(shown).toBeLessThanOrEqual(99);
        // Never further than one point from the exact share, except where it must not round up or down.
        expect(Math.abs(shown - (100 * done) / total)).toBeLessThanOrEqual(1);
      }),
    );
    expect(percentText(0.995)).toBe('99%');
    expect(percentText(0.004)).toBe('1%');
    expect(percentText(null)).toBeNull();
  });
});
