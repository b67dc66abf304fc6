import { randomUUID } from 'node:crypto';
import { isoDay } from '../domain/clock';
import { servesOutcome } from '../domain/jql';
import { confinedJql } from '../domain/jql-syntax';
import { LINKS_PROPERTY_KEY, readLinks } from '../domain/links';
import { type ChangesJob, NIGHTLY_FULL_PASS_TICKETS, nightlyPlan } from '../domain/nightly-plan';
import { figuresOf } from '../domain/outcome-figures';
import {
  abandoned,
  inheritanceLost,
  newReconcile,
  type ReadTicket,
  type ReconcileJob,
  type ReconcileState,
  resumed,
} from '../domain/reconcile-run';
import { ticketsCounted } from '../domain/rollup';
import { storyPointsFieldId } from '../platform/jira/fields';
import { matchingNow, searchPage } from '../platform/jira/issues';
import { appReach } from '../platform/jira/projects';
import { rollupFields, toRollupTicket } from '../platform/jira/rollup-tickets';
import type { JiraIssue } from '../platform/jira/schemas';
import { enqueue, type LinksJob } from '../platform/queue';
import { listKpisOfOutcome } from '../platform/storage/kpi-repository';
import { getOutcome } from '../platform/storage/outcome-repository';
import {
  clearReconcileState,
  getReconcileState,
  saveReconcileState,
} from '../platform/storage/reconcile-repository';
import { getRollups, saveSnapshot } from '../platform/storage/rollup-repository';
import { getSettings } from '../platform/storage/settings-repository';
import { type ChangesPort, runChangesCheck } from './changes-check';
import { publishedKpiSeries } from './kpi-series';
import { runReconcile, type TicketScope } from './reconcile-executor';
import { rollupStore } from './rollup-maintenance';

/** Jira's largest page when fields are requested; the reconciliation reads only the fields it needs. */
const PAGE = 100;

/** A ticket as the reconciliation reads it: its rollup fields, links and project. */
const readTicket = (issue: JiraIssue, pointsField: string | null): ReadTicket => ({
  ticket: toRollupTicket(issue, pointsField),
  links: readLinks(issue.properties?.[LINKS_PROPERTY_KEY]),
  projectKey: issue.fields.project?.key ?? '',
});

/**
 * The tickets of a page whose inheritance of the outcome has lost its source (`inheritanceLost`). A parent in
 * the page serves the outcome (the page is the outcome's tickets); the others are read as Jira has them now
 * (`reconcileIssues`), so a page whose parents are all in it costs no further call.
 */
async function lostInheritance(outcomeId: string, issues: readonly JiraIssue[]): Promise<Set<string>> {
  const inheriting = issues
    .map((issue) => ({ issue, links: readLinks(issue.properties?.[LINKS_PROPERTY_KEY]) }))
    .filter(({ links }) => links.inherited.some((l) => l.outcomeId === outcomeId));
  const inPage = new Set(issues.map((issue) => issue.id));
  const elsewhere = [
    ...new Set(
      inheriting.flatMap(({ issue }) =>
        issue.fields.parent && !inPage.has(issue.fields.parent.id) ? [issue.fields.parent.id] : [],
      ),
    ),
  ];
  const serving =
    elsewhere.length === 0
      ? inPage
      : new Set([
          ...inPage,
          ...(await matchingNow('app', servesOutcome(outcomeId), elsewhere)).map((p) => p.id),
        ]);
  return new Set(
    inheriting
      .filter(({ issue, links }) =>
        inheritanceLost(links, outcomeId, issue.fields.parent?.id ?? null, serving),
      )
      .map(({ issue }) => issue.id),
  );
}

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

/**
 * The search for a page of an outcome's tickets, newest first: every one (from where a parked pass
 * stopped), or those updated in the window. Relative dates (`-Nm`) count from Jira's clock in minutes, so
 * no time zone (JQL reads absolute dates in the searcher's) enters the query.
 */
function scopedJql(outcomeId: string, scope: TicketScope): string {
  const serves = `(${servesOutcome(outcomeId)})`;
  const within =
    'updatedWithinMinutes' in scope
      ? ` AND updated >= "-${scope.updatedWithinMinutes}m"`
      : scope.createdMinutesAgo === null
        ? ''
        : ` AND created <= "-${scope.createdMinutesAgo}m"`;
  return `${serves}${within} ORDER BY created DESC`;
}

