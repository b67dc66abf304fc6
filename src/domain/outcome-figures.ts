import type { SettingsDraft } from '../contract/settings';
import { type DeliveryForecast, forecastDelivery, historyOfRollup } from './forecast/delivery';
import { forecastKpi, type KpiForecast, type KpiPoint } from './forecast/kpi-trend';
import { seededRandom, seedOf } from './forecast/random';
import { deliveryVerdict, type ForecastVerdict, kpiVerdict, worstVerdict } from './forecast/verdict';
import { assessHealth, averageKpiProgress, type Health, type HealthSignal, timeElapsed } from './health';
import { keptAnswers } from './kept-answers';
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
  /** Each published KPI's forecast to its due date, when its values were given (`figuresOf`'s `kpiSeries`). */
  kpiForecasts: { kpi: Kpi; forecast: KpiForecast }[];
  /** The KPI forecast health leads with: a miss before an on-time one, the latest miss first; null without one. */
  kpiForecastVerdict: ForecastVerdict | null;
  health: Health;
}

/** A KPI with its values (check-ins that stand, and values Jira computed): what its forecast is fitted to. */
export interface KpiSeries {
  kpi: Kpi;
  series: readonly KpiPoint[];
}

/** A KPI's forecast to its own due date, or its outcome's when it has none: one rule for every surface. */
export const outcomeKpiForecast = (
  outcome: Pick<Outcome, 'dueDate'>,
  { kpi, series }: KpiSeries,
  today: string,
): KpiForecast => forecastKpi({ kpi, series, today, dueDate: kpi.dueDate ?? outcome.dueDate });

/**
 * The delivery forecast of an outcome on a day, from its stored rollup. Seeded by the outcome and the day,
 * so every surface and every load of the day shows the same dates. The Monte Carlo is the costliest figure
 * a page works out (tens of milliseconds for a year of history), and the same inputs always give the same
 * forecast, so it is kept by its inputs: a page of 50 outcomes loaded again that day simulates nothing.
 */
export function outcomeDeliveryForecast(
  outcome: Pick<Outcome, 'id' | 'startDate' | 'dueDate' | 'rollup'>,
  totals: RollupTotals,
  today: string,
): DeliveryForecast {
  const history = historyOfRollup(totals);
  const unit = outcome.rollup.method;
  // Everything the forecast reads, the seed included: a key that cannot go stale.
  const key = JSON.stringify([outcome.id, outcome.startDate, outcome.dueDate, unit, today, history]);
  return keptForecasts.answer(key, () =>
    forecastDelivery(
      { history, unit, start: outcome.startDate, today, dueDate: outcome.dueDate },
      { random: seededRandom(seedOf(`${outcome.id}:${today}`)) },
    ),
  );
}

/** A few pages' worth of outcomes (each key holds a history of about 17 KB at most). */
const keptForecasts = keptAnswers<DeliveryForecast>(500);

/**
 * The forecast as one more health signal: a forecast that misses the due date is at risk even when the
 * straight line says on track; one on time is on track (and never makes health better than the others).
 */
export const forecastSignal = (verdict: ForecastVerdict): HealthSignal => ({
  name: verdict.forecast === 'delivery' ? 'forecast' : 'kpi-forecast',
  label: verdict.forecast === 'delivery' ? 'the delivery forecast' : `the forecast of ${verdict.subject}`,
  status: verdict.misses ? 'at-risk' : 'on-track',
  reason: verdict.misses ? `${verdict.reason} At risk.` : verdict.reason,
});

export function figuresOf(
  outcome: Pick<Outcome, 'id' | 'startDate' | 'dueDate' | 'rollup'>,
  totals: RollupTotals,
  kpis: readonly Kpi[],
  settings: SettingsDraft,
  today: string,
  /**
   * The published KPIs' values. Given, each KPI's forecast is one more thing health judges; left out,
   * health judges delivery's forecast only.
   */
  kpiSeries: readonly KpiSeries[] = [],
): OutcomeFigures {
  const delivery = deliveryRatio(totals);
  const kpi = averageKpiProgress(kpis.filter((k) => !k.isDraft).map(kpiProgress));
  const elapsed = timeElapsed(outcome.startDate, outcome.dueDate, today);
  const overdue = overdueCount(totals, today);
  const tickets = totalOf(totals.tickets);
  const deliveryForecast = outcomeDeliveryForecast(outcome, totals, today);
  const forecastVerdict = deliveryVerdict(deliveryForecast);
  const kpiForecasts = kpiSeries
    .filter(({ kpi }) => !kpi.isDraft)
    .map((s) => ({ kpi: s.kpi, forecast: outcomeKpiForecast(outcome, s, today) }));
  const kpiForecastVerdict = worstVerdict(kpiForecasts.map(({ kpi, forecast }) => kpiVerdict(forecast, kpi)));
  const forecastSignals = [forecastVerdict, kpiForecastVerdict]
    .filter((v): v is ForecastVerdict => v !== null)
    .map(forecastSignal);
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
    kpiForecasts,
    kpiForecastVerdict,
    health: assessHealth(
      { delivery: delivery === null ? null : { ratio: delivery, tickets, overdue }, kpi, elapsed },
      settings,
      forecastSignals,
    ),
  };
}
