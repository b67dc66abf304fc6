import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOutcomes } from '../../sandbox/seed-outcomes';
import type { Sandbox } from '../../sandbox/site';
import { as, FIXED_NOW, ok, testSandbox, USERS } from '../support/sandbox';
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
    outcomeId =
      ok(await as(sandbox, USERS.alice).project('project/load', { projectKey: 'CHK' })).outcomes[0]?.id ?? '';
  });

  it('lists at least the documented examples', () => {
    expect(readmeJql.length).toBeGreaterThanOrEqual(5);
  });

  it('every example runs, with the example outcome id replaced by a real one', async () => {
    for (const example of readmeJql) {
      const { status } = await search(example.replaceAll('o-5c1e0a9b2f', outcomeId));
      expect(status, example).toBe(200);
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
