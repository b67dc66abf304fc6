import { describe, expect, it } from 'vitest';
import { buildDraft } from '../builders/outcome-draft';
import { withCopiesOf } from '../builders/site';
import { issueKeys, issuesServing } from '../support/jira-state';
import { as, ok, testSandbox, USERS } from '../support/sandbox';
import { importFile } from '../support/transfer';

/**
 * Past about a thousand tickets the app has only Jira's approximate count ("an estimated count"), and a
 * number shown from one says so. The site: Platform with 1,100 more tickets, each overdue, created after the
 * outcome started and serving it (their links property copied from a ticket the app linked itself).
 */
async function bigPlatformSite() {
  const first = await testSandbox();
  const alice = as(first, USERS.alice);
  const outcome = ok(await alice.admin('outcomes/create', { draft: buildDraft({ projectKeys: ['PLAT'] }) }));
  const standard = new Set(
    first.jira.state.issueTypes.filter((t) => t.hierarchyLevel === 0).map((t) => t.id),
  );
  const open = new Set(issueKeys(first.jira.state, 'PLAT', 'new'));
  const linkedKey = first.jira.state.issues.find(
    (i) => open.has(i.key) && standard.has(i.issueTypeId) && i.parentId === null,
  )?.key;
  if (!linkedKey) throw new Error('no open Platform story, task or bug');
  ok(await alice.panel('links/add', { issueKey: linkedKey, outcomeId: outcome.id }));
  await first.settle();
  const exported = ok(await alice.admin('transfer/export', {}));
  const file = { ...exported, outcomes: exported.outcomes.filter((o) => o.id === outcome.id), rules: [] };

  const site = withCopiesOf(first.jira.toJSON(), linkedKey, 1100, {
    duedate: '2026-06-01',
    created: '2026-06-10T09:00:00.000Z',
    updated: '2026-06-10T09:00:00.000Z',
  });
  const sandbox = await testSandbox({ site });
  // The outcome comes back with its id, and is recounted from the tickets that carry it.
  const { reply } = await importFile(as(sandbox, USERS.alice).admin, file);
  ok(reply);
  await sandbox.settle();
  return { sandbox, outcomeId: outcome.id };
}

/** Within the emulator's error of the truth: what Jira's estimate may be. */
const near = (value: number, truth: number, relativeError: number) =>
  expect(Math.abs(value - truth)).toBeLessThanOrEqual(Math.ceil(truth * relativeError));

describe('counts past what the app counts one by one', () => {
  it('are said as Jira’s estimates on the project page: lists, the tickets section and coverage', async () => {
    const { sandbox, outcomeId } = await bigPlatformSite();
    const { relativeError } = sandbox.jira.behaviours.countEstimates;
    const project = as(sandbox, USERS.alice).project;
    const state = sandbox.jira.state;
    const today = '2026-06-15';
    const done = new Set(state.statuses.filter((s) => s.category === 'done').map((s) => s.id));
    const serving = issuesServing(state, outcomeId, 'PLAT', { counted: true }).issues;
    const overdue = serving.filter((i) => i.duedate !== null && i.duedate < today && !done.has(i.statusId));
    const added = serving.filter((i) => i.created >= '2026-05-01');
    expect(overdue.length).toBeGreaterThan(1000);
    expect(added.length).toBeGreaterThan(1000);

    const detail = ok(await project('project/outcome', { projectKey: 'PLAT', outcomeId }));
    expect(detail.lists.overdue.estimated).toBe(true);
    near(detail.lists.overdue.total, overdue.length, relativeError);
    expect(detail.lists.addedAfterStart?.estimated).toBe(true);
    near(detail.lists.addedAfterStart?.total ?? 0, added.length, relativeError);
    // The stored figures are counted ticket by ticket, and stay exact.
    expect(detail.row.figures.overdue).toBe(overdue.length);

    const tickets = ok(await project('project/tickets', { projectKey: 'PLAT', outcomeId, pageSize: 5 }));
    expect(tickets.counts?.estimated).toBe(true);
    near(tickets.counts?.total ?? 0, issuesServing(state, outcomeId, 'PLAT').linked, relativeError);

    const plat = state.projects.find((p) => p.key === 'PLAT');
    const standard = new Set(state.issueTypes.filter((t) => t.hierarchyLevel === 0).map((t) => t.id));
    const work = state.issues.filter((i) => i.projectId === plat?.id && standard.has(i.issueTypeId));
    const coverage = ok(await project('project/coverage', { projectKey: 'PLAT', period: 'all' }));
    expect(coverage.estimated).toBe(true);
    near(coverage.total, work.length, relativeError);
  });

  it('are counted, and said as counted, where there are few', async () => {
    const sandbox = await testSandbox();
    const project = as(sandbox, USERS.alice).project;
    const coverage = ok(await project('project/coverage', { projectKey: 'PLAT', period: 'all' }));
    const state = sandbox.jira.state;
    const plat = state.projects.find((p) => p.key === 'PLAT');
    const standard = new Set(state.issueTypes.filter((t) => t.hierarchyLevel === 0).map((t) => t.id));
    expect(coverage.estimated).toBe(false);
    expect(coverage.unaligned.estimated).toBe(false);
    expect(coverage.total).toBe(
      state.issues.filter((i) => i.projectId === plat?.id && standard.has(i.issueTypeId)).length,
    );
  });
});
