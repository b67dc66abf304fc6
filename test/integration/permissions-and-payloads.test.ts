import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModuleAccessError } from '../../sandbox/runtime/app-host';
import type { Sandbox } from '../../sandbox/site';
import { buildDraft } from '../builders/outcome-draft';
import { issueKeys, linksPropertyOf } from '../support/jira-state';
import { as, failure, MODULES, ok, settingsPageOf, testSandbox, USERS } from '../support/sandbox';

describe('who may manage outcomes', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await testSandbox();
  });

  it('refuses the admin page to people who administer nothing, and writes nothing', async () => {
    const writesBefore = sandbox.kvs.counters.snapshot().byOperation.transaction ?? 0;
    for (const user of [USERS.evan, USERS.rita, USERS.oscar]) {
      // Jira shows neither Jira settings (the admin page) nor a project's settings to them; the settings
      // page's resolver, reachable by anyone who calls it, refuses them itself.
      await expect(as(sandbox, user).admin('admin/load', {})).rejects.toThrow(ModuleAccessError);
      const settings = as(sandbox, user).settings('CHK');
      expect(failure(await settings('admin/load', {})).code).toBe('FORBIDDEN');
      expect(failure(await settings('outcomes/create', { draft: buildDraft() })).code).toBe('FORBIDDEN');
      expect(failure(await settings('users/search', { query: 'pri' })).code).toBe('FORBIDDEN');
    }
    expect(sandbox.kvs.counters.snapshot().byOperation.transaction ?? 0).toBe(writesBefore);
  });

  it('lets a project admin manage outcomes of their project only', async () => {
    const priya = as(sandbox, USERS.priya).settings('CHK');
    const page = ok(await priya('admin/load', {}));
    expect(page.isJiraAdmin).toBe(false);
    expect(page.projects.filter((p) => p.canManage).map((p) => p.key)).toEqual(['CHK']);
    ok(await priya('outcomes/create', { draft: buildDraft({ projectKeys: ['CHK'] }) }));
    const spanning = failure(
      await priya('outcomes/create', { draft: buildDraft({ projectKeys: ['CHK', 'PLAT'] }) }),
    );
    expect(spanning.code).toBe('FORBIDDEN');
    // An outcome CHK shares with PLAT, which she does not administer, shows on CHK's settings page.
    const foreign = ok(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({ projectKeys: ['CHK', 'PLAT'] }),
      }),
    );
    const denied = failure(await priya('outcomes/delete', { id: foreign.id, expectedVersion: 1 }));
    expect(denied.code).toBe('FORBIDDEN');
    const listed = ok(await priya('admin/load', {})).outcomes.find((o) => o.id === foreign.id);
    expect(listed?.canManage).toBe(false);
  });

  it('confines the project settings page to its project, whoever calls, Jira admins included', async () => {
    const alice = as(sandbox, USERS.alice);
    const plat = ok(
      await alice.admin('outcomes/create', {
        draft: buildDraft({ title: 'PLAT only', projectKeys: ['PLAT'] }),
      }),
    );
    for (const [who, settings] of [
      ['Priya', as(sandbox, USERS.priya).settings('CHK')],
      ['Alice', alice.settings('CHK')],
    ] as const) {
      const page = ok(await settings('admin/load', {}));
      expect(
        page.projects.map((p) => p.key),
        who,
      ).toEqual(['CHK']);
      expect(
        page.outcomes.map((o) => o.id),
        who,
      ).not.toContain(plat.id);
      expect(failure(await settings('outcomes/get', { id: plat.id })).code, who).toBe('NOT_FOUND');
      const into = failure(
        await settings('outcomes/create', { draft: buildDraft({ projectKeys: ['PLAT'] }) }),
      );
      expect(into.code, who).toBe('FORBIDDEN');
    }
    // The page's own project is required; a page without one is refused before anything is read.
    const nowhere = await sandbox.invoke(MODULES.settings, 'admin/load', {}, USERS.alice, {});
    expect(nowhere).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('finds real Jira users for the owner pickers', async () => {
    const found = ok(await as(sandbox, USERS.alice).admin('users/search', { query: 'pri' }));
    expect(found.users.map((u) => u.displayName)).toContain('Priya Project-Admin');
  });

  it('takes the caller from the invocation context, never from the payload', async () => {
    const forged = await sandbox.host.invokeResolver(
      MODULES.settings,
      { functionKey: 'admin/load', payload: { accountId: USERS.alice } },
      { accountId: USERS.rita, extension: settingsPageOf('CHK') },
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const anonymous = await sandbox.host.invokeResolver(
      MODULES.settings,
      { functionKey: 'admin/load', payload: {} },
      { extension: settingsPageOf('CHK') },
    );
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('bad input gets a typed error and changes nothing', () => {
  let sandbox: Sandbox;
  let transactions: () => number;
  beforeEach(async () => {
    sandbox = await testSandbox();
    transactions = () => sandbox.kvs.counters.snapshot().byOperation.transaction ?? 0;
  });

  it('names each bad field of a draft', async () => {
    const reply = failure(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({ title: 'x', projectKeys: [], startDate: 'next week' }),
      }),
    );
    expect(reply.code).toBe('VALIDATION_FAILED');
    expect(reply.fieldErrors.map((e) => e.path).sort()).toEqual([
      'draft.projectKeys',
      'draft.startDate',
      'draft.title',
    ]);
    expect(transactions()).toBe(0);
  });

  it('rejects unknown fields and wrong types instead of ignoring them', async () => {
    const admin = as(sandbox, USERS.alice);
    const extra = failure(
      await admin.admin('outcomes/create', { draft: buildDraft(), sneaky: true } as never),
    );
    expect(extra.code).toBe('VALIDATION_FAILED');
    const wrongType = failure(
      await admin.admin('outcomes/delete', { id: 'o-abcdef1234', expectedVersion: 'one' } as never),
    );
    expect(wrongType.fieldErrors.map((e) => e.path)).toEqual(['expectedVersion']);
    const badKey = failure(
      await admin.panel('links/add', { issueKey: 'not a key', outcomeId: 'o-abcdef1234' }),
    );
    expect(badKey.fieldErrors.map((e) => e.path)).toEqual(['issueKey']);
    expect(transactions()).toBe(0);
  });

  it('applies the business rules that span fields and what only Jira knows', async () => {
    const reply = failure(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({
          startDate: '2026-09-01',
          dueDate: '2026-08-01',
          projectKeys: ['CHK', 'NOPE'],
          businessOwnerId: 'no-such-user',
        }),
      }),
    );
    expect(reply.code).toBe('VALIDATION_FAILED');
    expect(Object.fromEntries(reply.fieldErrors.map((e) => [e.path, e.message]))).toEqual({
      'draft.dueDate': 'The due date must come after the start date.',
      'draft.projectKeys': 'Jira has no project NOPE.',
      'draft.businessOwnerId': 'The business owner is not a Jira user; choose someone from the list.',
    });
    expect(transactions()).toBe(0);
  });

  it('refuses to link a ticket to an outcome that does not cover its project', async () => {
    const plat = ok(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({ projectKeys: ['PLAT'] }),
      }),
    );
    const issueKey = issueKeys(sandbox.jira.state, 'CHK')[0] as string;
    const reply = failure(await as(sandbox, USERS.evan).panel('links/add', { issueKey, outcomeId: plat.id }));
    expect(reply).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ path: 'outcomeId' }] });
    expect(linksPropertyOf(sandbox.jira.state, issueKey)).toBeUndefined();
  });
});

