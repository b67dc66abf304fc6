import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoOutcomes } from '../../sandbox/seed-outcomes';
import { createSandbox } from '../../sandbox/site';
import { buildDraft } from '../builders/outcome-draft';
import { as, FIXED_NOW, ok, USERS } from '../support/sandbox';

describe('the sandbox site', () => {
  // Each test that persists gets a data folder of its own, so none depends on what another left behind.
  const dataDirs: string[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-data-'));
    dataDirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('seeds a demo site that tells the story: outcomes with linked work, written by the app itself', async () => {
    const sandbox = await createSandbox({ dataDir: null, now: FIXED_NOW });
    expect(sandbox.fresh).toBe(true);
    const seeded = await seedDemoOutcomes(sandbox, FIXED_NOW);
    expect(seeded.outcomes).toBe(2);
    expect(seeded.links).toBe(5);
    const page = ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    expect(page.outcomes).toHaveLength(2);
    // Only epics were linked by hand: their stories and subtasks inherit, so far more work serves them.
    expect(page.outcomes.every((o) => o.linkedCount > 10)).toBe(true);
    expect(page.outcomes.some((o) => o.doneCount > 0 && o.doneCount < o.linkedCount)).toBe(true);
    // The trend is the app's own: each outcome was created on its start day, and its nightly check ran
    // on every day from then to today, each leaving that day's snapshot.
    const { entities } = sandbox.kvs.snapshot();
    for (const row of page.outcomes) {
      const { outcome } = ok(await as(sandbox, USERS.alice).admin('outcomes/get', { id: row.id }));
      const stored = entities.outcome?.find((e) => e.key === row.id)?.value as { createdAt?: string };
      expect(stored.createdAt?.slice(0, 10)).toBe(outcome.startDate);
      const days = (entities.snapshot ?? [])
        .filter((e) => e.key.startsWith(`${row.id}:`))
        .map((e) => e.key.slice(-10));
      const expected: string[] = [];
      for (let d = Date.parse(outcome.startDate ?? ''); d <= FIXED_NOW.getTime(); d += 86_400_000) {
        expected.push(new Date(d).toISOString().slice(0, 10));
      }
      expect(days.sort()).toEqual(expected);
    }
  });

  it('demo site has 2+ projects, 300+ issues with a hierarchy, mixed statuses, points and users per role', async () => {
    const { jira } = await createSandbox({ dataDir: null, now: FIXED_NOW });
    const state = jira.state;
    expect(state.projects.length).toBeGreaterThanOrEqual(2);
    expect(state.issues.length).toBeGreaterThanOrEqual(300);
    const levels = new Set(
      state.issues.map((i) => state.issueTypes.find((t) => t.id === i.issueTypeId)?.hierarchyLevel),
    );
    expect(levels).toEqual(new Set([1, 0, -1]));
    const categories = new Set(
      state.issues.map((i) => state.statuses.find((s) => s.id === i.statusId)?.category),
    );
    expect(categories).toEqual(new Set(['new', 'indeterminate', 'done']));
    // Story points belong on stories, tasks and bugs (not epics or subtasks); most of those carry them.
    const standardLevel = new Set(state.issueTypes.filter((t) => t.hierarchyLevel === 0).map((t) => t.id));
    const standard = state.issues.filter((i) => standardLevel.has(i.issueTypeId));
    const pointed = standard.filter((i) => typeof i.customFields[state.storyPointsFieldId] === 'number');
    expect(pointed.length / standard.length).toBeGreaterThan(0.6);
    expect(pointed.length).toBeLessThan(standard.length);
    expect(state.users.length).toBeGreaterThanOrEqual(4);
  });

  it('restores persisted state on the next start, and starts over with reset', async () => {
    const dataDir = newDataDir();
    const first = await createSandbox({ dataDir, now: FIXED_NOW });
    expect(first.fresh).toBe(true);
    const created = ok(await as(first, USERS.alice).admin('outcomes/create', { draft: buildDraft() }));
    first.persist();
    const restored = await createSandbox({ dataDir, now: FIXED_NOW });
    expect(restored.fresh).toBe(false);
    const page = ok(await as(restored, USERS.alice).admin('admin/load', {}));
    expect(page.outcomes.map((o) => o.id)).toEqual([created.id]);
    const reset = await createSandbox({ dataDir, now: FIXED_NOW, reset: true });
    expect(reset.fresh).toBe(true);
    expect(ok(await as(reset, USERS.alice).admin('admin/load', {})).outcomes).toHaveLength(0);
  });

  it('starts a fresh demo site, saying why, when the saved one is from an older emulator', async () => {
    const dataDir = newDataDir();
    const first = await createSandbox({ dataDir, now: FIXED_NOW });
    first.persist();
    // Before the app's account had project roles, the emulator wrote schemaVersion 1.
    const jiraFile = path.join(dataDir, 'jira.json');
    writeFileSync(
      jiraFile,
      JSON.stringify({ ...JSON.parse(readFileSync(jiraFile, 'utf8')), schemaVersion: 1 }),
    );
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const again = await createSandbox({ dataDir, now: FIXED_NOW });
      expect(again.fresh).toBe(true);
      expect(again.jira.state.schemaVersion).toBe(2);
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual([expect.stringContaining('Starting a fresh demo site')]);
  });
});
