import { describe, expect, it } from 'vitest';
import {
  compareMeans,
  fitLine,
  lineAt,
  lnGamma,
  predictionSpread,
  regularizedBeta,
  sampleVariance,
  slopeSpread,
  studentTCdf,
  studentTQuantile,
} from '../../../../src/domain/forecast/statistics';

describe("Student's t distribution", () => {
  it('equals its closed forms with 1 degree of freedom (Cauchy) and with 2', () => {
    for (const t of [-30, -2, -0.5, 0, 0.3, 1, 4, 100]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
    }
  });

  it('gives the critical values of the printed tables', () => {
    const table: [number, number, number][] = [
      [0.975, 1, 12.706],
      [0.975, 2, 4.303],
      [0.975, 5, 2.571],
      [0.975, 10, 2.228],
      [0.975, 30, 2.042],
      [0.9, 2, 1.886],
      [0.9, 10, 1.372],
      [0.95, 20, 1.725],
    ];
    for (const [p, dof, t] of table) expect(studentTQuantile(p, dof)).toBeCloseTo(t, 3);
    // Many degrees of freedom: the normal distribution's 1.960.
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.95996, 4);
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-2.571, 3);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
  });

  it('inverts its distribution function', () => {
    for (const dof of [1, 2.5, 7, 63.2])
      for (const p of [0.01, 0.1, 0.42, 0.9, 0.995])
        expect(studentTCdf(studentTQuantile(p, dof), dof)).toBeCloseTo(p, 10);
  });

  it('rests on a log-gamma and an incomplete beta that match their identities', () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(11)).toBeCloseTo(Math.log(3_628_800), 10);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    for (const x of [0.05, 0.3, 0.5, 0.81]) {
      expect(regularizedBeta(x, 1, 1)).toBeCloseTo(x, 12);
      expect(regularizedBeta(x, 3, 1)).toBeCloseTo(x ** 3, 12);
      expect(regularizedBeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 12);
    }
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });
});

describe('the least-squares line', () => {
  // Worked by hand: x̄ = 1.5, ȳ = 2.75, Sxx = 5, Sxy = 5.5, so slope 1.1 and y = 1.1 + 1.1x;
  // residuals −0.1, 0.8, −1.3, 0.6: SSE = 2.7, s² = 2.7 / 2 = 1.35.
  const fit = fitLine([0, 1, 2, 3], [1, 3, 2, 5]);

  it('matches the hand computation', () => {
    expect(fit).not.toBeNull();
    if (!fit) return;
    expect(fit.slope).toBeCloseTo(1.1, 12);
    expect(lineAt(fit, 0)).toBeCloseTo(1.1, 12);
    expect(lineAt(fit, 10)).toBeCloseTo(12.1, 12);
    expect(fit.sse).toBeCloseTo(2.7, 12);
    expect(fit.residualSd).toBeCloseTo(Math.sqrt(1.35), 12);
    // s·√(1 + 1/4 + (10 − 1.5)²/5) = √(1.35 × 15.7).
    expect(predictionSpread(fit, 10)).toBeCloseTo(Math.sqrt(1.35 * 15.7), 12);
    expect(slopeSpread(fit)).toBeCloseTo(Math.sqrt(1.35 / 5), 12);
  });

  it('keeps its precision with x in days since 1970', () => {
    const far = fitLine([20_000, 20_001, 20_002, 20_003], [1, 3, 2, 5]);
    expect(far?.slope).toBeCloseTo(1.1, 9);
    expect(far && lineAt(far, 20_010)).toBeCloseTo(12.1, 9);
  });

  it('has no line through one x, and no scatter through two points', () => {
    expect(fitLine([3, 3, 3], [1, 2, 3])).toBeNull();
    expect(fitLine([1], [1])).toBeNull();
    const two = fitLine([0, 2], [1, 5]);
    expect(two?.slope).toBe(2);
    expect(two?.residualSd).toBeNull();
    expect(two && predictionSpread(two, 4)).toBeNull();
  });
});

describe("Welch's comparison of two means", () => {
  it('matches the hand computation', () => {
    // Means 11.5 and 15; variances 5/3 and 2/3; standard error √(5/12 + 2/12) = √(7/12);
    // degrees of freedom (7/12)² ÷ ((5/12)²/3 + (2/12)²/3) = 147/29.
    const c = compareMeans([10, 12, 11, 13], [15, 16, 14, 15]);
    expect(c).not.toBeNull();
    if (!c) return;
    expect(c.difference).toBe(3.5);
    expect(c.standardError).toBeCloseTo(Math.sqrt(7 / 12), 12);
    expect(c.t).toBeCloseTo(3.5 / Math.sqrt(7 / 12), 10);
    expect(c.dof).toBeCloseTo(147 / 29, 10);
    expect(c.critical).toBeCloseTo(studentTQuantile(0.975, 147 / 29), 12);
    expect(c.clear).toBe(true);
    expect(sampleVariance([10, 12, 11, 13])).toBeCloseTo(5 / 3, 12);
  });

  it('calls a difference inside the noise not clear', () => {
    const c = compareMeans([10, 14, 9, 13], [12, 10, 15, 11]);
    expect(c?.clear).toBe(false);
    expect(Math.abs(c?.t ?? 99)).toBeLessThan(c?.critical ?? 0);
  });

  it('needs two values a side, and judges values that never vary by whether they differ', () => {
    expect(compareMeans([1], [2, 3])).toBeNull();
    expect(compareMeans([5, 5], [5, 5])?.clear).toBe(false);
    const apart = compareMeans([5, 5, 5], [6, 6]);
    expect(apart?.clear).toBe(true);
    expect(apart?.t).toBe(Number.POSITIVE_INFINITY);
  });
});
