import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../sandbox/jira';
import { as, call, makeEmulator } from './harness';

/** An issue under a security level is seen only by the level's members, as in Jira Cloud. */
describe('issue security levels', () => {
  const secured = () => {
    // Search lag off: these tests isolate who may see a secured issue, on a clock that does not move (the
    // index would never learn of the level); search-lag.test.ts covers the lag. The demo site's own
    // confidential work off: the one secured issue here is the only one (search.test.ts covers that work).
    const emu = makeEmulator(undefined, {
      searchLag: { enabled: false },
      confidentialWork: { enabled: false },
    });
    const issue = emu.toJSON().issues.find((i) => i.key.startsWith('CHK-')) as { key: string; id: string };
    emu.setIssueSecurity(issue.key, 'Finance only', [DEMO_ACCOUNTS.alice]);
    return { emu, issue };
  };

  it('hides the issue from everyone else in the project, as if it did not exist', async () => {
    const { emu, issue } = secured();
    expect((await call(emu, as.alice, 'GET', `/rest/api/3/issue/${issue.key}`)).status).toBe(200);
    const hidden = await call(emu, as.priya, 'GET', `/rest/api/3/issue/${issue.key}`);
    const missing = await call(emu, as.priya, 'GET', '/rest/api/3/issue/CHK-99999');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toBe(missing.body);
  });

  it('leaves it out of searches and counts, for the app as for anyone not in the level', async () => {
    const { emu, issue } = secured();
    const count = async (principal: Parameters<typeof call>[1]) =>
      (
        await call<{ count: number }>(emu, principal, 'POST', '/rest/api/3/search/approximate-count', {
          jql: 'project = CHK',
        })
      ).json.count;
    const all = emu.toJSON().issues.filter((i) => i.key.startsWith('CHK-')).length;
    expect(await count(as.alice)).toBe(all);
    expect(await count(as.priya)).toBe(all - 1);
    expect(await count(as.app)).toBe(all - 1);
    // Jira names a key it will not show as one that does not exist.
    const byKey = await call(emu, as.priya, 'POST', '/rest/api/3/search/approximate-count', {
      jql: `key = ${issue.key}`,
    });
    expect(byKey.status).toBe(400);
  });

  it('is not granted by a bulk permission check to someone outside the level', async () => {
    const { emu, issue } = secured();
    const check = async (accountId: string) =>
      (
        await call<{ projectPermissions: { issues: number[] }[] }>(
          emu,
          // A Jira admin may ask about anyone (the app may not: README, permission checks).
          as.alice,
          'POST',
          '/rest/api/3/permissions/check',
          {
            accountId,
            projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: [Number(issue.id)] }],
          },
        )
      ).json.projectPermissions[0]?.issues;
    expect(await check(DEMO_ACCOUNTS.alice)).toEqual([Number(issue.id)]);
    expect(await check(DEMO_ACCOUNTS.priya)).toEqual([]);
  });
});
