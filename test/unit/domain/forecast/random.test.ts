import { describe, expect, it } from 'vitest';
import { nextState, seededRandom, seedOf, uniformOf } from '../../../../src/domain/forecast/random';

describe('the seeded random source', () => {
  it('gives the same numbers for the same seed, and other numbers for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
  });

  it('draws evenly from [0, 1): each tenth gets a tenth of 100,000 draws', () => {
    const random = seededRandom(7);
    const buckets = new Array<number>(10).fill(0);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = random();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      const b = Math.floor(x * 10);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    expect(outside).toBe(0);
    // A binomial count of 100,000 × 0.1 has a standard deviation of about 95: 500 is over 5 of them.
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('is the generator’s two halves: a hot loop stepping its own state draws the same numbers', () => {
    const random = seededRandom(99);
    let state = 99;
    for (let i = 0; i < 100; i++) {
      state = nextState(state);
      expect(uniformOf(state)).toBe(random());
    }
  });

  it('hashes text to a seed with FNV-1a (its published test vectors)', () => {
    expect(seedOf('')).toBe(0x811c9dc5);
    expect(seedOf('a')).toBe(0xe40c292c);
    expect(seedOf('foobar')).toBe(0xbf9cf968);
  });
});
