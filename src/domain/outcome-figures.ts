import type { SettingsDraft } from '../contract/settings';
import { assessHealth, averageKpiProgress, type Health, timeElapsed } from './health';
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
  health: Health;
}

export function figuresOf(
  outcome: Pick<Outcome, 'startDate' | 'dueDate'>,
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
    health: assessHealth(
      { delivery: delivery === null ? null : { ratio: delivery, tickets, overdue }, kpi, elapsed },
      settings,
    ),
  };
}
