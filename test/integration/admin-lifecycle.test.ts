import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { forgetOutcome } from '../../src/use-cases/outcome-cleanup';
import { refreshTicketRollups } from '../../src/use-cases/rollup-maintenance';
import { buildKpi, buildTechnicalKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { issueKeys } from '../support/jira-state';
import { as, FIXED_NOW, failure, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';
import { writeEntry } from '../support/stray-entry';

/** Every stored record (key and value) that mentions the outcome id, as the emulated store holds them. */
const recordsMentioning = (sandbox: Sandbox, outcomeId: string) =>
  JSON.stringify(sandbox.kvs.snapshot())
    .split(/(?=\{"key")/)
    .filter((chunk) => chunk.includes(outcomeId)).length;

// What the admin resolvers refuse and to whom, and what an outcome's life leaves behind: each through the
// real resolvers and SDKs, checked against what is stored afterwards.
describe('admin resolvers: who may do what, and stale versions', () => {
  let sandbox: Sandbox;
  const alice = () => as(sandbox, USERS.alice).admin;
  beforeEach(async () => {
    sandbox = await testSandbox();
  });

  it('refuses a project admin of another project every change to an outcome and its KPIs, changing nothing', async () => {
    const outcome = ok(await alice()('outcomes/create', { draft: buildDraft({ projectKeys: ['PLAT'] }) }));
    const kpi = ok(await alice()('kpis/create', { draft: buildKpi(outcome.id) })).kpis[0];
    if (!kpi) throw new Error('set-up failed');
    const attempts = (caller: ReturnType<typeof as>['admin']) =>
      Promise.all([
        caller('outcomes/update', {
          id: outcome.id,
          expectedVersion: outcome.version,
          draft: buildDraft({ title: 'Taken over', projectKeys: ['PLAT'] }),
        }),
        caller('outcomes/delete-preview', { id: outcome.id }),
        caller('outcomes/delete', {
          id: outcome.id,
          expectedVersion: outcome.version,
          confirmedLinkedTickets: 0,
        }),
        caller('kpis/update', {
          id: kpi.id,
          expectedVersion: kpi.version,
          draft: buildKpi(outcome.id, { name: 'Renamed by someone else' }),
        }),
        caller('kpis/delete', { id: kpi.id, expectedVersion: kpi.version }),
        caller('kpis/refresh', { id: kpi.id }),
        caller('kpis/check-in', { kpiId: kpi.id, value: 38, confidence: 'high', note: '' }),
      ]);
    // Priya administers CHK and can browse PLAT: PLAT's settings page refuses her every change, and CHK's,
    // confined to CHK, knows no PLAT outcome (she reads it on PLAT's project page).
    const byPriya = await attempts(as(sandbox, USERS.priya).settings('PLAT'));
    expect(byPriya.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(Array(byPriya.length).fill('FORBIDDEN'));
    const onChk = await attempts(as(sandbox, USERS.priya).settings('CHK'));
    expect(onChk.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(Array(onChk.length).fill('NOT_FOUND'));
    const onPlatPage = ok(
      await as(sandbox, USERS.priya).project('project/outcome', {
        projectKey: 'PLAT',
        outcomeId: outcome.id,
      }),
    );
    expect(onPlatPage.row.title).toBe(outcome.title);
    expect(onPlatPage.kpis.map((k) => k.history)).toEqual([[]]);
    // Dev administers PLAT and cannot browse CHK: of a CHK outcome he learns nothing, not even that it exists.
    const chk = ok(await alice()('outcomes/create', { draft: buildDraft() }));
    const byDev = failure(
      await as(sandbox, USERS.dev).settings('PLAT')('outcomes/delete-preview', { id: chk.id }),
    );
    expect(byDev.code).toBe('NOT_FOUND');

    const stored = ok(await alice()('outcomes/get', { id: outcome.id }));
    expect(stored.outcome).toMatchObject({ title: outcome.title, version: outcome.version });
    expect(stored.kpis).toEqual([
      expect.objectContaining({ name: kpi.name, version: kpi.version, current: null }),
    ]);
  });

  it('refuses to move an outcome into a project the project admin does not administer', async () => {
    const priya = as(sandbox, USERS.priya).settings('CHK');
    const outcome = ok(await priya('outcomes/create', { draft: buildDraft() }));
    const moved = failure(
      await priya('outcomes/update', {
        id: outcome.id,
        expectedVersion: outcome.version,
        draft: buildDraft({ projectKeys: ['CHK', 'PLAT'] }),
      }),
    );
    expect(moved.code).toBe('FORBIDDEN');
    expect(moved.message).toMatch(/projects you administer/);
    expect(ok(await priya('outcomes/get', { id: outcome.id })).outcome.projectKeys).toEqual(['CHK']);
  });

  it('turns away someone who administers no project from export and the JQL check', async () => {
    const evan = as(sandbox, USERS.evan).settings('CHK');
    expect(failure(await evan('transfer/export', {})).code).toBe('FORBIDDEN');
    expect(failure(await evan('jql/check', { jql: 'project = CHK' })).code).toBe('FORBIDDEN');
  });

  it('refuses deletes made from a stale version, naming who saved since, and deletes nothing', async () => {
    const outcome = ok(await alice()('outcomes/create', { draft: buildDraft() }));
    const business = ok(await alice()('kpis/create', { draft: buildKpi(outcome.id) })).kpis[0];
    if (!business) throw new Error('set-up failed');
    const priya = as(sandbox, USERS.priya).settings('CHK');
    const renamed = ok(
      await priya('outcomes/update', {
        id: outcome.id,
        expectedVersion: outcome.version,
        draft: buildDraft({ title: 'Renamed by Priya' }),
      }),
    );
    ok(
      await priya('kpis/update', {
        id: business.id,
        expectedVersion: business.version,
        draft: buildKpi(outcome.id, { name: 'Abandoned carts' }),
      }),
    );
    const staleKpi = failure(
      await alice()('kpis/delete', { id: business.id, expectedVersion: business.version }),
    );
    expect(staleKpi.code).toBe('CONFLICT');
    expect(staleKpi.message).toMatch(/^Priya Project-Admin saved this KPI at /);
    const staleOutcome = failure(
      await alice()('outcomes/delete', {
        id: outcome.id,
        expectedVersion: outcome.version,
        confirmedLinkedTickets: 0,
      }),
    );
    expect(staleOutcome.code).toBe('CONFLICT');
    expect(staleOutcome.conflict).toMatchObject({ changedBy: USERS.priya, currentVersion: renamed.version });
    const stored = ok(await alice()('outcomes/get', { id: outcome.id }));
    expect(stored.outcome.title).toBe('Renamed by Priya');
    expect(stored.kpis.map((k) => k.name)).toEqual(['Abandoned carts']);
  });
});

describe('an outcome over its life', () => {
  let sandbox: Sandbox;
  const alice = () => as(sandbox, USERS.alice).admin;
  beforeEach(async () => {
    sandbox = await testSandbox();
  });

  /** Deletes the outcome as the admin page does (preview, then confirm its count); returns the count. */
  async function deleteConfirmed(outcome: { id: string; version: number }): Promise<number> {
    const { linkedTickets } = ok(await alice()('outcomes/delete-preview', { id: outcome.id }));
    ok(
      await alice()('outcomes/delete', {
        id: outcome.id,
        expectedVersion: outcome.version,
        confirmedLinkedTickets: linkedTickets,
      }),
    );
    await sandbox.settle();
    return linkedTickets;
  }

  it('marks its KPIs as drafts when new dates make them miss the time-bound check, and clears the mark again', async () => {
    const outcome = ok(await alice()('outcomes/create', { draft: buildDraft() }));
    ok(await alice()('kpis/create', { draft: buildKpi(outcome.id) }));
    ok(await alice()('kpis/create', { draft: buildTechnicalKpi(outcome.id, { dueDate: '2026-08-31' }) }));
    const drafts = async () =>
      Object.fromEntries(
        ok(await alice()('outcomes/get', { id: outcome.id })).kpis.map((k) => [k.name, k.isDraft]),
      );
    expect(await drafts()).toEqual({
      'Checkout abandonment rate': false,
      'Checkout API availability': false,
    });

    // Due at the end of August now: the business KPI, due 30 September, falls outside the outcome. The
    // save says so unless the admin confirms it (see outcome-dates.test.ts), and names it in its reply.
    const business = ok(await alice()('outcomes/get', { id: outcome.id })).kpis.find(
      (k) => k.name === 'Checkout abandonment rate',
    );
    const earlier = ok(
      await alice()('outcomes/update', {
        id: outcome.id,
        expectedVersion: outcome.version,
        draft: buildDraft({ dueDate: '2026-08-31' }),
        confirmUnpublish: [business?.id ?? ''],
      }),
    );
    expect(earlier.kpiChanges.unpublished.map((k) => k.name)).toEqual(['Checkout abandonment rate']);
    expect(await drafts()).toEqual({ 'Checkout abandonment rate': true, 'Checkout API availability': false });
    const listed = ok(await alice()('admin/load', {})).outcomes.find((o) => o.id === outcome.id);
    expect(listed?.draftKpiCount).toBe(1);

    const widened = ok(
      await alice()('outcomes/update', {
        id: outcome.id,
        expectedVersion: earlier.version,
        draft: buildDraft(),
      }),
    );
    expect(widened.kpiChanges.republished.map((k) => k.name)).toEqual(['Checkout abandonment rate']);
    expect(await drafts()).toEqual({
      'Checkout abandonment rate': false,
      'Checkout API availability': false,
    });
  });

  it('takes no check-in for a KPI counted from Jira: its value comes from the refresh', async () => {
    const outcome = ok(await alice()('outcomes/create', { draft: buildDraft() }));
    const counted = ok(
      await alice()('kpis/create', {
        draft: buildKpi(outcome.id, {
          name: 'Open checkout bugs',
          unit: 'count',
          baseline: 40,
          target: 10,
          source: { type: 'jql-count', jql: 'project = CHK AND issuetype = Bug' },
        }),
      }),
    ).kpis[0];
    if (!counted) throw new Error('set-up failed');
    const refused = failure(
      await alice()('kpis/check-in', {
        kpiId: counted.id,
        value: 3,
        confidence: 'high',
        note: 'typed by hand',
      }),
    );
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.fieldErrors).toEqual([{ path: 'value', message: expect.stringMatching(/refresh it/) }]);
    const history = ok(await alice()('kpis/history', { id: counted.id })).checkIns;
    expect(history.map((c) => c.note)).not.toContain('typed by hand');
    expect(ok(await alice()('outcomes/get', { id: outcome.id })).kpis[0]?.current).toBe(counted.current);
  });

  it('leaves nothing of itself in storage once deleted: rollup, ticket entries, trend, rules and KPIs go too', async () => {
    const outcome = ok(await alice()('outcomes/create', { draft: buildDraft() }));
    ok(await alice()('kpis/create', { draft: buildKpi(outcome.id) }));
    ok(await alice()('rules/create', { draft: { outcomeId: outcome.id, jql: 'issuetype = Bug' } }));
    const panel = as(sandbox, USERS.evan).panel;
    const linked = issueKeys(sandbox.jira.state, 'CHK', 'new').slice(0, 3);
    for (const issueKey of linked) ok(await panel('links/add', { issueKey, outcomeId: outcome.id }));
    await sandbox.settle();
    // The admin deletes it later, once Jira's search has the links: the confirmation counts them by search.
    await searchCaughtUp(sandbox);
    // The rollup and its per-ticket entries exist before the delete, so the test can see them go.
    expect(recordsMentioning(sandbox, outcome.id)).toBeGreaterThan(linked.length);

    expect(await deleteConfirmed(outcome)).toBeGreaterThanOrEqual(linked.length);
    expect(recordsMentioning(sandbox, outcome.id)).toBe(0);
    expect(ok(await alice()('rules/list', {})).rules).toEqual([]);
  });

  it('writes nothing back for a deleted outcome when a late event reaches one of its tickets', async () => {
    const outcome = ok(await alice()('outcomes/create', { draft: buildDraft() }));
    const [issueKey] = issueKeys(sandbox.jira.state, 'CHK', 'new');
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: issueKey ?? '', outcomeId: outcome.id }));
    await sandbox.settle();
    await deleteConfirmed(outcome);
    expect(recordsMentioning(sandbox, outcome.id)).toBe(0);
    // An entry a late writer left after the clean-up (written here as it would have been), then the
    // ticket's next event: the entry goes, and no rollup of the deleted outcome comes back.
    const issue = sandbox.jira.getIssue(issueKey ?? '');
    if (!issue) throw new Error('set-up failed');
    await writeEntry(outcome.id, issue);
    await refreshTicketRollups(issueKey ?? '', FIXED_NOW);
    expect(recordsMentioning(sandbox, outcome.id)).toBe(0);
  });

  it('leaves an outcome imported again under the same id alone when the clean-up of its deletion runs late', async () => {
    const outcome = ok(await alice()('outcomes/create', { draft: buildDraft() }));
    const [issueKey] = issueKeys(sandbox.jira.state, 'CHK', 'new');
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: issueKey ?? '', outcomeId: outcome.id }));
    await sandbox.settle();
    const before = recordsMentioning(sandbox, outcome.id);
    await forgetOutcome({ type: 'forget-outcome', outcomeId: outcome.id }, () => 60_000);
    expect(recordsMentioning(sandbox, outcome.id)).toBe(before);
  });
});
