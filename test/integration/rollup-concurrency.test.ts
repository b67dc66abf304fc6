import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { emptyTotals, type RollupTotals } from '../../src/domain/rollup';
import { entriesOf, getRollup, sumOfEntries } from '../../src/platform/storage/rollup-repository';
import { refreshTicketRollups } from '../../src/use-cases/rollup-maintenance';
import { buildDraft } from '../builders/outcome-draft';
import { issuesServing } from '../support/jira-state';
import { as, FIXED_NOW, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';
import { injectStrayEntry } from '../support/stray-entry';

/** The calendar day `offset` days from today (UTC), as the resolvers see today. */
function daysFromToday(offset: number): string {
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  return new Date(day.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Tickets by status category of what a default rollup counts, straight from the emulated site. */
function counted(sandbox: Sandbox, outcomeId: string): RollupTotals['tickets'] {
  const state = sandbox.jira.state;
  const tickets = { ...emptyTotals().tickets };
  for (const issue of issuesServing(state, outcomeId, null, { counted: true }).issues) {
    const category = state.statuses.find((s) => s.id === issue.statusId)?.category ?? 'new';
    tickets[category as keyof typeof tickets]++;
  }
  return tickets;
}

/** Changes a ticket's status as a missed event would leave it: Jira changed, no trigger fired. */
function changeSilently(sandbox: Sandbox, key: string, category: 'new' | 'indeterminate' | 'done') {
  const issue = sandbox.jira.getIssue(key);
  const status = sandbox.jira.state.statuses.find((s) => s.category === category);
  if (!issue || !status) throw new Error(`No ${key} or no ${category} status`);
  issue.statusId = status.id;
}

const categoryOf = (sandbox: Sandbox, key: string) => {
  const issue = sandbox.jira.getIssue(key);
  return sandbox.jira.state.statuses.find((s) => s.id === issue?.statusId)?.category;
};

/** A CHK outcome with every story, task and bug of CHK bulk-linked to it: more than a page of tickets. */
async function bulkLinkedOutcome(sandbox: Sandbox): Promise<string> {
  const outcomeId = ok(
    await as(sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft({ projectKeys: ['CHK'] }) }),
  ).id;
  ok(
    await as(sandbox, USERS.evan).project('links/bulk', {
      projectKey: 'CHK',
      outcomeId,
      target: { jql: 'issuetype in (Story, Task, Bug)' },
    }),
  );
  await sandbox.settle();
  return outcomeId;
}

async function setUp(sandbox: Sandbox) {
  const outcomeId = ok(
    await as(sandbox, USERS.alice).admin('outcomes/create', {
      draft: buildDraft({ startDate: daysFromToday(-100), dueDate: daysFromToday(100) }),
    }),
  ).id;
  const state = sandbox.jira.state;
  const epic = state.issues.find((i) => {
    const type = state.issueTypes.find((t) => t.id === i.issueTypeId);
    return type?.hierarchyLevel === 1 && state.issues.filter((c) => c.parentId === i.id).length >= 3;
  });
  ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: epic?.key ?? '', outcomeId }));
  await sandbox.settle();
  // The nightly checks below run once Jira's search has the links (it lags behind writes by seconds); the
  // live updates the tests make meanwhile still reach it late.
  await searchCaughtUp(sandbox);
  return outcomeId;
}

describe('live rollup updates running at the same time', () => {
  let sandbox: Sandbox;
  let outcomeId: string;

  beforeAll(async () => {
    sandbox = await testSandbox();
    outcomeId = await setUp(sandbox);
  });

  /** The stored totals equal both the sum of the stored entries and an independent count of Jira. */
  async function expectConsistent() {
    const rollup = await getRollup(outcomeId);
    const { totals } = await sumOfEntries(outcomeId);
    expect(rollup?.totals).toEqual(totals);
    expect(rollup?.totals.tickets).toEqual(counted(sandbox, outcomeId));
    for (const n of Object.values(rollup?.totals.tickets ?? {})) expect(n).toBeGreaterThanOrEqual(0);
  }

  it('agree with a full recompute when the same ticket is refreshed several times at once', async () => {
    await expectConsistent();
    const ticket = issuesServing(sandbox.jira.state, outcomeId, null, { counted: true }).issues.find(
      (i) => categoryOf(sandbox, i.key) !== 'done',
    );
    const key = ticket?.key ?? '';
    changeSilently(sandbox, key, 'done');
    await Promise.all([
      refreshTicketRollups(key, FIXED_NOW),
      refreshTicketRollups(key, FIXED_NOW),
      refreshTicketRollups(key, FIXED_NOW),
    ]);
    await expectConsistent();

    changeSilently(sandbox, key, 'indeterminate');
    await Promise.all([refreshTicketRollups(key, FIXED_NOW), refreshTicketRollups(key, FIXED_NOW)]);
    await expectConsistent();
  });

  it('agree with a full recompute when different tickets of one outcome are refreshed at once', async () => {
    const tickets = issuesServing(sandbox.jira.state, outcomeId, null, { counted: true }).issues.slice(0, 4);
    expect(tickets.length).toBe(4);
    const categories = ['done', 'new', 'indeterminate', 'done'] as const;
    tickets.forEach((t, i) => {
      const wanted = categories[i] ?? 'done';
      changeSilently(sandbox, t.key, wanted === categoryOf(sandbox, t.key) ? 'new' : wanted);
    });
    // Each ticket twice, all interleaved: the same ticket's and different tickets' writes race.
    await Promise.all([...tickets, ...tickets].map((t) => refreshTicketRollups(t.key, FIXED_NOW)));
    await expectConsistent();
  });

  it('a reconciliation afterwards finds nothing to correct', async () => {
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    const row = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    expect(row?.lastDrift?.corrected).toBe(0);
    await expectConsistent();
  });
});

