import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../sandbox/jira';
import { as, call, makeEmulator, type SearchPage, searchKeys } from './harness';

const SEARCH = '/rest/api/3/search/jql';

async function count(
  emu: ReturnType<typeof makeEmulator>,
  jql: string,
  principal: Principal = as.app,
): Promise<number> {
  const res = await call<{ count: number }>(emu, principal, 'POST', '/rest/api/3/search/approximate-count', {
    jql,
  });
  expect(res.status).toBe(200);
  return res.json.count;
}

describe('POST/GET /search/jql', () => {
  it('returns only ids by default, 50 per page, with nextPageToken and no total', async () => {
    const emu = makeEmulator();
    const res = await call<SearchPage>(emu, as.app, 'POST', SEARCH, { jql: 'project = CHK' });
    expect(res.status).toBe(200);
    expect(res.json.issues).toHaveLength(50);
    expect(res.json.issues[0]).toEqual({ id: expect.any(String) });
    expect(res.json.isLast).toBe(false);
    expect(typeof res.json.nextPageToken).toBe('string');
    expect(res.json).not.toHaveProperty('total');
  });

  it('follows nextPageToken to the end without gaps or repeats, and the count agrees', async () => {
    // Count estimates off: this isolates paging, against an exact count (search-lag.test.ts covers them).
    const emu = makeEmulator(undefined, { countEstimates: { enabled: false } });
    const jql = 'project in (CHK, PLAT) ORDER BY created DESC';
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await call<SearchPage>(emu, as.evan, 'POST', SEARCH, {
        jql,
        fields: ['summary', 'created'],
        maxResults: 40,
        ...(token ? { nextPageToken: token } : {}),
      });
      expect(res.status).toBe(200);
      expect(res.json.issues.length).toBeLessThanOrEqual(40);
      seen.push(...res.json.issues.map((i) => i.key));
      token = res.json.nextPageToken;
      expect(res.json.isLast).toBe(token === undefined);
      pages++;
    } while (token);
    expect(new Set(seen).size).toBe(seen.length);
    const expected = emu.state.issues.filter(
      (i) => ['10000', '10001'].includes(i.projectId) && emu.canSee(as.evan, i.id),
    ).length;
    expect(seen.length).toBe(expected);
    expect(pages).toBe(Math.ceil(expected / 40));
    expect(await count(emu, jql, as.evan)).toBe(expected);
  });

  it('pages through the first page’s results as a cursor, never returning a deleted or no longer matching ticket', async () => {
    // Search lag off: this isolates the cursor over changes made between pages, on a clock that does not
    // move (a lagging index would keep showing them); search-lag.test.ts covers the lag.
    const emu = makeEmulator(undefined, { searchLag: { enabled: false } });
    const jql = 'project = CHK AND statusCategory != Done ORDER BY key ASC';
    const first = await call<SearchPage>(emu, as.app, 'POST', SEARCH, {
      jql,
      fields: ['status'],
      maxResults: 10,
    });
    const firstKeys = first.json.issues.map((i) => i.key);
    const later = emu.state.issues
      .filter((i) => i.key.startsWith('CHK-') && !firstKeys.includes(i.key))
      .filter((i) => emu.state.statuses.find((s) => s.id === i.statusId)?.category !== 'done');
    const [gone, finished] = later.sort((a, b) => Number(a.key.slice(4)) - Number(b.key.slice(4)));
    emu.deleteIssue(gone?.key ?? '', '557058:alice-admin');
    emu.updateIssue(finished?.key ?? '', { status: 'Done' }, '557058:alice-admin');
    const seen = [...firstKeys];
    let token = first.json.nextPageToken;
    while (token) {
      const res = await call<SearchPage>(emu, as.app, 'POST', SEARCH, {
        jql,
        fields: ['status'],
        maxResults: 10,
        nextPageToken: token,
      });
      seen.push(...res.json.issues.map((i) => i.key));
      token = res.json.nextPageToken;
    }
    expect(seen).not.toContain(gone?.key);
    expect(seen).not.toContain(finished?.key);
    expect(new Set(seen).size).toBe(seen.length);
    // Everything else that matches now was returned once.
    const now = emu.state.issues
      .filter((i) => i.key.startsWith('CHK-') && emu.canSee(as.app, i.id))
      .filter((i) => emu.state.statuses.find((s) => s.id === i.statusId)?.category !== 'done');
    expect(seen.sort()).toEqual(now.map((i) => i.key).sort());
  });

  it('works with GET and query parameters', async () => {
    const emu = makeEmulator();
    const res = await call<SearchPage>(
      emu,
      as.app,
      'GET',
      `${SEARCH}?jql=${encodeURIComponent('key = CHK-1')}&fields=summary,status&properties=none`,
    );
    expect(res.status).toBe(200);
    expect(res.json.issues).toHaveLength(1);
    expect(res.json.issues[0]).toMatchObject({
      key: 'CHK-1',
      fields: { summary: expect.any(String), status: { name: expect.any(String) } },
    });
    expect(res.json.issues[0]?.properties).toEqual({});
    expect(res.json.isLast).toBe(true);
  });

  it('caps pages at 5000 for ids or keys only and at 100 with fields', async () => {
    const emu = makeEmulator();
    const total = emu.state.issues.filter((i) => emu.canSee(as.app, i.id)).length;
    const ids = await call<SearchPage>(emu, as.app, 'POST', SEARCH, {
      jql: 'created >= -365d',
      maxResults: 10000,
    });
    expect(ids.json.issues).toHaveLength(total);
    const keys = await call<SearchPage>(emu, as.app, 'POST', SEARCH, {
      jql: 'created >= -365d',
      fields: ['key'],
      maxResults: 10000,
    });
    expect(keys.json.issues).toHaveLength(total);
    expect(keys.json.issues[0]).toMatchObject({ id: expect.any(String), key: expect.any(String) });
    const withFields = await call<SearchPage>(emu, as.app, 'POST', SEARCH, {
      jql: 'created >= -365d',
      fields: ['summary'],
      maxResults: 10000,
    });
    expect(withFields.json.issues).toHaveLength(100);
    expect(withFields.json.isLast).toBe(false);
    const withProps = await call<SearchPage>(emu, as.app, 'POST', SEARCH, {
      jql: 'created >= -365d',
      properties: ['x'],
      maxResults: 1000,
    });
    expect(withProps.json.issues).toHaveLength(100);
  });

  it('refuses a token from another query, a forged token and an unbounded query', async () => {
    const emu = makeEmulator();
    const first = await call<SearchPage>(emu, as.app, 'POST', SEARCH, {
      jql: 'project = CHK',
      maxResults: 10,
    });
    const other = await call(emu, as.app, 'POST', SEARCH, {
      jql: 'project = PLAT',
      nextPageToken: first.json.nextPageToken,
    });
    expect(other.status).toBe(400);
    expect(other.json).toMatchObject({
      errorMessages: [expect.stringContaining('nextPageToken')],
      errors: {},
    });
    expect(
      (await call(emu, as.app, 'POST', SEARCH, { jql: 'project = CHK', nextPageToken: 'garbage!' })).status,
    ).toBe(400);
    for (const jql of ['', 'ORDER BY created DESC']) {
      const res = await call(emu, as.app, 'POST', SEARCH, { jql });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        errorMessages: [
          'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
        ],
        errors: {},
      });
    }
    expect(
      (await call(emu, as.app, 'POST', '/rest/api/3/search/approximate-count', { jql: '' })).status,
    ).toBe(400);
  });

  it('silently leaves out issues the caller cannot browse', async () => {
    const emu = makeEmulator();
    const all = await searchKeys(emu, 'created >= -365d', as.app);
    const oscar = await searchKeys(emu, 'created >= -365d', as.oscar);
    expect(oscar.length).toBeGreaterThan(0);
    expect(oscar.every((k) => k.startsWith('MOB-'))).toBe(true);
    const rita = await searchKeys(emu, 'created >= -365d', as.rita);
    expect(rita.every((k) => !k.startsWith('MOB-'))).toBe(true);
    // The app's own account is an ordinary principal: no role in FIN.
    expect(all.length).toBe(emu.state.issues.filter((i) => emu.canSee(as.app, i.id)).length);
    expect(all.some((k) => k.startsWith('FIN-'))).toBe(false);
    expect(await searchKeys(emu, 'created >= -365d', as.anonymous)).toEqual([]);
    expect(await count(emu, 'created >= -365d', as.oscar)).toBe(oscar.length);
  });

  it('shows the confidential work to the level’s members only: not the app, not every CHK member', async () => {
    // Count estimates off: this compares counts with the tickets each principal can see, exactly.
    const emu = makeEmulator(undefined, {
      confidentialWork: { enabled: true },
      countEstimates: { enabled: false },
    });
    const confidential = emu.state.issues.filter((i) => i.securityLevel).map((i) => i.key);
    expect(confidential.length).toBeGreaterThan(0);
    const app = await searchKeys(emu, 'created >= -365d', as.app);
    expect(app.filter((k) => confidential.includes(k))).toEqual([]);
    expect((await call(emu, as.app, 'GET', `/rest/api/3/issue/${confidential[0]}`)).status).toBe(404);
    // Alice administers Jira and is a member; Priya is a member; Evan browses CHK but is not.
    expect((await searchKeys(emu, 'created >= -365d', as.alice)).length).toBe(emu.state.issues.length);
    expect(
      (await searchKeys(emu, 'project = CHK', as.priya)).filter((k) => confidential.includes(k)),
    ).toEqual(confidential);
    expect((await searchKeys(emu, 'project = CHK', as.evan)).filter((k) => confidential.includes(k))).toEqual(
      [],
    );
    expect(await count(emu, 'project = CHK', as.evan)).toBe(
      (await count(emu, 'project = CHK', as.priya)) - confidential.length,
    );
    // Off, the same work is at no level: every CHK member sees it.
    const off = makeEmulator(undefined, { confidentialWork: { enabled: false } });
    expect(off.state.issues.filter((i) => i.securityLevel)).toEqual([]);
    expect((await searchKeys(off, 'project = CHK', as.evan)).filter((k) => confidential.includes(k))).toEqual(
      confidential,
    );
  });

  it('orders by ORDER BY, then by key; the default is key ascending', async () => {
    const emu = makeEmulator();
    const byKey = await searchKeys(emu, 'project = CHK');
    const numbers = byKey.map((k) => Number(k.split('-')[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const desc = await searchKeys(emu, 'project = CHK ORDER BY key DESC');
    expect(desc).toEqual([...byKey].reverse());
    const created = await call<SearchPage>(emu, as.app, 'POST', SEARCH, {
      jql: 'project = PLAT ORDER BY created DESC',
      fields: ['created'],
      maxResults: 100,
    });
    const stamps = created.json.issues.map((i) => String(i.fields.created));
    expect(stamps).toEqual([...stamps].sort().reverse());
    const due = await call<SearchPage>(emu, as.app, 'POST', SEARCH, {
      jql: 'project = CHK ORDER BY duedate ASC',
      fields: ['duedate'],
      maxResults: 100,
    });
    const dues = due.json.issues.map((i) => i.fields.duedate);
    const firstNull = dues.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(dues.slice(firstNull).every((d) => d === null)).toBe(true);
    const nonNull = dues.slice(0, firstNull).map(String);
    expect(nonNull).toEqual([...nonNull].sort());
  });
});
