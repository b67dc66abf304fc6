import { addDays } from '../../src/domain/dates';
import type { DeliveryForecastInput, DeliveryHistory } from '../../src/domain/forecast/delivery';
import type { KpiGoal, KpiPoint } from '../../src/domain/forecast/kpi-trend';
import type { Random } from '../../src/domain/forecast/random';

export const TODAY = '2026-06-15';

/**
 * A delivery history of whole weeks ending today: week i (oldest first) finished done[i] and added
 * added[i], each on the week's middle day; the outcome started on the first day of the oldest week.
 */
export function weeklyInput(
  done: readonly number[],
  remaining: number,
  overrides: Partial<DeliveryForecastInput> & { added?: readonly number[] } = {},
): DeliveryForecastInput {
  const { added = [], ...rest } = overrides;
  const n = done.length;
  const day = (i: number) => addDays(TODAY, -7 * (n - 1 - i) - 3);
  const doneByDay: Record<string, number> = {};
  const addedByDay: Record<string, number> = {};
  done.forEach((units, i) => {
    if (units > 0) doneByDay[day(i)] = units;
  });
  added.forEach((units, i) => {
    if (units > 0) addedByDay[day(i)] = units;
  });
  const history: DeliveryHistory = { doneByDay, addedByDay, remaining };
  return {
    history,
    unit: 'count',
    start: addDays(TODAY, -7 * n + 1),
    today: TODAY,
    dueDate: null,
    ...rest,
  };
}

/** A KPI to forecast: conversion rate up to 40%; override what a test is about. */
export const buildGoal = (overrides: Partial<KpiGoal> = {}): KpiGoal => ({
  name: 'Checkout conversion',
  direction: 'increase',
  target: 40,
  bandMin: null,
  bandMax: null,
  unit: 'percent',
  customUnit: '',
  ...overrides,
});

/** Values on whole days counted from `from`: (day offset, value) pairs. */
export const series = (from: string, pairs: readonly (readonly [number, number])[]): KpiPoint[] =>
  pairs.map(([d, value]) => ({ at: addDays(from, d), value }));

/** A standard normal draw (Box–Muller), for noisy test series. */
export function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