describe('what a reconciliation says it corrected', () => {
  let sandbox: Sandbox;
  let outcomeId: string;

  beforeAll(async () => {
    sandbox = await testSandbox();
    outcomeId = await setUp(sandbox);
  });

  const reconcile = async () => {
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    return ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' })).outcomes.find(
      (o) => o.id === outcomeId,
    );
  };

  it('counts a ticket whose status changed unseen once', async () => {
    const ticket = issuesServing(sandbox.jira.state, outcomeId, null, { counted: true }).issues[0];
    changeSilently(
      sandbox,
      ticket?.key ?? '',
      categoryOf(sandbox, ticket?.key ?? '') === 'done' ? 'new' : 'done',
    );
    const row = await reconcile();
    expect(row?.figures.tickets).toMatchObject({ total: expect.any(Number) });
    expect(row?.lastDrift?.corrected).toBe(1);
  });

  it('counts a ticket whose due date changed unseen, though no count by status moved', async () => {
    const ticket = issuesServing(sandbox.jira.state, outcomeId, null, { counted: true }).issues.find(
      (i) => categoryOf(sandbox, i.key) !== 'done',
    );
    const issue = sandbox.jira.getIssue(ticket?.key ?? '');
    if (!issue) throw new Error('no open ticket');
    issue.duedate = issue.duedate === '2020-01-01' ? '2020-01-02' : '2020-01-01';
    const row = await reconcile();
    expect(row?.lastDrift?.corrected).toBe(1);
    expect(row?.figures.overdue).toBeGreaterThanOrEqual(1);
  });
});

describe('a reconciliation spread over several events while tickets change', () => {
  it('keeps the live updates made during the run: totals equal the entries and Jira at the end', async () => {
    // Consumers get less than the reconciliation's 15 s safety margin: each event reads one page.
    const sandbox = await testSandbox({ consumerTimeoutMs: 10_000 });
    const outcomeId = await bulkLinkedOutcome(sandbox);
    expect(issuesServing(sandbox.jira.state, outcomeId, null).linked).toBeGreaterThan(100);

    // After the run's first page, a ticket on that page changes (and its trigger runs) before the run ends.
    const original = sandbox.jira.handle.bind(sandbox.jira);
    let changed: string | null = null;
    sandbox.jira.handle = async (req, principal) => {
      const reply = await original(req, principal);
      if (changed === null && req.url.includes('/search/jql') && String(req.body).includes(outcomeId)) {
        const page = JSON.parse(String(reply.body)) as { issues: { key: string }[] };
        const key = page.issues.find((i) => categoryOf(sandbox, i.key) !== 'done')?.key;
        if (key) {
          changed = key;
          sandbox.jira.updateIssue(key, { status: 'Done' }, USERS.evan);
        }
      }
      return reply;
    };
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    sandbox.jira.handle = original;

    expect(changed).not.toBeNull();
    expect(categoryOf(sandbox, changed ?? '')).toBe('done');
    const rollup = await getRollup(outcomeId);
    expect(rollup?.totals).toEqual((await sumOfEntries(outcomeId)).totals);
    expect(rollup?.totals.tickets).toEqual(counted(sandbox, outcomeId));
    expect(rollup?.reconciledAt).not.toBeNull();
  });
});

