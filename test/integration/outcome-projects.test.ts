import { beforeEach, describe, expect, it } from 'vitest';
import { buildDemoSite } from '../../sandbox/jira';
import type { Sandbox } from '../../sandbox/site';
import { MAX_PROJECTS_PER_OUTCOME } from '../../src/contract/limits';
import { buildDraft } from '../builders/outcome-draft';
import { as, FIXED_NOW, ok, testSandbox, USERS } from '../support/sandbox';

/** The demo site and 40 more projects like Checkout (the app and the same people in the same roles). */
function siteWithManyProjects() {
  const site = buildDemoSite({ now: FIXED_NOW });
  const chk = site.projects.find((p) => p.key === 'CHK');
  if (!chk) throw new Error('no CHK in the demo site');
  for (let i = 1; i <= 40; i++) {
    const n = String(i).padStart(2, '0');
    const { securityLevels: _none, ...like } = structuredClone(chk);
    site.projects.push({ ...like, id: String(20_000 + i), key: `P${n}`, name: `Project ${n}` });
  }
  return site;
}

const keysFrom = (first: number, count: number) =>
  Array.from({ length: count }, (_, i) => `P${String(first + i).padStart(2, '0')}`);

/** The project index entries stored for an outcome, read from the store itself, not through the app. */
function indexedProjects(sandbox: Sandbox, outcomeId: string): string[] {
  const entries = sandbox.kvs.snapshot().entities['outcome-project'] ?? [];
  return entries
    .map((e) => e.value as { outcomeId: string; projectKey: string })
    .filter((v) => v.outcomeId === outcomeId)
    .map((v) => v.projectKey)
    .sort();
}

describe("an outcome's projects, however many change at once", () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await testSandbox({ site: siteWithManyProjects() });
  });

  it('moves an outcome from 20 projects to 20 others in one save, every project page agreeing', async () => {
    const alice = as(sandbox, USERS.alice);
    expect(MAX_PROJECTS_PER_OUTCOME).toBe(20);
    const first = keysFrom(1, 20);
    const second = keysFrom(21, 20);
    const created = ok(await alice.admin('outcomes/create', { draft: buildDraft({ projectKeys: first }) }));
    expect(indexedProjects(sandbox, created.id)).toEqual(first);

    // 20 projects off and 20 on: 40 index changes, beside the outcome, where one transaction holds 25.
    const moved = ok(
      await alice.admin('outcomes/update', {
        id: created.id,
        expectedVersion: created.version,
        draft: buildDraft({ projectKeys: second }),
      }),
    );
    expect(moved.projectKeys).toEqual(second);
    expect(indexedProjects(sandbox, created.id)).toEqual(second);
    for (const key of [...first, ...second]) {
      const page = ok(await alice.project('project/load', { projectKey: key }));
      expect(
        page.outcomes.some((o) => o.id === created.id),
        key,
      ).toBe(second.includes(key));
    }

    const preview = ok(await alice.admin('outcomes/delete-preview', { id: created.id }));
    ok(
      await alice.admin('outcomes/delete', {
        id: created.id,
        expectedVersion: moved.version,
        confirmedLinkedTickets: preview.linkedTickets,
      }),
    );
    expect(indexedProjects(sandbox, created.id)).toEqual([]);
  });

  it('lists an outcome on no project a save that lost the race would have added', async () => {
    const alice = as(sandbox, USERS.alice);
    const created = ok(await alice.admin('outcomes/create', { draft: buildDraft({ projectKeys: ['CHK'] }) }));
    const saves = await Promise.all(
      [keysFrom(1, 15), keysFrom(21, 15)].map((added) =>
        alice.admin('outcomes/update', {
          id: created.id,
          expectedVersion: created.version,
          draft: buildDraft({ projectKeys: ['CHK', ...added] }),
        }),
      ),
    );
    expect(saves.filter((s) => s.ok)).toHaveLength(1);
    expect(saves.filter((s) => !s.ok).map((s) => !s.ok && s.error.code)).toEqual(['CONFLICT']);
    const stored = ok(await alice.admin('outcomes/get', { id: created.id })).outcome;
    for (const key of ['CHK', ...keysFrom(1, 15), ...keysFrom(21, 15)]) {
      const page = ok(await alice.project('project/load', { projectKey: key }));
      expect(
        page.outcomes.some((o) => o.id === created.id),
        key,
      ).toBe(stored.projectKeys.includes(key));
    }
  });
});
