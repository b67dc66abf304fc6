import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { buildDraft } from '../builders/outcome-draft';
import { issueKeys, issuesServing, linksPropertyOf } from '../support/jira-state';
import { as, failure, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';

// The thin slice through every layer: an admin creates an outcome, someone links a ticket from the
// issue panel, and the project page counts it. Real resolvers, real Forge SDKs, emulated platform.
// Each test starts from its own site and takes the slice as far as it needs with the steps below.
describe('one outcome end to end', () => {
  let sandbox: Sandbox;
  const keys = { done: '', open: '', other: '' };

  beforeEach(async () => {
    sandbox = await testSandbox();
    const state = sandbox.jira.state;
    keys.done = issueKeys(state, 'CHK', 'done')[0] as string;
    keys.open = issueKeys(state, 'CHK', 'new')[0] as string;
    keys.other = issueKeys(state, 'CHK', 'indeterminate')[0] as string;
  });

  /** The admin creates the outcome of `buildDraft`. */
  const createOutcome = async () =>
    ok(await as(sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft() }));
  /** An editor links an open and a done ticket to it from their panels, and the rollups catch up. */
  const linkTickets = async (outcomeId: string) => {
    for (const issueKey of [keys.open, keys.done]) {
      ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey, outcomeId }));
    }
    await sandbox.settle();
  };

  it('lets a Jira admin create an outcome, which the admin page then lists', async () => {
    const created = await createOutcome();
    expect(created).toMatchObject({
      title: 'Lift repeat purchases by 10%',
      projectKeys: ['CHK'],
      version: 1,
    });
    expect(created.businessOwner?.displayName).toBe('Priya Project-Admin');
    expect(created.id).toMatch(/^o-[0-9a-f]{10}$/);
    const outcomeId = created.id;
    const page = ok(await as(sandbox, USERS.alice).admin('admin/load', {}));
    expect(page.isJiraAdmin).toBe(true);
    expect(page.outcomes.map((o) => o.id)).toContain(outcomeId);
    expect(page.outcomes.find((o) => o.id === outcomeId)?.canManage).toBe(true);
  });

  it('shows the new outcome on the project page with nothing linked yet', async () => {
    const outcomeId = (await createOutcome()).id;
    const page = ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    const row = page.outcomes.find((o) => o.id === outcomeId);
    expect(row).toMatchObject({ linkedCount: 0, doneCount: 0 });
  });

  it('shows an empty, linkable panel to an editor and lets them link tickets', async () => {
    const outcomeId = (await createOutcome()).id;
    const editor = as(sandbox, USERS.evan);
    const empty = ok(await editor.panel('panel/load', { issueKey: keys.open }));
    expect(empty).toMatchObject({ canEdit: true, links: [] });
    const candidates = ok(await editor.panel('links/candidates', { issueKey: keys.open, query: 'repeat' }));
    expect(candidates.outcomes.map((o) => o.id)).toEqual([outcomeId]);

    const linked = ok(await editor.panel('links/add', { issueKey: keys.open, outcomeId }));
    expect(linked.links).toEqual([
      expect.objectContaining({
        outcomeId,
        source: 'own',
        outcome: expect.objectContaining({ title: buildDraft().title }),
      }),
    ]);
    ok(await editor.panel('links/add', { issueKey: keys.done, outcomeId }));
    // Linking twice changes nothing.
    ok(await editor.panel('links/add', { issueKey: keys.done, outcomeId }));
    expect(linksPropertyOf(sandbox.jira.state, keys.done)).toMatchObject({
      ownOutcomeIds: [outcomeId],
      effectiveOutcomeIds: [outcomeId],
      linkCount: 1,
    });
  });

  it('counts linked and done tickets on the project page, matching an independent count of the site', async () => {
    const outcomeId = (await createOutcome()).id;
    await linkTickets(outcomeId);
    // Rollups are kept current in the background, within moments of a change.
    await sandbox.settle();
    const page = ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    const row = page.outcomes.find((o) => o.id === outcomeId);
    const expected = issuesServing(sandbox.jira.state, outcomeId, null, { counted: true });
    expect(expected.linked).toBeGreaterThanOrEqual(2);
    expect(expected.done).toBeGreaterThanOrEqual(1);
    expect(row).toMatchObject({ linkedCount: expected.linked, doneCount: expected.done });
  });

  it('makes the link searchable with JQL, by property path and by alias', async () => {
    const outcomeId = (await createOutcome()).id;
    await linkTickets(outcomeId);
    // The test searches as a person would: once Jira's index has the links (search lags behind writes).
    await searchCaughtUp(sandbox);
    for (const jql of [
      `outcome = "${outcomeId}"`,
      `issue.property[outcome-bridge-links].effectiveOutcomeIds = "${outcomeId}"`,
    ]) {
      const reply = await sandbox.jira.handle(
        { method: 'POST', url: '/rest/api/3/search/jql', body: JSON.stringify({ jql, fields: ['key'] }) },
        { type: 'app' },
      );
      const keysFound = (JSON.parse(reply.body) as { issues: { key: string }[] }).issues
        .map((i) => i.key)
        .sort();
      // The two linked tickets and everything below them, which inherits the outcome.
      const serving = issuesServing(sandbox.jira.state, outcomeId, null)
        .issues.map((i) => i.key)
        .sort();
      expect(keysFound).toEqual(serving);
      expect(keysFound).toEqual(expect.arrayContaining([keys.done, keys.open]));
    }
  });

  it('shows a read-only user the links but refuses their link and writes nothing', async () => {
    const outcomeId = (await createOutcome()).id;
    await linkTickets(outcomeId);
    const viewer = as(sandbox, USERS.rita);
    const panel = ok(await viewer.panel('panel/load', { issueKey: keys.open }));
    expect(panel.canEdit).toBe(false);
    expect(panel.links).toHaveLength(1);
    const before = JSON.stringify(linksPropertyOf(sandbox.jira.state, keys.other) ?? null);
    const refused = failure(await viewer.panel('links/add', { issueKey: keys.other, outcomeId }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/can't edit/);
    expect(JSON.stringify(linksPropertyOf(sandbox.jira.state, keys.other) ?? null)).toBe(before);
  });

  it('tells someone who cannot browse the project nothing about it', async () => {
    const outsider = as(sandbox, USERS.oscar);
    const panel = failure(await outsider.panel('panel/load', { issueKey: keys.open }));
    expect(panel).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Issue does not exist or you do not have permission to see it.',
    });
    expect(failure(await outsider.project('project/load', { projectKey: 'CHK' })).code).toBe('NOT_FOUND');
    // The same answer as for an issue that does not exist at all.
    expect(failure(await outsider.panel('panel/load', { issueKey: 'CHK-99999' })).message).toBe(
      panel.message,
    );
  });

  it('refuses to save an outcome someone else changed since it was loaded, naming them', async () => {
    const { id: outcomeId, version } = await createOutcome();
    const saved = ok(
      await as(sandbox, USERS.priya).settings('CHK')('outcomes/update', {
        id: outcomeId,
        expectedVersion: version,
        draft: buildDraft({ title: 'Lift repeat purchases by 12%' }),
      }),
    );
    expect(saved.version).toBe(version + 1);
    const stale = failure(
      await as(sandbox, USERS.alice).admin('outcomes/update', {
        id: outcomeId,
        expectedVersion: version,
        draft: buildDraft({ title: 'My older edit' }),
      }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.conflict).toMatchObject({
      changedBy: USERS.priya,
      changedByName: 'Priya Project-Admin',
      currentVersion: version + 1,
      changedAt: saved.updatedAt,
    });
    // Who and when, in words every caller reads the same way.
    const when = `${saved.updatedAt.slice(0, 10)} ${saved.updatedAt.slice(11, 16)} UTC`;
    expect(stale.message).toContain(`Priya Project-Admin saved this outcome at ${when}`);
    const page = ok(await as(sandbox, USERS.alice).admin('admin/load', {}));
    expect(page.outcomes.find((o) => o.id === outcomeId)?.title).toBe('Lift repeat purchases by 12%');
  });

  it('after deletion, shows "outcome removed" in the panel and lets an editor clear it', async () => {
    const { id: outcomeId, version } = await createOutcome();
    await linkTickets(outcomeId);
    // The admin deletes it later, when Jira's search has the links: the preview counts them by search.
    await searchCaughtUp(sandbox);
    const preview = ok(await as(sandbox, USERS.alice).admin('outcomes/delete-preview', { id: outcomeId }));
    expect(preview).toEqual({
      linkedTickets: issuesServing(sandbox.jira.state, outcomeId, 'CHK').linked,
      kpis: 0,
      children: 0,
    });
    const unconfirmed = failure(
      await as(sandbox, USERS.alice).admin('outcomes/delete', { id: outcomeId, expectedVersion: version }),
    );
    const serving = issuesServing(sandbox.jira.state, outcomeId, null).linked;
    expect(unconfirmed.message).toMatch(new RegExp(`changed to ${serving}\\.`));
    expect(unconfirmed.fieldErrors[0]?.message).toMatch(new RegExp(`${serving} tickets are linked`));
    ok(
      await as(sandbox, USERS.alice).admin('outcomes/delete', {
        id: outcomeId,
        expectedVersion: version,
        confirmedLinkedTickets: preview.linkedTickets,
      }),
    );
    const panel = ok(await as(sandbox, USERS.evan).panel('panel/load', { issueKey: keys.open }));
    expect(panel.links).toEqual([
      expect.objectContaining({ outcomeId, source: 'own', inheritedFrom: null, outcome: null }),
    ]);
    const cleared = ok(
      await as(sandbox, USERS.evan).panel('links/remove', { issueKey: keys.open, outcomeId }),
    );
    expect(cleared.links).toEqual([]);
    expect(linksPropertyOf(sandbox.jira.state, keys.open)).toMatchObject({
      effectiveOutcomeIds: [],
      linkCount: 0,
    });
  });
});
