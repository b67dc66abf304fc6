/**
 * The few statistics the forecasts need, written out so every number on screen can be traced to a
 * formula in a textbook: means and spreads, a least-squares line with its prediction range, Student's t
 * distribution, and Welch's comparison of two means.
 */

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The sample variance (dividing by n − 1); NaN with fewer than two values. */
export function sampleVariance(xs: readonly number[]): number {
  if (xs.length < 2) return Number.NaN;
  const m = mean(xs);
  let sum = 0;
  for (const x of xs) sum += (x - m) * (x - m);
  return sum / (xs.length - 1);
}

/** A least-squares straight line through (x, y) points, kept in the terms its ranges are worked from. */
export interface LineFit {
  n: number;
  /** Change of y per unit of x. */
  slope: number;
  xMean: number;
  yMean: number;
  /** Σ (x − x̄)²: how spread out in x the points are; the wider, the surer the slope. */
  sxx: number;
  /** Σ of squared residuals (each point's distance from the line, squared). */
  sse: number;
  /** The residuals' standard deviation, √(SSE / (n − 2)); null with two points (the line fits exactly). */
  residualSd: number | null;
}

/**
 * The least-squares line. Sums are taken about the means, so x in days since 1970 (about 20,000) loses no
 * precision. Null with fewer than two points or when every x is the same (no slope to speak of).
 */
export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  const xMean = mean(xs.slice(0, n));
  const yMean = mean(ys.slice(0, n));
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - xMean;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - yMean);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  let sse = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dy = (ys[i] as number) - yMean;
    const r = dy - slope * ((xs[i] as number) - xMean);
    sse += r * r;
    syy += dy * dy;
  }
  // Points on a straight line leave residuals of rounding noise only; they are on it, and no range is made up.
  if (sse <= 1e-18 * syy) sse = 0;
  return { n, slope, xMean, yMean, sxx, sse, residualSd: n > 2 ? Math.sqrt(sse / (n - 2)) : null };
}

export const lineAt = (fit: LineFit, x: number): number => fit.yMean + fit.slope * (x - fit.xMean);

/**
 * The standard error of one new observation at x: s·√(1 + 1/n + (x − x̄)²/Sxx). It grows the further x
 * is from the points, because an error in the slope grows with the distance it is carried.
 */
export function predictionSpread(fit: LineFit, x: number): number | null {
  if (fit.residualSd === null) return null;
  return fit.residualSd * Math.sqrt(1 + 1 / fit.n + ((x - fit.xMean) * (x - fit.xMean)) / fit.sxx);
}

/** The standard error of the slope, s / √Sxx. */
export const slopeSpread = (fit: LineFit): number | null =>
  fit.residualSd === null ? null : fit.residualSd / Math.sqrt(fit.sxx);

/** ln Γ(z) for z > 0, by Lanczos' approximation (g = 7, nine terms): about 15 significant digits. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
export function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (x + i);
  const t = x + LANCZOS.length - 1.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of the incomplete beta function, evaluated by the modified Lentz method. */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let term = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + term * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + term / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    term = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + term * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + term / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), for 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast only on one side of its mean; the other side uses I_x(a,b) = 1 − I_{1−x}(b,a).
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t distribution with `dof` degrees of freedom (any positive real). */
export function studentTCdf(t: number, dof: number): number {
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const tail = 0.5 * regularizedBeta(dof / (dof + t * t), dof / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** The density of Student's t distribution. */
export function studentTDensity(t: number, dof: number): number {
  return Math.exp(
    lnGamma((dof + 1) / 2) -
      lnGamma(dof / 2) -
      0.5 * Math.log(dof * Math.PI) -
      ((dof + 1) / 2) * Math.log1p((t * t) / dof),
  );
}

/**
 * The t with P(T ≤ t) = p (exact to about 1e-12): Newton's method on the distribution function, kept
 * inside a bracket that bisection falls back to whenever a step would leave it.
 */
export function studentTQuantile(p: number, dof: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`A quantile needs 0 < p < 1, not ${p}.`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, dof);
  let lo = 0;
  let hi = 2;
  while (studentTCdf(hi, dof) < p) {
    lo = hi;
    hi *= 2;
  }
  let t = (lo + hi) / 2;
  for (let i = 0; i < 100; i++) {
    const excess = studentTCdf(t, dof) - p;
    if (excess === 0) return t;
    if (excess > 0) hi = t;
    else lo = t;
    const newton = t - excess / studentTDensity(t, dof);
    const next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-13 * Math.max(1, t)) return next;
    t = next;
  }
  return t;
}

/** Welch's comparison of two means: how many standard errors apart they are, against the bar for "clear". */
export interface MeansComparison {
  /** mean(b) − mean(a). */
  difference: number;
  /** √(s_a²/n_a + s_b²/n_b): how far apart two such averages would be by chance alone. */
  standardError: number;
  /** difference ÷ standard error (±∞ when neither side varies and they differ). */
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  dof: number;
  /** The |t| beyond which the difference counts as clear at the confidence asked for. */
  critical: number;
  clear: boolean;
}

/**
 * Welch's t-test, two-sided. Chosen over the pooled (Student's) test because the KPI's spread before and
 * after a release need not be the same, and Welch's test stays honest when they differ. Null when either
 * side has fewer than two values (no spread to compare against).
 */
export function compareMeans(
  a: readonly number[],
  b: readonly number[],
  confidence = 0.95,
): MeansComparison | null {
  if (a.length < 2 || b.length < 2) return null;
  const va = sampleVariance(a) / a.length;
  const vb = sampleVariance(b) / b.length;
  const difference = mean(b) - mean(a);
  const standardError = Math.sqrt(va + vb);
  const dof =
    va + vb > 0
      ? (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1))
      : a.length + b.length - 2;
  const critical = studentTQuantile(1 - (1 - confidence) / 2, dof);
  const t =
    standardError > 0
      ? difference / standardError
      : difference === 0
        ? 0
        : difference > 0
          ? Number.POSITIVE_INFINITY
          : Number.NEGATIVE_INFINITY;
  return { difference, standardError, t, dof, critical, clear: Math.abs(t) > critical };
}
