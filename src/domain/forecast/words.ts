import type { KpiUnit } from '../../contract/limits';
import { percentText } from '../percent';
import { distanceInWords, duration } from '../units';

/**
 * What every forecast carries to explain itself on screen ("Why these numbers?"): the answer, the method
 * in plain words, the arithmetic with the numbers used, and what the number does not say.
 */
export interface Explanation {
  summary: string;
  method: string;
  working: string[];
  caveats: string[];
}

/**
 * A length of time in whole days, as a person says it (`duration`, the one way the app says time): days
 * under two weeks, weeks under three months, then about so many months, then years.
 */
export const spanInWords = (days: number): string =>
  duration(Math.abs(Math.round(days)) * 86_400, 0, 'day', 'year').text;

/** "34%" for a chance: 100% only when certain, 0% only when impossible (as every share on screen). */
export const chanceText = (share: number): string => percentText(share) ?? 'n/a';

/** "up 2 percentage points", "down 12 ms", "unchanged". */
export function signedChangeInWords(delta: number, unit: KpiUnit | null, customUnit = ''): string {
  if (delta === 0) return 'unchanged';
  return `${delta > 0 ? 'up' : 'down'} ${distanceInWords(delta, unit, customUnit)}`;
}
