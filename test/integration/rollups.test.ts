import { kvs } from '@forge/kvs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { entriesOf } from '../../src/platform/storage/rollup-repository';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { issuesServing, lastUpdatedDaysAgo, visibleTo } from '../support/jira-state';
import { as, failure, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';
import { injectStrayEntry } from '../support/stray-entry';

/** The calendar day `offset` days from today (UTC), as the resolvers see today. */
function daysFromToday(offset: number): string {
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  return new Date(day.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** The default rollup's numbers, computed straight from the emulated site. */
function expected(sandbox: Sandbox, outcomeId: string) {
  const counted = issuesServing(sandbox.jira.state, outcomeId, null, { counted: true });
  const state = sandbox.jira.state;
  const category = (statusId: string) => state.statuses.find((s) => s.id === statusId)?.category;
  return {
    total: counted.linked,
    done: counted.done,
    inProgress: counted.issues.filter((i) => category(i.statusId) === 'indeterminate').length,
    todo: counted.issues.filter((i) => category(i.statusId) === 'new').length,
  };
}

describe('rollups and the project page', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  let epicKey: string;

  // Each test starts from its own site: the outcome with a KPI, an epic with children linked to it.
  beforeEach(async () => {
    sandbox = await testSandbox();
    outcomeId = ok(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({ startDate: daysFromToday(-106), dueDate: daysFromToday(107) }),
      }),
    ).id;
    ok(await as(sandbox, USERS.alice).admin('kpis/create', { draft: buildKpi(outcomeId) }));
    epicKey = sandbox.jira.state.issues.find((i) => {
      const type = sandbox.jira.state.issueTypes.find((t) => t.id === i.issueTypeId);
      return type?.hierarchyLevel === 1 && sandbox.jira.state.issues.some((c) => c.parentId === i.id);
    })?.key as string;
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: epicKey, outcomeId }));
    await sandbox.settle();
    // The stories below start later, once Jira's search has the links (it lags behind writes by seconds).
    await searchCaughtUp(sandbox);
  });

  it('shows figures that match an independent count: stories counted, epics and subtasks through them', async () => {
    const page = ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    const row = page.outcomes.find((o) => o.id === outcomeId);
    const want = expected(sandbox, outcomeId);
    expect(want.total).toBeGreaterThan(0);
    expect(row?.figures.tickets).toEqual(want);
    expect(row?.figures.deliveryRatio).toBeCloseTo(want.done / want.total, 9);
    expect(row?.figures.excluded.epics).toBe(1);
    // The timeframe is 213 days long and today is 106 days into it.
    expect(row?.figures.timeElapsed).toBeCloseTo(106 / 213, 6);
    expect(row?.figures.health).toMatch(/on-track|at-risk|off-track/);
    expect(row?.figures.explanation).toMatch(/of the time gone/);
  });

  it('shows the same delivery and health in the issue panel as on the project page', async () => {
    const story = issuesServing(sandbox.jira.state, outcomeId, null, { counted: true }).issues[0];
    const panel = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: story?.key ?? '' }));
    const pulse = panel.links.find((l) => l.outcomeId === outcomeId)?.outcome?.pulse;
    const row = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    const want = expected(sandbox, outcomeId);
    expect(pulse).toMatchObject({
      linkedTickets: want.total,
      doneTickets: want.done,
      method: 'count',
      deliveryDone: want.done,
      deliveryTotal: want.total,
      deliveryRatio: row?.figures.deliveryRatio,
      health: row?.figures.health,
      explanation: row?.figures.explanation,
    });
  });

  it('keeps the figures current as tickets change, equal to a full recompute', async () => {
    const child = issuesServing(sandbox.jira.state, outcomeId, null, { counted: true }).issues.find((i) => {
      const category = sandbox.jira.state.statuses.find((s) => s.id === i.statusId)?.category;
      return category !== 'done';
    });
    sandbox.jira.updateIssue(child?.key ?? '', { status: 'Done' }, USERS.evan);
    const fresh = sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Story', summary: 'New story', parentKey: epicKey },
      USERS.evan,
    );
    await sandbox.settle();
    const incremental = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    expect(incremental?.figures.tickets).toEqual(expected(sandbox, outcomeId));
    expect(expected(sandbox, outcomeId).total).toBeGreaterThan(0);

    sandbox.jira.deleteIssue(fresh.key, USERS.evan);
    await sandbox.settle();
    const afterDelete = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    expect(afterDelete?.figures.tickets).toEqual(expected(sandbox, outcomeId));

    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    const reconciled = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    expect(reconciled?.figures).toEqual(afterDelete?.figures);
    expect(reconciled?.lastDrift).toMatchObject({
      corrected: 0,
      // Reconciliation reads every ticket serving the outcome, epics and subtasks included.
      tickets: issuesServing(sandbox.jira.state, outcomeId, null).linked,
    });
    expect(reconciled?.reconciledAt).not.toBeNull();
  });

  it('reconciliation corrects drift and says how much it corrected', async () => {
    const stored = (await kvs
      .entity<{ totals: { tickets: Record<string, number> } }>('rollup')
      .get(outcomeId)) as Record<string, unknown> & {
      totals: { tickets: Record<string, number> };
    };
    await kvs.entity('rollup').set(outcomeId, {
      ...stored,
      totals: { ...stored.totals, tickets: { new: 500, indeterminate: 0, done: 0 } },
    });
    const wrong = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    expect(wrong?.figures.tickets.todo).toBe(500);
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    const fixed = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    expect(fixed?.figures.tickets).toEqual(expected(sandbox, outcomeId));
    expect(fixed?.lastDrift?.corrected).toBeGreaterThan(400);
  });

  it('removes the entry of a ticket whose unlink event was missed, and skips that sweep when nothing drifted', async () => {
    const stray = await injectStrayEntry(sandbox, outcomeId);
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    expect((await entriesOf(outcomeId, [stray?.id ?? ''])).size).toBe(0);
    const swept = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    expect(swept?.figures.tickets).toEqual(expected(sandbox, outcomeId));
    expect(swept?.lastDrift?.corrected).toBe(1);

    // Nothing drifted since: the reconciliation reads the tickets and asks Jira nothing else; the changes
    // check, on a site where nothing was updated since, one empty page.
    lastUpdatedDaysAgo(sandbox.jira.state, 3);
    sandbox.jira.counters.reset();
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    const searches = sandbox.jira.counters.snapshot().byRoute['POST /rest/api/3/search/jql'];
    const serving = issuesServing(sandbox.jira.state, outcomeId, null).linked;
    expect(searches).toBe(Math.ceil(serving / 100) + 1);
  });

  it('explains every figure and lists the tickets behind them', async () => {
    // The trend starts with the nightly check's first snapshot.
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    const detail = ok(
      await as(sandbox, USERS.rita).project('project/outcome', { projectKey: 'CHK', outcomeId }),
    );
    expect(detail.breakdown.map((b) => b.figure)).toEqual([
      'Delivery',
      'Tickets',
      'KPI progress',
      'Time elapsed',
      'Delivery against time',
      'KPIs against time',
      'Delivery forecast',
      'KPI forecast',
      'Health',
      'Overdue',
      'Added after start',
      'Counts checked against Jira',
    ]);
    expect(detail.breakdown[0]?.how).toMatch(/of \d+ tickets done, counting by tickets/);
    expect(detail.lists.overdue.count).toBe(detail.row.figures.overdue);
    // Added after start is a part of the counted tickets, and its list is the same set.
    expect(detail.lists.addedAfterStart?.count).toBe(detail.row.figures.addedAfterStart);
    expect(detail.row.figures.addedAfterStart).toBeLessThanOrEqual(detail.row.figures.tickets.total);
    expect(detail.trend.length).toBeGreaterThanOrEqual(1);
    const tickets = ok(
      await as(sandbox, USERS.rita).project('project/tickets', { projectKey: 'CHK', outcomeId, pageSize: 5 }),
    );
    expect(tickets.tickets).toHaveLength(5);
    expect(tickets.nextPageToken).not.toBeNull();
  });

  it('measures alignment coverage and lists the unaligned tickets', async () => {
    const coverage = ok(
      await as(sandbox, USERS.rita).project('project/coverage', { projectKey: 'CHK', period: 'all' }),
    );
    const chk = sandbox.jira.state.projects.find((p) => p.key === 'CHK');
    // Counted as delivery counts: standard-level tickets only (no epics, no subtasks), and only what Rita
    // may see (CHK's Confidential level, when it holds work, is closed to her).
    const standard = new Set(
      sandbox.jira.state.issueTypes.filter((t) => t.hierarchyLevel === 0).map((t) => t.id),
    );
    const seen = visibleTo(sandbox.jira.state, USERS.rita);
    const all = sandbox.jira.state.issues.filter(
      (i) => i.projectId === chk?.id && standard.has(i.issueTypeId) && seen(i),
    );
    expect(all.length).toBeLessThan(sandbox.jira.state.issues.filter((i) => i.projectId === chk?.id).length);
    const aligned = all.filter(
      (i) =>
        ((i.properties['outcome-bridge-links'] as { effectiveOutcomeIds?: string[] } | undefined)
          ?.effectiveOutcomeIds?.length ?? 0) > 0,
    );
    expect(coverage).toMatchObject({ total: all.length, aligned: aligned.length });
    expect(coverage.share).toBeCloseTo(aligned.length / all.length, 9);
    expect(coverage.unaligned.count).toBe(all.length - aligned.length);
    expect(coverage.unaligned.tickets.length).toBe(Math.min(50, all.length - aligned.length));
  });

  it('costs the same page load whatever the number of tickets (no per-ticket calls)', async () => {
    sandbox.jira.counters.reset();
    sandbox.kvs.counters.reset();
    ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    const jira = sandbox.jira.counters.snapshot();
    expect(Object.keys(jira.byRoute).sort()).toEqual([
      'GET /rest/api/3/project/{projectIdOrKey}',
      'GET /rest/api/3/user/bulk',
      'POST /rest/api/3/permissions/check',
    ]);
    expect(sandbox.kvs.counters.snapshot().total).toBeLessThanOrEqual(6);
  });

  it('spends at most 5 points as the app on a page load: the rest is asked as the viewer', async () => {
    sandbox.jira.rateLimits.reset();
    ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    const points = sandbox.jira.rateLimits.snapshot();
    // One project lookup as the app (2 points); the permission check and the people are asked as Rita, which
    // Jira charges to the app-and-user budget (whether also to the app's hourly quota is not documented).
    expect(points.byPrincipal.app ?? 0).toBeLessThanOrEqual(5);
    expect(points.byPrincipal[`user:${USERS.rita}`]).toBeGreaterThan(0);
  });

  it('tells someone who cannot browse the project nothing', async () => {
    expect(
      failure(await as(sandbox, USERS.oscar).project('project/outcome', { projectKey: 'CHK', outcomeId }))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      failure(
        await as(sandbox, USERS.oscar).project('project/coverage', { projectKey: 'CHK', period: '90d' }),
      ).code,
    ).toBe('NOT_FOUND');
  });
});