describe('the sweep for entries of tickets that left the outcome', () => {
  it("follows the pages of Jira's answer, so serving tickets beyond the first page keep their entries", async () => {
    const sandbox = await testSandbox();
    const outcomeId = await bulkLinkedOutcome(sandbox);
    const stray = await injectStrayEntry(sandbox, outcomeId);

    // Jira may answer the sweep's id search in pages smaller than asked for.
    const original = sandbox.jira.handle.bind(sandbox.jira);
    let smallPages = 0;
    sandbox.jira.handle = (req, principal) => {
      if (req.url.includes('/search/jql') && String(req.body).includes('id in (')) {
        smallPages++;
        return original(
          { ...req, body: JSON.stringify({ ...JSON.parse(String(req.body)), maxResults: 40 }) },
          principal,
        );
      }
      return original(req, principal);
    };
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    sandbox.jira.handle = original;

    const serving = issuesServing(sandbox.jira.state, outcomeId, null).issues;
    expect(serving.length).toBeGreaterThan(40);
    expect(smallPages).toBeGreaterThan(1);
    expect((await entriesOf(outcomeId, [stray?.id ?? ''])).size).toBe(0);
    expect(
      (
        await entriesOf(
          outcomeId,
          serving.map((i) => i.id),
        )
      ).size,
    ).toBe(serving.length);
    expect((await getRollup(outcomeId))?.totals.tickets).toEqual(counted(sandbox, outcomeId));
    const row = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    expect(row?.lastDrift?.corrected).toBe(1);
  });
});

describe('a reconciliation while tickets change live', () => {
  it('corrects unseen drift on a page even when another ticket of it is updated live meanwhile', async () => {
    const sandbox = await testSandbox();
    const outcomeId = await setUp(sandbox);
    const serving = issuesServing(sandbox.jira.state, outcomeId, null, { counted: true }).issues;
    const open = serving.filter((i) => categoryOf(sandbox, i.key) !== 'done');
    const [missed, live] = open;
    if (!missed || !live) throw new Error('set-up needs two open tickets');
    // One change nobody was told about; another made, and counted live, just after the run read its page.
    changeSilently(sandbox, missed.key, 'done');
    const answer = sandbox.jira.handle.bind(sandbox.jira);
    let raced = false;
    // No real part can time a change between Jira's answer and the run's next step: the test wraps the
    // emulated Jira's handler to make it there.
    sandbox.jira.handle = async (request, principal) => {
      const reply = await answer(request, principal);
      const body = String(request.body);
      if (
        !raced &&
        request.url.includes('/search/jql') &&
        body.includes(outcomeId) &&
        !body.includes('id in (')
      ) {
        raced = true;
        changeSilently(sandbox, live.key, 'done');
        await refreshTicketRollups(live.key, FIXED_NOW);
      }
      return reply;
    };
    try {
      await sandbox.runScheduled('reconcile-schedule');
      await sandbox.settle();
    } finally {
      sandbox.jira.handle = answer;
    }
    expect(raced).toBe(true);
    const rollup = await getRollup(outcomeId);
    expect(rollup?.totals.tickets).toEqual(counted(sandbox, outcomeId));
    expect(rollup?.totals).toEqual((await sumOfEntries(outcomeId)).totals);
    expect(rollup?.lastDrift?.corrected).toBe(1);
  });

  it('finishes on an outcome so busy that every sum of its entries is overtaken by a live update', async () => {
    const sandbox = await testSandbox();
    const outcomeId = await setUp(sandbox);
    const [busy] = issuesServing(sandbox.jira.state, outcomeId, null, { counted: true }).issues;
    if (!busy) throw new Error('set-up needs a ticket');
    // Every read of the outcome's entries (the final sum) is followed by a live update of one ticket,
    // flipping its status, as a busy team would. The test wraps the emulated store's handler to time it;
    // it stops after 40 updates so a run that never finishes fails instead of hanging.
    const store = sandbox.kvs;
    const handle = store.handle.bind(store);
    let updates = 0;
    let updating = false;
    store.handle = async (path, body) => {
      const reply = await handle(path, body);
      const query = body as { entityName?: string; indexName?: string; partition?: unknown[] };
      if (
        !updating &&
        updates < 40 &&
        path.endsWith('/entity/query') &&
        query.entityName === 'rollup-entry' &&
        query.indexName === 'by-outcome'
      ) {
        updating = true;
        updates++;
        changeSilently(sandbox, busy.key, categoryOf(sandbox, busy.key) === 'done' ? 'new' : 'done');
        await refreshTicketRollups(busy.key, FIXED_NOW);
        updating = false;
      }
      return reply;
    };
    try {
      await sandbox.runScheduled('reconcile-schedule');
      await sandbox.settle();
    } finally {
      store.handle = handle;
    }
    expect(updates).toBeGreaterThan(1);
    expect(updates).toBeLessThan(40);
    const rollup = await getRollup(outcomeId);
    expect(rollup?.reconciledAt).not.toBeNull();
    expect(rollup?.totals.tickets).toEqual(counted(sandbox, outcomeId));
    expect(rollup?.totals).toEqual((await sumOfEntries(outcomeId)).totals);
  });
});