/** The reconciliation's I/O against Jira, storage and the queue. */
function reconcilePort(): ChangesPort {
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
    ticketsPage: async (outcome, scope, pageToken) => {
      const field = await points();
      // Read as the property names them, so tickets of other projects that name the outcome are found in
      // the same pages: they are not counted, and are repaired.
      const page = await searchPage(
        'app',
        scopedJql(outcome.id, scope),
        {
          fields: [...new Set([...rollupFields(field), 'project', 'parent', 'created'])],
          properties: [LINKS_PROPERTY_KEY],
          pageSize: PAGE,
        },
        pageToken,
      );
      const lost = await lostInheritance(outcome.id, page.issues);
      return {
        tickets: page.issues.map((issue) => ({
          ...readTicket(issue, field),
          inheritanceLost: lost.has(issue.id),
        })),
        nextPageToken: page.nextPageToken,
      };
    },
    ticketsNow: async (outcome, issueIds) => {
      const field = await points();
      const now = await matchingNow('app', servesOutcome(outcome.id), issueIds, {
        fields: [...rollupFields(field), 'project'],
        properties: [LINKS_PROPERTY_KEY],
      });
      return now.map((issue) => readTicket(issue, field));
    },
    stillServing: async (outcome, issueIds) => {
      // Only tickets of the outcome's projects serve it: a link on any other ticket was written past the app.
      // Of them, those the app can see: JQL naming a project hidden from it is refused.
      const reach = await appReach(outcome.projectKeys);
      if (reach.length === 0) return new Set<string>();
      const serving = confinedJql(servesOutcome(outcome.id), reach);
      return new Set((await matchingNow('app', serving, issueIds)).map((issue) => issue.id));
    },
    repair: async (issueKeys) => {
      console.warn(
        `[outcome-bridge] repairing the links of ${issueKeys.length} ticket(s) the app would not have written`,
      );
      await enqueue(issueKeys.map((issueKey): LinksJob => ({ type: 'repair', issueKey })));
    },
    enqueue: (job) => enqueue([job]),
    enqueueChanges: (job) => enqueue([job]),
    snapshot: async (outcome, totals, now) => {
      const [kpis, settings] = await Promise.all([listKpisOfOutcome(outcome.id), getSettings()]);
      // Health as the pages show it: the KPI forecasts are part of it.
      const series = await publishedKpiSeries(kpis, isoDay(now));
      const figures = figuresOf(outcome, totals, kpis, settings.settings, isoDay(now), series);
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

/** Queue consumer: the next pages of one outcome's nightly changes check (see `runChangesCheck`). */
export const processChanges = (job: ChangesJob, remainingMs: () => number, now: Date): Promise<void> =>
  runChangesCheck(job, reconcilePort(), remainingMs, now);

/**
 * The nightly check: every outcome's changed tickets, and tonight's full passes within the night's share
 * of tickets (`nightlyPlan`), a parked pass resumed where it stopped. A run already under way for other
 * reasons (a recount after the app's own changes) is left to finish.
 */
export async function startNightly(outcomeIds: readonly string[], now: Date): Promise<void> {
  const rollups = await getRollups(outcomeIds);
  const known = await Promise.all(
    outcomeIds.map(async (outcomeId) => {
      const state = await getReconcileState(outcomeId);
      return {
        outcomeId,
        rollup: rollups.get(outcomeId) ?? null,
        state: state && abandoned(state, now) ? null : state,
      };
    }),
  );
  const plan = nightlyPlan(
    known
      .filter(({ state }) => state === null || state.parked)
      .map(({ outcomeId, rollup, state }) => ({
        outcomeId,
        tickets: rollup ? ticketsCounted(rollup.totals) : 0,
        fullCheckedAt: rollup?.reconciledAt ?? null,
        parked: state?.parked === true,
      })),
    NIGHTLY_FULL_PASS_TICKETS,
  );
  const jobs: LinksJob[] = known.map(
    ({ outcomeId, rollup }): LinksJob => ({
      type: 'changes',
      outcomeId,
      since: rollup?.changesCheckedAt ?? rollup?.reconciledAt ?? null,
      startedAt: now.toISOString(),
      windowMinutes: null,
      pageToken: null,
    }),
  );
  for (const pass of plan.full) {
    const parked = known.find((k) => k.outcomeId === pass.outcomeId)?.state;
    const state =
      pass.resume && parked
        ? resumed(parked, pass.allowance, now)
        : newReconcile(randomUUID(), pass.outcomeId, 'check', now, pass.allowance);
    await saveReconcileState(state);
    jobs.push({ type: 'reconcile', outcomeId: pass.outcomeId, runId: state.runId });
  }
  await enqueue(jobs);
}
