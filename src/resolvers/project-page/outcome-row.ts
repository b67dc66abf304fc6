import type { UserRef } from '../../contract/primitives';
import type { ProjectOutcomeRow } from '../../contract/project-page';
import type { SettingsDraft } from '../../contract/settings';
import { isoDay } from '../../domain/clock';
import type { Kpi } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
import { figuresOf, type KpiSeries } from '../../domain/outcome-figures';
import { emptyTotals, rollupBasis } from '../../domain/rollup';
import type { StoredRollup } from '../../platform/storage/rollup-repository';
import type { CheckInPlace } from '../shared/access';
import { deliveryBrief } from '../shared/forecast-views';
import { panelKpi } from '../shared/panel-kpi';
import { person, toOutcomeCard } from '../shared/views';

/** One outcome's row: every figure from its stored rollup, KPIs and the settings; no Jira call. */
export function toProjectRow(
  outcome: Outcome,
  rollup: StoredRollup | null,
  kpis: readonly Kpi[],
  settings: SettingsDraft,
  users: Map<string, UserRef>,
  today: Date,
  browsable: ReadonlySet<string>,
  outsideReach: ReadonlySet<string>,
  checkInAt: CheckInPlace,
  /** The published KPIs' values (`publishedKpiSeries`): their forecasts are part of health. */
  kpiSeries: readonly KpiSeries[],
): ProjectOutcomeRow {
  const totals = rollup?.totals ?? emptyTotals();
  const f = figuresOf(outcome, totals, kpis, settings, isoDay(today), kpiSeries);
  return {
    ...toOutcomeCard(outcome, users, browsable, outsideReach),
    decides: outcome.roles.decides.map((id) => person(users, id)),
    figures: {
      method: outcome.rollup.method,
      countSubtasks: outcome.rollup.countSubtasks,
      deliveryRatio: f.delivery.ratio,
      deliveryDone: f.delivery.done,
      deliveryTotal: f.delivery.total,
      tickets: f.tickets,
      excluded: f.excluded,
      unestimated: f.unestimated,
      overdue: f.overdue,
      addedAfterStart: f.addedAfterStart,
      kpiProgress: f.kpiProgress,
      timeElapsed: f.elapsed,
      health: f.health.status,
      healthSignals: f.health.signals,
      outputWithoutOutcome: f.health.outputWithoutOutcome,
      explanation: f.health.explanation,
      forecast: deliveryBrief(f.deliveryForecast),
    },
    kpis: [...kpis]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((k) => panelKpi(k, kpis, { outcomeState: outcome.state, today: isoDay(today), checkInAt })),
    linkedCount: f.tickets.total,
    doneCount: f.tickets.done,
    reconciledAt: rollup?.reconciledAt ?? null,
    lastDrift: rollup?.lastDrift ?? null,
    recomputing: rollup !== null && rollup.basis !== '' && rollup.basis !== rollupBasis(outcome),
  };
}
