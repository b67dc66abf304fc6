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
