import type { OutcomePulse } from '../../contract/issue-panel';
import type { SettingsDraft } from '../../contract/settings';
import { isoDay } from '../../domain/clock';
import type { Kpi } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
import { figuresOf, type KpiSeries } from '../../domain/outcome-figures';
import { countingRuleInWords, emptyTotals } from '../../domain/rollup';
import type { StoredRollup } from '../../platform/storage/rollup-repository';
import { deliveryBrief } from './forecast-views';

/**
 * An outcome's delivery and health in one explained sentence, from its stored rollup and its KPIs' check-ins:
 * the same numbers the project page shows, for everyone who may see the outcome, with no Jira call.
 */
export function outcomePulse(
  outcome: Outcome,
  rollup: StoredRollup | null,
  kpis: readonly Kpi[],
  settings: SettingsDraft,
  today: Date,
  /** The published KPIs' values (`publishedKpiSeries`): their forecasts are part of health, as on the project page. */
  kpiSeries: readonly KpiSeries[],
): OutcomePulse {
  const f = figuresOf(outcome, rollup?.totals ?? emptyTotals(), kpis, settings, isoDay(today), kpiSeries);
  return {
    linkedTickets: f.tickets.total,
    doneTickets: f.tickets.done,
    method: outcome.rollup.method,
    deliveryDone: f.delivery.done,
    deliveryTotal: f.delivery.total,
    deliveryRatio: f.delivery.ratio,
    timeElapsed: f.elapsed,
    health: f.health.status,
    healthSignals: f.health.signals,
    outputWithoutOutcome: f.health.outputWithoutOutcome,
    explanation: f.health.explanation,
    countingRule: countingRuleInWords(outcome.rollup.countSubtasks),
    forecast: deliveryBrief(f.deliveryForecast),
  };
}