describe('reconciling an outcome larger than one event can hold', () => {
  it('continues across queue events, page by page, and arrives at the same figures', async () => {
    // Consumers get less than the reconciliation's 15 s safety margin: each event reads one page.
    const sandbox = await testSandbox({ consumerTimeoutMs: 10_000 });
    const outcomeId = ok(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({ projectKeys: ['CHK'] }),
      }),
    ).id;
    const run = ok(
      await as(sandbox, USERS.evan).project('links/bulk', {
        projectKey: 'CHK',
        outcomeId,
        target: { jql: 'issuetype in (Story, Task, Bug, Subtask)' },
      }),
    );
    await sandbox.settle();
    expect(
      ok(await as(sandbox, USERS.evan).project('links/bulk-status', { projectKey: 'CHK', runId: run.id })),
    ).toMatchObject({ status: 'done' });
    const serving = issuesServing(sandbox.jira.state, outcomeId, null).linked;
    expect(serving).toBeGreaterThan(100);
    // The recount after the app's own bulk change is not drift: counted, recomputed, nothing "corrected".
    const recounted = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    expect(recounted?.figures.tickets).toEqual(expected(sandbox, outcomeId));
    expect(recounted?.reconciledAt).not.toBeNull();
    expect(recounted?.lastDrift).toBeNull();

    // The full pass takes an event a page; the changes check, on a site updated days ago, one.
    lastUpdatedDaysAgo(sandbox.jira.state, 3);
    sandbox.host.resetCounters();
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    const events = sandbox.host.counters.functionInvocations['links-queue-handler'] ?? 0;
    expect(events).toBe(Math.ceil(serving / 100) + 1);
    const row = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    expect(row?.figures.tickets).toEqual(expected(sandbox, outcomeId));
    expect(row?.lastDrift?.tickets).toBe(serving);
  });
});
