import type { SettingsDraft } from '../contract/settings';
import { type DeliveryForecast, forecastDelivery, historyOfRollup } from './forecast/delivery';
import { seededRandom, seedOf } from './forecast/random';
import { deliveryVerdict, type ForecastVerdict } from './forecast/verdict';
import { assessHealth, averageKpiProgress, type Health, type HealthSignal, timeElapsed } from './health';
import { type Kpi, kpiProgress } from './kpi';
import type { Outcome } from './outcome';
import { deliveryRatio, overdueCount, type RollupTotals, totalOf } from './rollup';

/** Every number the project page shows about an outcome, computed once, from the stored rollup. */
export interface OutcomeFigures {
  delivery: { ratio: number | null; done: number; total: number };
  tickets: { todo: number; inProgress: number; done: number; total: number };
  excluded: { epics: number; subtasks: number };
  unestimated: number;
  overdue: number;
  addedAfterStart: number;
  kpiProgress: number | null;
  elapsed: number | null;
  /** When the work left is likely done, from the outcome's own weekly throughput (`forecastDelivery`). */
  deliveryForecast: DeliveryForecast;
  /** Whether that forecast misses the due date, and the sentence saying so; null when there is none to judge. */
  forecastVerdict: ForecastVerdict | null;
  health: Health;
}

/**
 * The delivery forecast of an outcome on a day, from its stored rollup. Seeded by the outcome and the day,
 * so every surface and every load of the day shows the same dates.
 */
export function outcomeDeliveryForecast(
  outcome: Pick<Outcome, 'id' | 'startDate' | 'dueDate' | 'rollup'>,
  totals: RollupTotals,
  today: string,
): DeliveryForecast {
  return forecastDelivery(
    {
      history: historyOfRollup(totals),
      unit: outcome.rollup.method,
      start: outcome.startDate,
      today,
      dueDate: outcome.dueDate,
    },
    { random: seededRandom(seedOf(`${outcome.id}:${today}`)) },
  );
}

/**
 * The forecast as one more health signal: a forecast that misses the due date is at risk even when the
 * straight line says on track; one on time is on track (and never makes health better than the others).
 */
export const forecastSignal = (verdict: ForecastVerdict): HealthSignal => ({
  name: 'forecast',
  label: 'the delivery forecast',
  status: verdict.misses ? 'at-risk' : 'on-track',
  reason: verdict.misses ? `${verdict.reason} At risk.` : verdict.reason,
});

export function figuresOf(
  outcome: Pick<Outcome, 'id' | 'startDate' | 'dueDate' | 'rollup'>,
  totals: RollupTotals,
  kpis: readonly Kpi[],
  settings: SettingsDraft,
  today: string,
): OutcomeFigures {
  const delivery = deliveryRatio(totals);
  const kpi = averageKpiProgress(kpis.filter((k) => !k.isDraft).map(kpiProgress));
  const elapsed = timeElapsed(outcome.startDate, outcome.dueDate, today);
  const overdue = overdueCount(totals, today);
  const tickets = totalOf(totals.tickets);
  const deliveryForecast = outcomeDeliveryForecast(outcome, totals, today);
  const forecastVerdict = deliveryVerdict(deliveryForecast);
  return {
    delivery: { ratio: delivery, done: totals.units.done, total: totalOf(totals.units) },
    tickets: {
      todo: totals.tickets.new,
      inProgress: totals.tickets.indeterminate,
      done: totals.tickets.done,
      total: tickets,
    },
    excluded: totals.excluded,
    unestimated: totals.unestimated,
    overdue,
    addedAfterStart: totals.addedAfterStart,
    kpiProgress: kpi,
    elapsed,
    deliveryForecast,
    forecastVerdict,
    health: assessHealth(
      { delivery: delivery === null ? null : { ratio: delivery, tickets, overdue }, kpi, elapsed },
      settings,
      forecastVerdict === null ? [] : [forecastSignal(forecastVerdict)],
    ),
  };
}
