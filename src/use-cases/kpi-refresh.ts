import { howToGrant, withLeftOut } from '../domain/app-reach';
import { AppError } from '../domain/errors';
import { confinedJql, UnsafeJqlError } from '../domain/jql-syntax';
import { type Kpi, withCurrent } from '../domain/kpi';
import { queriesOf, valueFromCounts } from '../domain/kpi-source';
import { newSuffix } from '../platform/ids';
import { JiraHttpError } from '../platform/jira/client';
import { countTickets } from '../platform/jira/issues';
import { appReach } from '../platform/jira/projects';
import {
  applyKpiChanges,
  getKpi,
  KpiValueMoved,
  listJqlKpis,
  newCheckInId,
} from '../platform/storage/kpi-repository';
import { getOutcomes } from '../platform/storage/outcome-repository';

/**
 * Recomputes one JQL-sourced KPI: counts in Jira as the app, within the outcome's projects only (as a
 * mapping rule runs), records the value as a check-in (history is kept), or records why it could not.
 * Counted as the app because nobody is signed in to a scheduled refresh; confined, so a KPI can never
 * count tickets of projects outside its outcome, whose viewers all see its value. Retries once if the
 * KPI changed meanwhile, so no value is lost.
 */
export async function refreshKpi(kpi: Kpi, projectKeys: readonly string[], now: Date): Promise<Kpi> {
  const queries = queriesOf(kpi.source);
  if (queries.length === 0) return kpi;
  let outcome: ReturnType<typeof valueFromCounts>;
  try {
    const reach = await appReach(projectKeys);
    const left = projectKeys.filter((key) => !reach.includes(key));
    if (reach.length === 0) {
      outcome = {
        error: `Outcome Bridge cannot see any of the outcome's projects, so it cannot count this KPI. ${howToGrant(left)}`,
      };
    } else {
      // Counted one by one where Jira's estimate is small; a value from estimates is recorded as one.
      const counts = await Promise.all(queries.map((jql) => countTickets('app', confinedJql(jql, reach))));
      outcome = withLeftOut(
        valueFromCounts(
          kpi.source,
          counts.map((c) => c.value),
          kpi.unit,
          counts.some((c) => c.estimated),
        ),
        left,
      );
    }
  } catch (error) {
    if (error instanceof UnsafeJqlError) {
      outcome = {
        error: `The JQL could reach past the outcome's projects, so it is not counted: ${error.problem}`,
      };
    } else if (!(error instanceof JiraHttpError) || error.status >= 500 || error.status === 429) {
      throw error;
    } else {
      outcome = { error: `Jira rejected the JQL: ${error.messages.join(' ') || `HTTP ${error.status}`}` };
    }
  }
  for (let attempt = 1; ; attempt++) {
    const current = attempt === 1 ? kpi : await getKpi(kpi.id);
    if (!current) return kpi;
    const at = now;
    try {
      const next = record(current, outcome, at);
      await applyKpiChanges({
        put: [{ next, base: current }],
        remove: [],
        checkIns:
          'value' in outcome
            ? [
                {
                  id: newCheckInId(current.id, at.toISOString(), newSuffix()),
                  kpiId: current.id,
                  outcomeId: current.outcomeId,
                  value: outcome.value,
                  confidence: outcome.confidence,
                  note: outcome.note,
                  // No person: the app computed this value from Jira.
                  authorId: null,
                  source: 'jql',
                  at: at.toISOString(),
                },
              ]
            : [],
      });
      return next;
    } catch (error) {
      const raced =
        error instanceof KpiValueMoved || (error instanceof AppError && error.code === 'CONFLICT');
      if (attempt >= 3 || !raced) throw error;
    }
  }
}

function record(kpi: Kpi, outcome: ReturnType<typeof valueFromCounts>, at: Date): Kpi {
  const stamped = { lastRefreshAt: at.toISOString() };
  if ('error' in outcome) {
    return { ...kpi, ...stamped, lastRefreshError: outcome.error, valueSeq: kpi.valueSeq + 1 };
  }
  return {
    ...withCurrent(kpi, outcome.value, outcome.confidence, at),
    ...stamped,
    lastRefreshError: null,
  };
}

/**
 * The scheduled refresh: every JQL-sourced KPI, one after another (each is a couple of count calls),
 * stopping early if the invocation runs short of time; the next run picks up the rest.
 */
export async function refreshAllKpis(
  remainingMs: () => number,
  now: Date,
): Promise<{ refreshed: number; failed: number; skipped: number }> {
  const all = await listJqlKpis();
  const outcomes = await getOutcomes([...new Set(all.map((k) => k.outcomeId))]);
  const oldestFirst = [...all].sort((a, b) => (a.lastRefreshAt ?? '').localeCompare(b.lastRefreshAt ?? ''));
  let refreshed = 0;
  let failed = 0;
  for (const [index, kpi] of oldestFirst.entries()) {
    if (remainingMs() < 5_000) return { refreshed, failed, skipped: oldestFirst.length - index };
    const outcome = outcomes.get(kpi.outcomeId);
    // A KPI whose outcome is being deleted goes with it.
    if (!outcome) continue;
    try {
      const next = await refreshKpi(kpi, outcome.projectKeys, now);
      if (next.lastRefreshError) failed++;
      else refreshed++;
    } catch (error) {
      failed++;
      console.error(`[outcome-bridge] refreshing KPI ${kpi.id} failed`, error);
    }
  }
  return { refreshed, failed, skipped: 0 };
}
