import type { OutcomePulse } from '../../contract/issue-panel';
import type { SettingsDraft } from '../../contract/settings';
import { isoDay } from '../../domain/clock';
import { assessHealth, averageKpiProgress, timeElapsed } from '../../domain/health';
import { and, isDone, servesOutcome } from '../../domain/jql';
import { type Kpi, kpiProgress } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
import { countIssues } from '../../platform/jira/issues';

/**
 * An outcome's delivery and health in one explained sentence. Delivery counts the outcome's linked
 * tickets as the app (the outcome's number is the same for everyone who may see the outcome).
 */
export async function outcomePulse(
  outcome: Outcome,
  kpis: readonly Kpi[],
  settings: SettingsDraft,
  today: Date,
): Promise<OutcomePulse> {
  const [linked, done] = await Promise.all([
    countIssues('app', servesOutcome(outcome.id)),
    countIssues('app', and(servesOutcome(outcome.id), isDone)),
  ]);
  const delivery = linked === 0 ? null : done / linked;
  const kpi = averageKpiProgress(kpis.filter((k) => !k.isDraft).map(kpiProgress));
  const elapsed = timeElapsed(outcome.startDate, outcome.dueDate, isoDay(today));
  const health = assessHealth({ delivery, kpi, elapsed }, settings);
  return {
    linkedTickets: linked,
    doneTickets: done,
    deliveryRatio: delivery,
    timeElapsed: elapsed,
    health: health.status,
    outputWithoutOutcome: health.outputWithoutOutcome,
    explanation: health.explanation,
  };
}
