import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOutcomes } from '../../sandbox/seed-outcomes';
import type { Sandbox } from '../../sandbox/site';
import { LINKS_PROPERTY_KEY } from '../../src/domain/links';
import { buildDraft } from '../builders/outcome-draft';
import { as, FIXED_NOW, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';
import { REPO_ROOT } from '../support/source-files';

/** The JQL examples the README promises users, taken from its table. */
const readmeJql = [
  ...readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').matchAll(/^\|\s*`([^`]+)`\s*\|[^|]*\|\s*$/gm),
].map((m) => m[1] as string);

describe('the JQL the README offers users', () => {
  let sandbox: Sandbox;
  let outcomeId: string;

  const search = async (jql: string) => {
    const reply = await sandbox.jira.handle(
      {
        method: 'POST',
        url: '/rest/api/3/search/jql',
        body: JSON.stringify({ jql, fields: ['key'], maxResults: 5000 }),
      },
      { type: 'user', accountId: USERS.alice },
    );
    return {
      status: reply.status,
      keys: (JSON.parse(reply.body) as { issues?: { key: string }[] }).issues?.map((i) => i.key) ?? [],
    };
  };

  beforeAll(async () => {
    sandbox = await testSandbox();
    await seedDemoOutcomes(sandbox, FIXED_NOW);
    const outcomes = ok(
      await as(sandbox, USERS.alice).project('project/load', { projectKey: 'CHK' }),
    ).outcomes;
    outcomeId = outcomes[0]?.id ?? '';
    // A rule of another outcome over CHK bugs, so some tickets serve two outcomes and some carry a rule.
    const admin = as(sandbox, USERS.alice).admin;
    const other = ok(
      await admin('outcomes/create', {
        draft: buildDraft({ title: 'Fewer defects', projectKeys: ['CHK'] }),
      }),
    ).id;
    const rule = ok(await admin('rules/create', { draft: { outcomeId: other, jql: 'issuetype = Bug' } }));
    ok(await admin('rules/backfill', { id: rule.id }));
    await sandbox.settle();
    // The examples are searches people run: they see the links once Jira's index has them.
    await searchCaughtUp(sandbox);
  });

  /** What each ticket serves, worked out from the stored facts and the parent chain, not from the index. */
  const served = () => {
    const state = sandbox.jira.state;
    const byId = new Map(state.issues.map((i) => [i.id, i]));
    const factsOf = (id: string) =>
      (byId.get(id)?.properties[LINKS_PROPERTY_KEY] ?? {}) as Partial<{
        own: { outcomeId: string }[];
        mapped: { outcomeId: string }[];
        excluded: string[];
        optOutOfInheritance: boolean;
      }>;
    const outcomesOf = (id: string): Set<string> => {
      const facts = factsOf(id);
      const excluded = new Set(facts.excluded ?? []);
      const out = new Set((facts.own ?? []).map((l) => l.outcomeId));
      for (const l of facts.mapped ?? []) if (!excluded.has(l.outcomeId)) out.add(l.outcomeId);
      const parentId = byId.get(id)?.parentId;
      if (parentId && !facts.optOutOfInheritance)
        for (const o of outcomesOf(parentId)) if (!excluded.has(o)) out.add(o);
      return out;
    };
    const chk = state.projects.find((p) => p.key === 'CHK')?.id;
    return state.issues.map((i) => ({
      key: i.key,
      inChk: i.projectId === chk,
      outcomes: outcomesOf(i.id),
      own: new Set((factsOf(i.id).own ?? []).map((l) => l.outcomeId)),
      mapped: (factsOf(i.id).mapped ?? []).length,
      viaParent: i.parentId ? outcomesOf(i.parentId) : new Set<string>(),
    }));
  };
  const sorted = (keys: string[]) => [...keys].sort();

  it('lists at least the documented examples', () => {
    expect(readmeJql.length).toBeGreaterThanOrEqual(5);
  });

  it('every example runs, with the example outcome id replaced by a real one', async () => {
    for (const example of readmeJql) {
      const { status } = await search(example.replaceAll('o-5c1e0a9b2f', outcomeId));
      expect(status, example).toBe(200);
    }
  });

  it('the examples find exactly the tickets they describe', async () => {
    const tickets = served();
    const expected = {
      [`outcome = "${outcomeId}"`]: tickets.filter((t) => t.outcomes.has(outcomeId)),
      [`outcomeDirect = "${outcomeId}"`]: tickets.filter((t) => t.own.has(outcomeId)),
      'project = CHK AND outcomeCount >= 2': tickets.filter((t) => t.inChk && t.outcomes.size >= 2),
      'outcomeRule IS NOT EMPTY': tickets.filter((t) => t.mapped > 0),
      [`outcomeInherited = "${outcomeId}"`]: tickets.filter((t) => t.viaParent.has(outcomeId)),
    };
    for (const [jql, want] of Object.entries(expected)) {
      expect(
        readmeJql.map((e) => e.replaceAll('o-5c1e0a9b2f', outcomeId)),
        jql,
      ).toContain(jql);
      expect(want.length, jql).toBeGreaterThan(0);
      expect(sorted((await search(jql)).keys), jql).toEqual(sorted(want.map((t) => t.key)));
    }
  });

  it('the alias and the full property path find the same tickets, and unlinked work is the rest', async () => {
    const byAlias = await search(`outcome = "${outcomeId}"`);
    const byPath = await search(`issue.property[outcome-bridge-links].effectiveOutcomeIds = "${outcomeId}"`);
    expect(byAlias.keys.length).toBeGreaterThan(0);
    expect(byPath.keys).toEqual(byAlias.keys);
    const all = await search('project = CHK');
    const unlinked = await search('project = CHK AND outcome IS EMPTY');
    const linked = await search('project = CHK AND outcome IS NOT EMPTY');
    expect(unlinked.keys.length + linked.keys.length).toBe(all.keys.length);
  });
});
