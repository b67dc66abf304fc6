import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ModuleAccessError } from '../../sandbox/runtime/app-host';
import { functionTimeoutMs, runtimeBehaviours } from '../../sandbox/runtime/behaviours';
import { runInvocation } from '../../sandbox/runtime/invocation';
import { readManifest } from '../../sandbox/runtime/manifest';
import { startServer } from '../../sandbox/server';
import { APP_ACCOUNT_ID } from '../../sandbox/site';
import { MODULES, settingsPageOf, testSandbox, USERS } from '../support/sandbox';

describe('the app is an ordinary principal', () => {
  it('does not get issue events from a project its account cannot see', async () => {
    const sandbox = await testSandbox();
    const before = sandbox.host.counters.functionInvocations['issue-event-handler'] ?? 0;
    sandbox.jira.createIssue({ project: 'FIN', issueType: 'Task', summary: 'Close March' }, USERS.alice);
    await sandbox.settle();
    expect(sandbox.triggers.counters.notVisible).toBe(1);
    expect(sandbox.host.counters.functionInvocations['issue-event-handler'] ?? 0).toBe(before);
    sandbox.jira.createIssue({ project: 'CHK', issueType: 'Task', summary: 'Visible' }, USERS.alice);
    await sandbox.settle();
    expect(sandbox.host.counters.functionInvocations['issue-event-handler']).toBe(before + 1);
    expect(sandbox.jira.canSee({ type: 'app' }, 'FIN-1')).toBe(false);
  });

  it('gets them all when the app is made a site administrator (the old, kinder model)', async () => {
    // Switched off to show the difference only.
    const sandbox = await testSandbox({ platform: { jira: { appPrincipal: { enabled: false } } } });
    sandbox.jira.createIssue({ project: 'FIN', issueType: 'Task', summary: 'Close March' }, USERS.alice);
    await sandbox.settle();
    expect(sandbox.triggers.counters.notVisible).toBe(0);
    expect(sandbox.jira.canSee({ type: 'app' }, 'FIN-1')).toBe(true);
  });

  it('holds a role in CHK, PLAT and MOB only', async () => {
    const sandbox = await testSandbox();
    const roles = sandbox.jira.state.projects.map((p) => [p.key, p.roles[APP_ACCOUNT_ID] ?? null]);
    expect(roles).toEqual([
      ['CHK', 'member'],
      ['PLAT', 'member'],
      ['MOB', 'member'],
      ['FIN', null],
    ]);
  });
});

describe('Forge time limits by function kind', () => {
  const manifest = readManifest();

  it('gives resolvers and product-event triggers 25 s; only consumers and scheduled jobs get 55 to 900 s', () => {
    const strict = runtimeBehaviours();
    const limits = Object.fromEntries(
      [...manifest.functions.keys()].map((key) => [key, functionTimeoutMs(manifest, key, strict) / 1000]),
    );
    expect(limits).toEqual({
      'issue-panel-resolver': 25,
      'project-page-resolver': 25,
      'admin-page-resolver': 25,
      'settings-page-resolver': 25,
      'issue-event-handler': 25,
      'kpi-refresh-job': 300,
      'reconcile-job': 55,
      'links-queue-handler': 300,
    });
    // The old emulation gave the issue trigger 55 s.
    const legacy = runtimeBehaviours({ forgeTimeouts: { enabled: false } });
    expect(functionTimeoutMs(manifest, 'issue-event-handler', legacy)).toBe(55_000);
  });

  it('stops an invocation at its limit', async () => {
    const slow = runInvocation(
      { functionKey: 'issue-event-handler', moduleKey: 'issue-events', timeoutMs: 20 },
      () => new Promise((resolve) => setTimeout(resolve, 1_000)),
    );
    await expect(slow).rejects.toThrow('Function issue-event-handler timed out after 0.02 s');
  });
});

describe('modules reachable only by whom Jira shows them to', () => {
  it('refuses the admin page resolver to anyone but Jira administrators, in the shell too', async () => {
    const sandbox = await testSandbox({ platform: { runtime: { moduleAccess: { enabled: true } } } });
    await expect(sandbox.invoke(MODULES.admin, 'admin/load', {}, USERS.priya)).rejects.toBeInstanceOf(
      ModuleAccessError,
    );
    expect(await sandbox.invoke(MODULES.admin, 'admin/load', {}, USERS.alice)).toMatchObject({ ok: true });
    const onSettings = (accountId: string) =>
      sandbox.invoke(MODULES.settings, 'admin/load', {}, accountId, settingsPageOf('CHK'));
    expect(await onSettings(USERS.priya)).toMatchObject({ ok: true });
    expect(await onSettings(USERS.evan)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Other surfaces are shown to everyone who can see the issue or project.
    expect(
      await sandbox.invoke(MODULES.project, 'project/load', { projectKey: 'CHK' }, USERS.priya),
    ).toMatchObject({
      ok: true,
    });
    const server = await startServer(sandbox, 0);
    try {
      const base = `http://localhost:${(server.address() as AddressInfo).port}`;
      const as = (accountId: string) => ({ cookie: `sandbox_user=${encodeURIComponent(accountId)}` });
      const page = await fetch(`${base}/admin/outcome-bridge`, { headers: as(USERS.priya) });
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('have access to Jira settings');
      expect((await fetch(`${base}/admin/outcome-bridge`, { headers: as(USERS.alice) })).status).toBe(200);
      const invoke = await fetch(`${base}/__sandbox/bridge/invoke`, {
        method: 'POST',
        headers: { ...as(USERS.priya), 'content-type': 'application/json' },
        body: JSON.stringify({ moduleKey: MODULES.admin, functionKey: 'admin/load', payload: {} }),
      });
      expect(invoke.status).toBe(403);
      // A project's settings open to its admins (and Jira admins) only; its resolver checks callers itself.
      const settings = `${base}/projects/CHK/settings/outcome-bridge`;
      expect((await fetch(settings, { headers: as(USERS.priya) })).status).toBe(200);
      expect((await fetch(settings, { headers: as(USERS.alice) })).status).toBe(200);
      const refused = await fetch(settings, { headers: as(USERS.evan) });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('have access to Checkout');
      expect(
        (await fetch(`${base}/projects/PLAT/settings/outcome-bridge`, { headers: as(USERS.priya) })).status,
      ).toBe(403);
    } finally {
      server.close();
    }
  });
});
