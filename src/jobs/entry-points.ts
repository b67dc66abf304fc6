import { readClock } from '../platform/clock';
import { meteredEntry } from '../platform/jira/points-meter';
import type { LinksJob } from '../platform/queue';
import { remainingTimeMs } from '../platform/runtime';
import { deferredIfRateLimited, unlessRateLimited } from '../use-cases/deferral';
import {
  propagateToChildren,
  rematerialize,
  repairInheritorsOf,
  startRepairOfInheritors,
} from '../use-cases/link-maintenance';
import { processRunPage } from '../use-cases/link-runs';
import { forgetOutcome } from '../use-cases/outcome-cleanup';
import { withinBudget } from '../use-cases/points-budget';
import { processChanges, processReconcile } from '../use-cases/reconcile';
import { forgetTicket, refreshTicketRollups } from '../use-cases/rollup-maintenance';
import { reconcileAllJob as reconcileAll, refreshKpisJob as refreshKpis } from './scheduled';

interface IssueEvent {
  eventType: string;
  issue: { id: string; key: string };
}

/**
 * Issue trigger: created and updated tickets get their inheritance and rule links brought up to date. A
 * deleted ticket leaves every outcome, and the tickets that inherited from it are repaired: Jira detaches
 * an epic's children without an event of their own.
 */
export async function handleIssueEvent(event: IssueEvent): Promise<void> {
  const now = readClock();
  // Product events are not delivered again: work Jira rate-limits now goes to the queue, to run once it may.
  if (event.eventType === 'avi:jira:deleted:issue') {
    await deferredIfRateLimited([{ type: 'forget', issueId: event.issue.id }], now, () =>
      forgetTicket(event.issue.id, now),
    );
    // Only a queue push: the search for the tickets inheriting from it runs in the queue, deferred there if need be.
    await startRepairOfInheritors(event.issue.key);
    return;
  }
  const { key } = event.issue;
  await deferredIfRateLimited(
    [
      { type: 'repair', issueKey: key },
      { type: 'rollup', issueKey: key },
    ],
    now,
    async () => {
      await rematerialize(key);
      // Status, points, due date or type may have changed even when the links did not.
      await refreshTicketRollups(key, now);
    },
  );
}

/**
 * Follow-ups of one ticket's event (its rollups, its children's inheritance, forgetting it): what a person
 * just did, kept as fresh as Jira allows. The rest is background work held to the hour's points budget.
 */
const EVENT_FOLLOW_UPS: ReadonlySet<LinksJob['type']> = new Set(['propagate', 'rollup', 'forget']);

/** Queue consumer: background link work, one event at a time. */
export async function handleLinksJob(event: { body: LinksJob }): Promise<void> {
  const job = event.body;
  const now = readClock();
  await unlessRateLimited(job, now, () =>
    EVENT_FOLLOW_UPS.has(job.type)
      ? dispatch(job, now, remainingTimeMs)
      : withinBudget(job, now, remainingTimeMs, (remainingMs) => dispatch(job, now, remainingMs)),
  );
}

function dispatch(job: LinksJob, now: Date, remainingMs: () => number): Promise<void> {
  switch (job.type) {
    case 'propagate':
      return propagateToChildren(job.issueKey);
    case 'run':
      return processRunPage(job, now);
    case 'rollup':
      return refreshTicketRollups(job.issueKey, now);
    case 'forget':
      return forgetTicket(job.issueId, now);
    case 'reconcile':
      return processReconcile(job, remainingMs, now);
    case 'changes':
      return processChanges(job, remainingMs, now);
    case 'forget-outcome':
      return forgetOutcome(job, remainingMs);
    case 'repair':
      return rematerialize(job.issueKey);
    case 'inheritors':
      return repairInheritorsOf(job.issueKey, job.recheck);
  }
}

// The entry points src/index.ts names, each metered: what an invocation spends as the app is written to the
// points ledger once, when it ends.
export const onIssueEvent = meteredEntry(handleIssueEvent);
export const onLinksQueue = meteredEntry(handleLinksJob);
export const reconcileAllJob = meteredEntry(reconcileAll);
export const refreshKpisJob = meteredEntry(refreshKpis);
