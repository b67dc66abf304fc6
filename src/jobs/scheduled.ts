import { readClock } from '../platform/clock';
import { remainingTimeMs } from '../platform/runtime';
import { listOutcomes } from '../platform/storage/outcome-repository';
import { refreshAllKpis } from '../use-cases/kpi-refresh';
import { budgetedDeadline } from '../use-cases/points-budget';
import { startNightly } from '../use-cases/reconcile';

/** Scheduled trigger: recomputes every KPI whose value comes from Jira, and logs what it did. */
export async function refreshKpisJob(): Promise<void> {
  const now = readClock();
  const budget = await budgetedDeadline(now, remainingTimeMs);
  if (!budget.go) return console.log(`[outcome-bridge] KPI refresh left for the next run: ${budget.reason}`);
  const result = await refreshAllKpis(budget.remainingMs, now);
  console.log(
    `[outcome-bridge] KPI refresh: ${result.refreshed} refreshed, ${result.failed} failed, ${result.skipped} left for the next run`,
  );
}

/**
 * Daily scheduled trigger: every outcome's changed tickets checked against Jira, tonight's full passes
 * (see `nightlyPlan`), and a snapshot for the trend.
 */
export async function reconcileAllJob(): Promise<void> {
  const outcomes = await listOutcomes();
  await startNightly(
    outcomes.map((o) => o.id),
    readClock(),
  );
  console.log(`[outcome-bridge] nightly check queued for ${outcomes.length} outcomes`);
}
