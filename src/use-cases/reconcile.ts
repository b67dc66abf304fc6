import { randomUUID } from 'node:crypto';
import { isoDay } from '../domain/clock';
import { servesOutcome } from '../domain/jql';
import { confinedJql } from '../domain/jql-syntax';
import { LINKS_PROPERTY_KEY, readLinks } from '../domain/links';
import { figuresOf } from '../domain/outcome-figures';
import { newReconcile, type ReconcileJob, type ReconcileState } from '../domain/reconcile-run';
import { storyPointsFieldId } from '../platform/jira/fields';
import { searchPage } from '../platform/jira/issues';
import { rollupFields, toRollupTicket } from '../platform/jira/rollup-tickets';
import { enqueue, type LinksJob } from '../platform/queue';
import { listKpisOfOutcome } from '../platform/storage/kpi-repository';
import { getOutcome } from '../platform/storage/outcome-repository';
import {
  clearReconcileState,
  getReconcileState,
  saveReconcileState,
} from '../platform/storage/reconcile-repository';
import { saveSnapshot } from '../platform/storage/rollup-repository';
import { getSettings } from '../platform/storage/settings-repository';
import { type ReconcilePort, runReconcile } from './reconcile-executor';
import { rollupStore } from './rollup-maintenance';

/** Jira's largest page when fields are requested; the reconciliation reads only the fields it needs. */
const PAGE = 100;

/** Starts recomputing outcomes from Jira, one queue event per outcome (pushed 50 at a time). */
export async function startReconcile(
  outcomeIds: readonly string[],
  reason: ReconcileState['reason'],
  now: Date,
): Promise<void> {
  const jobs: LinksJob[] = [];
  for (const outcomeId of outcomeIds) {
    const state = newReconcile(randomUUID(), outcomeId, reason, now);
    await saveReconcileState(state);
    jobs.push({ type: 'reconcile', outcomeId, runId: state.runId });
  }
  await enqueue(jobs);
}

/** The reconciliation's I/O against Jira, storage and the queue. */
function reconcilePort(): ReconcilePort {
  // Read once an invocation, when the first page needs it.
  let pointsField: Promise<string | null> | null = null;
  const points = () => {
    pointsField ??= storyPointsFieldId();
    return pointsField;
  };
  return {
    ...rollupStore,
    getState: getReconcileState,
    saveState: saveReconcileState,
    clearState: clearReconcileState,
    getOutcome,
    kpiIdsOf: async (outcomeId) => new Set((await listKpisOfOutcome(outcomeId)).map((k) => k.id)),
    ticketsPage: async (outcome, pageToken) => {
      const field = await points();
      // Read as the property names them, so tickets of other projects that name the outcome are found in
      // the same pages: they are not counted, and are repaired.
      const page = await searchPage(
        'app',
        servesOutcome(outcome.id),
        { fields: [...rollupFields(field), 'project'], properties: [LINKS_PROPERTY_KEY], pageSize: PAGE },
        pageToken,
      );
      return {
        tickets: page.issues.map((issue) => ({
          ticket: toRollupTicket(issue, field),
          links: readLinks(issue.properties?.[LINKS_PROPERTY_KEY]),
          projectKey: issue.fields.project?.key ?? '',
        })),
        nextPageToken: page.nextPageToken,
      };
    },
    stillServing: async (outcome, issueIds) => {
      // Only tickets of the outcome's projects serve it: a link on any other ticket was written past the app.
      const serving = confinedJql(servesOutcome(outcome.id), outcome.projectKeys);
      const still = new Set<string>();
      // Ids only, so one page usually answers; follow the pages when Jira gives fewer.
      let token: string | null = null;
      do {
        const page = await searchPage(
          'app',
          `id in (${issueIds.join(', ')}) AND ${serving}`,
          { fields: ['key'], pageSize: 5000 },
          token,
        );
        for (const issue of page.issues) still.add(issue.id);
        token = page.nextPageToken;
      } while (token);
      return still;
    },
    repair: async (issueKeys) => {
      console.warn(
        `[outcome-bridge] repairing the links of ${issueKeys.length} ticket(s) written past the app`,
      );
      await enqueue(issueKeys.map((issueKey): LinksJob => ({ type: 'repair', issueKey })));
    },
    enqueue: (job) => enqueue([job]),
    snapshot: async (outcome, totals, now) => {
      const [kpis, settings] = await Promise.all([listKpisOfOutcome(outcome.id), getSettings()]);
      const figures = figuresOf(outcome, totals, kpis, settings.settings, isoDay(now));
      await saveSnapshot({
        outcomeId: outcome.id,
        day: isoDay(now),
        delivery: figures.delivery.ratio,
        kpi: figures.kpiProgress,
        elapsed: figures.elapsed,
        health: figures.health.status,
      });
    },
  };
}

/** Queue consumer: the next steps of one outcome's reconciliation (see `runReconcile`). */
export const processReconcile = (job: ReconcileJob, remainingMs: () => number, now: Date): Promise<void> =>
  runReconcile(job, reconcilePort(), remainingMs, now);
