import { describe, expect, it } from 'vitest';
import { buildDemoSite, DEMO_ACCOUNTS, DEMO_USERS, JiraEmulator } from '../../../sandbox/jira';
import { APP_ACCOUNT_ID, as, call, INDEXED, makeEmulator, NOW } from './harness';

describe('demo site', () => {
  const state = buildDemoSite({ now: NOW });
  const level = (typeId: string) => state.issueTypes.find((t) => t.id === typeId)?.hierarchyLevel;
  const byId = new Map(state.issues.map((i) => [i.id, i]));

  it('has four projects and 300+ issues of every hierarchy level', () => {
    expect(state.projects.map((p) => [p.key, p.name])).toEqual([
      ['CHK', 'Checkout'],
      ['PLAT', 'Platform'],
      ['MOB', 'Mobile'],
      ['FIN', 'Finance'],
    ]);
    expect(state.issues.length).toBeGreaterThanOrEqual(300);
    for (const lvl of [1, 0, -1])
      expect(state.issues.filter((i) => level(i.issueTypeId) === lvl).length).toBeGreaterThan(10);
    for (const category of ['new', 'indeterminate', 'done']) {
      const statuses = state.statuses.filter((s) => s.category === category).map((s) => s.id);
      expect(state.issues.filter((i) => statuses.includes(i.statusId)).length).toBeGreaterThan(20);
    }
  });

  it('keeps the hierarchy valid: parents one level up, subtasks in the parent project', () => {
    for (const issue of state.issues) {
      const lvl = level(issue.issueTypeId);
      if (issue.parentId === null) {
        expect(lvl).not.toBe(-1);
        continue;
      }
      const parent = byId.get(issue.parentId);
      expect(parent, issue.key).toBeDefined();
      expect(level(parent?.issueTypeId ?? '')).toBe((lvl ?? 0) + 1);
      if (lvl === -1) expect(parent?.projectId).toBe(issue.projectId);
      expect(Date.parse(issue.created)).toBeGreaterThan(Date.parse(parent?.created ?? ''));
    }
  });

  it('has realistic data: story points, due dates (some overdue), dates within the last 120 days', () => {
    const standard = state.issues.filter((i) => level(i.issueTypeId) === 0);
    const estimated = standard.filter((i) => typeof i.customFields.customfield_10016 === 'number');
    expect(estimated.length / standard.length).toBeGreaterThan(0.7);
    expect(estimated.length).toBeLessThan(standard.length);
    for (const i of estimated) expect([1, 2, 3, 5, 8, 13]).toContain(i.customFields.customfield_10016);
    const done = new Set(state.statuses.filter((s) => s.category === 'done').map((s) => s.id));
    const overdue = state.issues.filter(
      (i) => i.duedate !== null && i.duedate < '2025-06-01' && !done.has(i.statusId),
    );
    expect(overdue.length).toBeGreaterThan(5);
    expect(state.issues.filter((i) => i.duedate !== null).length).toBeGreaterThan(state.issues.length / 3);
    const oldest = NOW.getTime() - 121 * 86_400_000;
    for (const i of state.issues) {
      expect(Date.parse(i.created)).toBeGreaterThanOrEqual(oldest);
      expect(Date.parse(i.updated)).toBeLessThanOrEqual(NOW.getTime());
      expect(Date.parse(i.updated)).toBeGreaterThanOrEqual(Date.parse(i.created));
      expect(i.resolutiondate === null).toBe(!done.has(i.statusId));
    }
    const keysByProject = state.issues
      .filter((i) => i.projectId === '10000')
      .map((i) => Number(i.key.split('-')[1]));
    expect(keysByProject).toEqual(keysByProject.map((_, n) => n + 1));
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(buildDemoSite({ now: NOW })).toEqual(state);
    expect(buildDemoSite({ now: NOW, seed: 7 })).toEqual(buildDemoSite({ now: NOW, seed: 7 }));
    expect(buildDemoSite({ now: NOW, seed: 7 }).issues).not.toEqual(state.issues);
  });

  it('has the demo users with the documented access', async () => {
    expect(DEMO_USERS.map((u) => u.displayName)).toEqual(
      expect.arrayContaining([
        'Alice Admin',
        'Priya Project-Admin',
        'Evan Editor',
        'Rita Read-only',
        'Oscar Outsider',
      ]),
    );
    for (const u of DEMO_USERS) {
      expect(u.emailAddress).toMatch(/@/);
      expect(u.description.length).toBeGreaterThan(10);
    }
    const chk = state.projects.find((p) => p.key === 'CHK');
    expect(chk?.roles[DEMO_ACCOUNTS.priya]).toBe('administrator');
    expect(chk?.roles[DEMO_ACCOUNTS.oscar]).toBeUndefined();
    expect(state.users.find((u) => u.accountId === DEMO_ACCOUNTS.alice)?.globalPermissions).toEqual([
      'ADMINISTER',
    ]);
    // Every assignee can browse the project of the issue.
    for (const i of state.issues) {
      if (i.assigneeId === null) continue;
      const project = state.projects.find((p) => p.id === i.projectId);
      expect(project?.roles[i.assigneeId], i.key).toBeDefined();
    }
  });
});

describe('persistence', () => {
  it('toJSON/fromJSON round-trips the whole site, including properties and counters', async () => {
    const emu = makeEmulator();
    await call(emu, as.evan, 'PUT', '/rest/api/3/issue/CHK-1/properties/outcome-bridge-links', {
      effectiveOutcomeIds: ['o-9'],
    });
    emu.createIssue({ project: 'CHK', issueType: 'Bug', summary: 'Saved bug' }, DEMO_ACCOUNTS.evan);
    const json = JSON.parse(JSON.stringify(emu.toJSON()));
    const copy = JiraEmulator.fromJSON(json, {
      indexedProperties: INDEXED,
      appAccountId: APP_ACCOUNT_ID,
      clock: () => NOW,
    });
    expect(copy.toJSON()).toEqual(emu.toJSON());
    const found = await call<{ issues: { key: string }[] }>(copy, as.app, 'POST', '/rest/api/3/search/jql', {
      jql: 'outcome = "o-9"',
      fields: ['key'],
    });
    expect(found.json.issues.map((i) => i.key)).toEqual(['CHK-1']);
    const next = copy.createIssue(
      { project: 'CHK', issueType: 'Bug', summary: 'After reload' },
      DEMO_ACCOUNTS.evan,
    );
    const before = emu.createIssue(
      { project: 'CHK', issueType: 'Bug', summary: 'Original' },
      DEMO_ACCOUNTS.evan,
    );
    expect(next.key).toBe(before.key);
    // The copy is independent of the original.
    expect(emu.getIssue(next.key)?.summary).toBe('Original');
  });

  it('rejects something that is not a saved site', () => {
    const options = { indexedProperties: INDEXED, appAccountId: APP_ACCOUNT_ID };
    expect(() => JiraEmulator.fromJSON({ hello: 'world' }, options)).toThrow(/schemaVersion/);
    expect(() => JiraEmulator.fromJSON({ schemaVersion: 2 }, options)).toThrow(/must be an array/);
  });
});
