import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../sandbox/jira';
import { startServer } from '../../sandbox/server';
import { createSandbox } from '../../sandbox/site';

describe('the sandbox shell', () => {
  let base = '';
  let close: () => void = () => {};

  beforeAll(async () => {
    const sandbox = await createSandbox({ dataDir: null, reset: true, queueDelayScale: 0 });
    const server = await startServer(sandbox, 0);
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const get = async (path: string, accountId: string = DEMO_ACCOUNTS.rita) => {
    const response = await fetch(base + path, {
      headers: { cookie: `sandbox_user=${encodeURIComponent(accountId)}` },
    });
    return { status: response.status, text: await response.text() };
  };

  it('reports the rate-limit points the app spent, per principal: the app and each user it acted for', async () => {
    const cookie = (accountId: string) => ({ cookie: `sandbox_user=${encodeURIComponent(accountId)}` });
    expect((await fetch(`${base}/__sandbox/counters/reset`, { method: 'POST' })).status).toBe(204);
    const invoke = await fetch(`${base}/__sandbox/bridge/invoke`, {
      method: 'POST',
      headers: { ...cookie(DEMO_ACCOUNTS.evan), 'content-type': 'application/json' },
      body: JSON.stringify({
        moduleKey: 'outcome-bridge-issue-panel',
        functionKey: 'panel/load',
        payload: { issueKey: 'CHK-1' },
      }),
    });
    expect(invoke.status).toBe(200);
    // A Custom UI page's requestJira is the app's traffic too, booked to the signed-in user.
    await fetch(`${base}/__sandbox/bridge/fetch`, {
      method: 'POST',
      headers: { ...cookie(DEMO_ACCOUNTS.rita), 'content-type': 'application/json' },
      body: JSON.stringify({ restPath: '/rest/api/3/issue/CHK-1?fields=summary' }),
    });
    // Jira's own pages are not.
    await get('/browse/CHK-2', DEMO_ACCOUNTS.tom);
    const counters = (await (await fetch(`${base}/__sandbox/counters`)).json()) as {
      rateLimit: { total: number; byPrincipal: Record<string, number>; hourlyQuota: number };
    };
    const { byPrincipal, total, hourlyQuota } = counters.rateLimit;
    expect(hourlyQuota).toBe(65_000);
    expect(Object.keys(byPrincipal).sort()).toEqual(
      ['app', `user:${DEMO_ACCOUNTS.evan}`, `user:${DEMO_ACCOUNTS.rita}`]
        .filter((k) => k in byPrincipal)
        .sort(),
    );
    expect(byPrincipal[`user:${DEMO_ACCOUNTS.rita}`]).toBe(2);
    expect(byPrincipal).not.toHaveProperty(`user:${DEMO_ACCOUNTS.tom}`);
    expect(total).toBe(Object.values(byPrincipal).reduce((a, b) => a + b, 0));
    expect(total).toBeGreaterThan(2);
  });

  it('answers the app’s “see them in Jira” links with the issues the JQL finds, as the signed-in user', async () => {
    const found = await get(`/issues/?jql=${encodeURIComponent('key in (CHK-1, CHK-2)')}`);
    expect(found.status).toBe(200);
    expect(found.text).toContain('href="/browse/CHK-1"');
    expect(found.text).toContain('href="/browse/CHK-2"');
    const outsider = await get(`/issues/?jql=${encodeURIComponent('project = CHK')}`, DEMO_ACCOUNTS.oscar);
    expect(outsider.text).not.toContain('href="/browse/CHK-1"');
    const bad = await get(`/issues/?jql=${encodeURIComponent('nosuchfield = 1')}`);
    expect(bad.text).toMatch(/nosuchfield/);
    const markup = await get(`/issues/?jql=${encodeURIComponent('summary ~ "<b>bold</b>"')}`);
    expect(markup.text).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(markup.text).not.toContain('<b>bold</b>');
  });
});
