import { remainingTimeMs } from '../platform/runtime';
import { refreshAllKpis } from './kpi-refresh';

/** Scheduled trigger: recomputes every KPI whose value comes from Jira, and logs what it did. */
export async function refreshKpisJob(): Promise<void> {
  const result = await refreshAllKpis(remainingTimeMs);
  console.log(
    `[outcome-bridge] KPI refresh: ${result.refreshed} refreshed, ${result.failed} failed, ${result.skipped} left for the next run`,
  );
}