describe('concurrent edits lose nothing', () => {
  it('keeps both links when two people link the same ticket at the same moment', async () => {
    const sandbox = await testSandbox();
    const admin = as(sandbox, USERS.alice);
    const a = ok(await admin.admin('outcomes/create', { draft: buildDraft({ title: 'Outcome A' }) }));
    const b = ok(await admin.admin('outcomes/create', { draft: buildDraft({ title: 'Outcome B' }) }));
    const issueKey = issueKeys(sandbox.jira.state, 'CHK')[3] as string;
    await Promise.all([
      as(sandbox, USERS.evan).panel('links/add', { issueKey, outcomeId: a.id }),
      as(sandbox, USERS.maya).panel('links/add', { issueKey, outcomeId: b.id }),
    ]);
    const property = linksPropertyOf(sandbox.jira.state, issueKey) as { ownOutcomeIds: string[] };
    expect([...property.ownOutcomeIds].sort()).toEqual([a.id, b.id].sort());
  });

  it('lets only one of two simultaneous saves of the same version win', async () => {
    const sandbox = await testSandbox();
    const created = ok(await as(sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft() }));
    const replies = await Promise.all(
      [as(sandbox, USERS.alice).admin, as(sandbox, USERS.priya).settings('CHK')].map((call, i) =>
        call('outcomes/update', {
          id: created.id,
          expectedVersion: 1,
          draft: buildDraft({ title: `Edit number ${i}` }),
        }),
      ),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT']);
  });
});
