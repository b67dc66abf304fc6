/**
 * A source of uniform numbers in [0, 1). Forecasts take one instead of calling Math.random, so the same
 * seed gives the same forecast: a page shows the same dates on every load of the day, and tests can
 * state exactly what they expect.
 */
export type Random = () => number;

/**
 * Mulberry32: a 32-bit generator, small and fast, whose output passes the usual statistical batteries
 * well enough for sampling past weeks (it is no cryptographic generator, and nothing here needs one).
 * Its two halves are exported so a hot loop can keep the state in a local instead of calling a closure.
 */
export const nextState = (state: number): number => (state + 0x6d2b79f5) >>> 0;

/** The uniform number in [0, 1) a state gives. */
export function uniformOf(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = nextState(state);
    return uniformOf(state);
  };
}

/**
 * A 32-bit seed from text (FNV-1a), so a caller can seed by what the forecast is about and the day
 * ("outcome id + today"): stable within a day, fresh draws the next.
 */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
