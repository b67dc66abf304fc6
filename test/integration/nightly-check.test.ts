import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { LINKS_PROPERTY_KEY } from '../../src/domain/links';
import { NIGHTLY_FULL_PASS_TICKETS } from '../../src/domain/nightly-plan';
import { getReconcileState } from '../../src/platform/storage/reconcile-repository';
import { entriesOf } from '../../src/platform/storage/rollup-repository';
import { buildDraft } from '../builders/outcome-draft';
import { withCopiesOf } from '../builders/site';
import { issuesServing, lastUpdatedDaysAgo } from '../support/jira-state';
import { as, ok, testSandbox, USERS } from '../support/sandbox';
import { importFile } from '../support/transfer';

/**
 * The nightly check on a site larger than a night's full pass: every night each outcome's changed tickets
 * are checked, and a full pass larger than the night's share parks and goes on the next night. The site:
 * the demo's CHK, with more tickets than one night's share copied from a ticket the app linked itself
 * (written straight into the emulated site, as links written past the app), created a minute apart.
 */
const EXTRA = NIGHTLY_FULL_PASS_TICKETS + 300;
const DAY_MS = 24 * 60 * 60_000;

async function bigSite() {
  const first = await testSandbox();
  const alice = as(first, USERS.alice);
  const outcomeId = ok(
    await alice.admin('outcomes/create', { draft: buildDraft({ projectKeys: ['CHK'] }) }),
  ).id;
  const state = first.jira.state;
  const standard = new Set(state.issueTypes.filter((t) => t.hierarchyLevel === 0).map((t) => t.id));
  const open = new Set(state.statuses.filter((s) => s.category === 'new').map((s) => s.id));
  const template = state.issues.find(
    (i) =>
      i.key.startsWith('CHK-') && standard.has(i.issueTypeId) && i.parentId === null && open.has(i.statusId),
  );
  if (!template) throw new Error('no open CHK story, task or bug');
  ok(await alice.panel('links/add', { issueKey: template.key, outcomeId }));
  await first.settle();
  const exported = ok(await alice.admin('transfer/export', {}));
  const file = { ...exported, outcomes: exported.outcomes.filter((o) => o.id === outcomeId), rules: [] };
  // Copies carry the template's links property (as the app wrote it), created a minute apart long ago.
  const site = withCopiesOf(first.jira.toJSON(), template.key, EXTRA);
  const start = Date.now() - 300 * DAY_MS;
  site.issues
    .filter((i) => i.summary.startsWith('Load test ticket '))
    .forEach((issue, n) => {
      issue.created = new Date(start + n * 60_000).toISOString();
      issue.updated = issue.created;
    });
  const sandbox = await testSandbox({ site });
  // The outcome comes back with its id, and is recounted from the tickets that carry it.
  const { reply } = await importFile(as(sandbox, USERS.alice).admin, file);
  ok(reply);
  await sandbox.settle();
  return { sandbox, outcomeId };
}

/** The outcome's ticket counts by status, as the project page shows them, and as Jira has them. */
async function figures(sandbox: Sandbox, outcomeId: string) {
  const row = ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' })).outcomes.find(
    (o) => o.id === outcomeId,
  );
  const state = sandbox.jira.state;
  const serving = issuesServing(state, outcomeId, null, { counted: true }).issues;
  const category = (statusId: string) => state.statuses.find((s) => s.id === statusId)?.category;
  return {
    shown: row?.figures.tickets,
    truth: {
      total: serving.length,
      done: serving.filter((i) => category(i.statusId) === 'done').length,
    },
    reconciledAt: row?.reconciledAt ?? null,
  };
}

const night = async (sandbox: Sandbox) => {
  await sandbox.runScheduled('reconcile-schedule');
  await sandbox.settle();
};

describe('the nightly check on a site larger than a night’s full pass', () => {
  it('corrects changed tickets every night, parks the full pass and its sweep at the night’s share and finishes them on later nights', async () => {
    const { sandbox, outcomeId } = await bigSite();
    // The import's recount read it whole.
    const first = await figures(sandbox, outcomeId);
    expect(first.shown?.total).toBe(first.truth.total);
    expect(first.shown?.done).toBe(first.truth.done);
    expect(first.truth.total).toBeGreaterThan(NIGHTLY_FULL_PASS_TICKETS);
    expect(first.reconciledAt).not.toBeNull();

    // Nothing changed for days, then two changes the app never heard of, both on the oldest tickets (which a
    // pass reads last): one changes a field (so Jira moves `updated`), one removes the links property past
    // the app (which leaves `updated` alone).
    lastUpdatedDaysAgo(sandbox.jira.state, 3);
    const copies = sandbox.jira.state.issues.filter((i) => i.summary.startsWith('Load test ticket '));
    const [changed, unlinked] = copies;
    const done = sandbox.jira.state.statuses.find((s) => s.category === 'done');
    if (!changed || !unlinked || !done) throw new Error('set-up needs two copied tickets and a done status');
    changed.statusId = done.id;
    changed.resolutiondate = new Date().toISOString();
    changed.updated = new Date().toISOString();
    delete unlinked.properties[LINKS_PROPERTY_KEY];

    // Night 1: the changes check finds the field change; the full pass stops at its share, before the
    // oldest tickets, so the unlinked one still counts.
    await night(sandbox);
    const second = await figures(sandbox, outcomeId);
    expect(second.shown?.done).toBe(second.truth.done);
    expect(second.shown?.total).toBe(second.truth.total + 1);
    expect((await entriesOf(outcomeId, [unlinked.id])).size).toBe(1);
    const parked = await getReconcileState(outcomeId);
    expect(parked?.parked).toBe(true);
    expect(parked?.createdBefore).not.toBeNull();

    // Night 2: the pass reads the rest from where it parked. Spread over two nights, its own count cannot
    // say whether a stored entry lost its ticket, so it sweeps the entries, within what is left of the
    // share, and parks again part way.
    await night(sandbox);
    const sweeping = await getReconcileState(outcomeId);
    expect(sweeping?.phase).toBe('sweep');
    expect(sweeping?.parked).toBe(true);

    // Night 3: the sweep ends; the unlinked ticket's entry is gone.
    await night(sandbox);
    const third = await figures(sandbox, outcomeId);
    expect(third.shown?.total).toBe(third.truth.total);
    expect(third.shown?.done).toBe(third.truth.done);
    expect((await entriesOf(outcomeId, [unlinked.id])).size).toBe(0);
    expect(await getReconcileState(outcomeId)).toBeNull();
    expect(Date.parse(third.reconciledAt ?? '')).toBeGreaterThan(Date.parse(first.reconciledAt ?? ''));
  }, 60_000);
});
