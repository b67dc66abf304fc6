import { describe, expect, it } from 'vitest';
import { DEFAULT_JIRA_BEHAVIOURS } from '../../../sandbox/jira';
import { as, call, clockedEmulator, LINKS, type SearchPage } from './harness';

const SEARCH = '/rest/api/3/search/jql';
const COUNT = '/rest/api/3/search/approximate-count';
const LAG = 2_000;

function lagging() {
  return clockedEmulator({ searchLag: { enabled: true, delayMs: LAG } });
}

async function keys(emu: ReturnType<typeof lagging>['emu'], jql: string, reconcileIssues?: number[]) {
  const res = await call<SearchPage>(emu, as.alice, 'POST', SEARCH, {
    jql,
    fields: ['key'],
    maxResults: 5000,
    ...(reconcileIssues ? { reconcileIssues } : {}),
  });
  expect(res.status).toBe(200);
  return res.json.issues.map((i) => i.key);
}

async function count(emu: ReturnType<typeof lagging>['emu'], jql: string) {
  return (await call<{ count: number }>(emu, as.alice, 'POST', COUNT, { jql })).json.count;
}

describe('search lags behind writes (search-and-reconcile)', () => {
  it('does not show a new issue to search or counts until the index catches up', async () => {
    const { emu, advance } = lagging();
    const before = await count(emu, 'project = PLAT');
    const created = await call<{ id: string; key: string }>(emu, as.alice, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'PLAT' },
        issuetype: { name: 'Task' },
        summary: 'Rotate the TLS certificates',
      },
    });
    expect(created.status).toBe(201);
    // Read by key at once (reads are consistent); search does not have it yet.
    expect((await call(emu, as.alice, 'GET', `/rest/api/3/issue/${created.json.key}`)).status).toBe(200);
    expect(await keys(emu, 'project = PLAT')).not.toContain(created.json.key);
    expect(await count(emu, 'project = PLAT')).toBe(before);
    advance(LAG - 1);
    expect(await keys(emu, 'project = PLAT')).not.toContain(created.json.key);
    advance(1);
    expect(await keys(emu, 'project = PLAT')).toContain(created.json.key);
    expect(await count(emu, 'project = PLAT')).toBe(before + 1);
  });

  it('reconcileIssues (up to 50 ids) gives read-after-write for the named issues only', async () => {
    const { emu } = lagging();
    const first = emu.getIssue('CHK-1');
    const second = emu.getIssue('CHK-2');
    for (const key of ['CHK-1', 'CHK-2']) {
      await call(emu, as.alice, 'PUT', `/rest/api/3/issue/${key}/properties/${LINKS}`, {
        effectiveOutcomeIds: ['o-new'],
      });
    }
    expect(await keys(emu, 'outcome = "o-new"')).toEqual([]);
    expect(await keys(emu, 'outcome = "o-new"', [Number(first?.id)])).toEqual(['CHK-1']);
    expect(await keys(emu, 'outcome = "o-new"', [Number(first?.id), Number(second?.id)])).toEqual([
      'CHK-1',
      'CHK-2',
    ]);
    // The same on GET, as a query parameter.
    const get = await call<SearchPage>(
      emu,
      as.alice,
      'GET',
      `${SEARCH}?jql=${encodeURIComponent('outcome = "o-new"')}&fields=key&reconcileIssues=${second?.id}`,
    );
    expect(get.json.issues.map((i) => i.key)).toEqual(['CHK-2']);
    const tooMany = await call(emu, as.alice, 'POST', SEARCH, {
      jql: 'project = CHK',
      reconcileIssues: Array.from({ length: 51 }, (_, n) => 10_000 + n),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toEqual({
      errorMessages: ["The 'reconcileIssues' field accepts at most 50 issue ids."],
      errors: {},
    });
  });

  it('keeps showing an edit’s old values, and a deleted issue, until the index catches up', async () => {
    const { emu, advance } = lagging();
    const issue = emu.getIssue('CHK-3');
    const oldSummary = issue?.summary;
    emu.updateIssue('CHK-3', { summary: 'Renamed' }, as.alice.accountId);
    const page = await call<SearchPage>(emu, as.alice, 'POST', SEARCH, {
      jql: 'key = CHK-3',
      fields: ['summary'],
    });
    expect(page.json.issues[0]?.fields.summary).toBe(oldSummary);
    expect(await keys(emu, 'summary ~ "Renamed"')).toEqual([]);
    const deleted = Number(emu.getIssue('CHK-4')?.id);
    emu.deleteIssue('CHK-4', as.alice.accountId);
    expect(await keys(emu, 'project = CHK')).toContain('CHK-4');
    expect(await keys(emu, 'project = CHK', [deleted])).not.toContain('CHK-4');
    advance(LAG);
    expect(await keys(emu, 'summary ~ "Renamed"')).toEqual(['CHK-3']);
    expect(await keys(emu, 'project = CHK')).not.toContain('CHK-4');
  });

  it('is off in legacy mode: the index is always current', async () => {
    expect(DEFAULT_JIRA_BEHAVIOURS.searchLag.delayMs).toBe(LAG);
    const { emu } = clockedEmulator({ searchLag: { enabled: false } });
    emu.updateIssue('CHK-3', { summary: 'Renamed' }, as.alice.accountId);
    expect(await keys(emu, 'summary ~ "Renamed"')).toEqual(['CHK-3']);
  });
});

describe('approximate counts are estimates', () => {
  it('may be off by up to the configured share, the same way each time for a query', async () => {
    const exact = clockedEmulator().emu;
    const rough = clockedEmulator({ countEstimates: { enabled: true, relativeError: 0.1 } }).emu;
    const queries = ['project = CHK', 'project = PLAT', 'project in (CHK, PLAT)', 'issuetype = Bug'];
    let differed = 0;
    for (const jql of queries) {
      const truth = await count(exact, jql);
      const estimate = await count(rough, jql);
      expect(Math.abs(estimate - truth)).toBeLessThanOrEqual(Math.max(1, Math.round(truth * 0.1)));
      expect(await count(rough, jql)).toBe(estimate);
      if (estimate !== truth) differed++;
    }
    expect(differed).toBeGreaterThan(0);
    // Nothing found is exactly nothing.
    expect(await count(rough, 'summary ~ "no such words anywhere"')).toBe(0);
  });
});
