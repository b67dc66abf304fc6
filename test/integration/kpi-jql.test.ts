import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ACCOUNT_ID, type Sandbox } from '../../sandbox/site';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { withCopiesOf } from '../builders/site';
import { issueKeys, visibleTo } from '../support/jira-state';
import { as, failure, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';

const DONE_BUGS = 'project = CHK AND issuetype = Bug AND statusCategory = Done';
const ALL_BUGS = 'project = CHK AND issuetype = Bug';

describe('KPIs computed from Jira', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  const admin = () => as(sandbox, USERS.alice).admin;
  /** An independent count, straight from the emulated site. */
  const bugs = (doneOnly: boolean, seenBy = APP_ACCOUNT_ID) => {
    const state = sandbox.jira.state;
    const chk = state.projects.find((p) => p.key === 'CHK');
    const bug = state.issueTypes.find((t) => t.name === 'Bug');
    const done = new Set(state.statuses.filter((s) => s.category === 'done').map((s) => s.id));
    // By default what the hourly refresh can count: the app's own account sees none of CHK's Confidential work.
    return state.issues
      .filter(
        (i) => i.projectId === chk?.id && i.issueTypeId === bug?.id && (!doneOnly || done.has(i.statusId)),
      )
      .filter(visibleTo(state, seenBy));
  };

  // Each test starts from its own site with one outcome and no KPIs.
  beforeEach(async () => {
    sandbox = await testSandbox();
    outcomeId = ok(await admin()('outcomes/create', { draft: buildDraft() })).id;
  });

  /** A KPI counting the Checkout bugs that reached Done, as Jira counts them. */
  const createBugsFixed = async () =>
    ok(
      await admin()('kpis/create', {
        draft: buildKpi(outcomeId, {
          name: 'Checkout bugs fixed',
          description: 'Bugs in Checkout that reached Done.',
          unit: 'count',
          direction: 'increase',
          baseline: 0,
          target: 40,
          source: { type: 'jql-count', jql: DONE_BUGS },
        }),
      }),
    ).kpis.find((k) => k.name === 'Checkout bugs fixed');

  it('checks JQL as the admin types: syntax first, then Jira', async () => {
    // Counted as Alice, who is in CHK's Confidential level; of those, the ones the app's user cannot see.
    const hers = bugs(true, USERS.alice).length;
    expect(ok(await admin()('jql/check', { jql: DONE_BUGS }))).toEqual({
      valid: true,
      // Counted one by one (a few tickets), so not Jira's estimate.
      count: hers,
      countEstimated: false,
      message: null,
      hiddenFromApp: hers - bugs(true).length,
    });
    const syntax = ok(await admin()('jql/check', { jql: 'project = = CHK' }));
    expect(syntax).toMatchObject({ valid: false, message: expect.stringMatching(/does not parse/) });
    const jira = ok(await admin()('jql/check', { jql: 'nosuchfield = 3' }));
    expect(jira).toMatchObject({ valid: false, message: expect.stringMatching(/nosuchfield/) });
    // A rule's JQL checked inside its projects, as the rule editor sends it: the position counts in what
    // was typed. By hand: `project in ("CHK") AND (` is 24 characters, so the ")" typed 30th is the
    // query's 54th.
    const typed = 'issuetype = Bug AND status = )';
    const wrapped = `project in ("CHK") AND (${typed})`;
    expect(wrapped.indexOf(typed)).toBe(24);
    const rule = ok(await admin()('jql/check', { jql: wrapped, typed }));
    expect(rule.message).toContain('character 30 of what you typed, at “)”');
    // Sent alone, the whole query is what was typed: the same ")" is its 54th character.
    expect(ok(await admin()('jql/check', { jql: wrapped })).message).toContain(
      'character 54 of what you typed, at “))”',
    );
  });

  it('refuses to save a KPI whose JQL does not run, with the reason on the field', async () => {
    const reply = failure(
      await admin()('kpis/create', {
        draft: buildKpi(outcomeId, {
          unit: 'count',
          direction: 'increase',
          baseline: 0,
          target: 10,
          source: { type: 'jql-count', jql: 'nosuchfield = 3' },
        }),
      }),
    );
    expect(reply.fieldErrors).toEqual([
      { path: 'draft.source.jql', message: expect.stringMatching(/nosuchfield/) },
    ]);
  });

  it('computes a count KPI at once, and again after the work changes, keeping the history', async () => {
    const kpi = await createBugsFixed();
    expect(kpi?.current).toBe(bugs(true).length);
    expect(kpi?.lastRefresh?.error).toBeNull();

    const open = bugs(false).find((i) => !bugs(true).includes(i));
    sandbox.jira.updateIssue(open?.key ?? '', { status: 'Done' }, USERS.evan);
    // Refreshed once Jira's search has the change: a count sees the site as its index has it.
    await searchCaughtUp(sandbox);
    const refreshed = ok(await admin()('kpis/refresh', { id: kpi?.id ?? '' }));
    expect(refreshed.kpis.find((k) => k.id === kpi?.id)?.current).toBe(bugs(true).length);

    const history = ok(await admin()('kpis/history', { id: kpi?.id ?? '' }));
    expect(history.checkIns).toHaveLength(2);
    expect(history.checkIns[0]).toMatchObject({
      author: null,
      source: 'jql',
      confidence: 'high',
      value: bugs(true).length,
    });
    expect(history.checkIns[0]?.note).toMatch(/^Counted in Jira: \d+ tickets\.$/);
  });

  it('computes a ratio in percent and the scheduled trigger refreshes every JQL KPI', async () => {
    const count = await createBugsFixed();
    expect(count?.current).toBe(bugs(true).length);
    const created = ok(
      await admin()('kpis/create', {
        draft: buildKpi(outcomeId, {
          name: 'Share of bugs fixed',
          description: 'Done bugs as a share of all Checkout bugs.',
          unit: 'percent',
          direction: 'increase',
          baseline: 10,
          target: 80,
          source: { type: 'jql-ratio', numeratorJql: DONE_BUGS, denominatorJql: ALL_BUGS },
        }),
      }),
    );
    const ratio = created.kpis.find((k) => k.name === 'Share of bugs fixed');
    const expected = (done: number, all: number) => Number(((done / all) * 100).toFixed(6));
    expect(ratio?.current).toBe(expected(bugs(true).length, bugs(false).length));

    for (const issue of bugs(false)
      .filter((i) => !bugs(true).includes(i))
      .slice(0, 2)) {
      sandbox.jira.updateIssue(issue.key, { status: 'Done' }, USERS.evan);
    }
    // The hourly refresh counts once Jira's search has the changes.
    await searchCaughtUp(sandbox);
    await sandbox.host.runScheduled('kpi-refresh-schedule');
    const after = ok(await admin()('outcomes/get', { id: outcomeId })).kpis;
    expect(after.find((k) => k.id === ratio?.id)?.current).toBe(
      expected(bugs(true).length, bugs(false).length),
    );
    expect(after.find((k) => k.name === 'Checkout bugs fixed')?.current).toBe(bugs(true).length);
  });

  it('records why a ratio has no value instead of inventing one', async () => {
    const created = ok(
      await admin()('kpis/create', {
        draft: buildKpi(outcomeId, {
          name: 'Reopen rate of mobile bugs',
          description: 'Reopened bugs among mobile checkout bugs.',
          unit: 'percent',
          direction: 'decrease',
          baseline: 20,
          target: 5,
          source: {
            type: 'jql-ratio',
            numeratorJql: 'project = CHK AND labels = nonexistent-label',
            denominatorJql: 'project = CHK AND labels = nonexistent-label',
          },
        }),
      }),
    );
    const kpi = created.kpis.find((k) => k.name === 'Reopen rate of mobile bugs');
    expect(kpi?.current).toBeNull();
    expect(kpi?.lastRefresh?.error).toMatch(/matched no tickets/);
    expect(issueKeys(sandbox.jira.state, 'CHK').length).toBeGreaterThan(0);
  });
});

describe('a KPI over more tickets than the app counts one by one', () => {
  it('records a value from Jira’s estimate as one: low confidence and "about", never as counted', async () => {
    // A site with over 1,000 Platform tickets: Jira's approximate count is then what the app has.
    const site = (await testSandbox()).jira.toJSON();
    const plat = site.projects.find((p) => p.key === 'PLAT');
    const template = site.issues.find((i) => i.projectId === plat?.id && i.parentId === null);
    if (!plat || !template) throw new Error('no Platform ticket to copy');
    const bigger = withCopiesOf(site, template.key, 1100, { properties: {} });
    const sandbox = await testSandbox({ site: bigger });
    const admin = as(sandbox, USERS.alice).admin;
    const outcomeId = ok(await admin('outcomes/create', { draft: buildDraft({ projectKeys: ['PLAT'] }) })).id;
    const created = ok(
      await admin('kpis/create', {
        draft: buildKpi(outcomeId, {
          name: 'Platform tickets',
          description: 'Every ticket of Platform.',
          unit: 'count',
          direction: 'increase',
          baseline: 0,
          target: 5000,
          source: { type: 'jql-count', jql: 'project = PLAT' },
        }),
      }),
    ).kpis.find((k) => k.name === 'Platform tickets');
    const truth = sandbox.jira.state.issues.filter((i) => i.projectId === plat.id).length;
    expect(truth).toBeGreaterThan(1000);
    // Off by at most the emulator's error: what Jira's estimate may be.
    const error = Math.round(truth * sandbox.jira.behaviours.countEstimates.relativeError);
    expect(Math.abs((created?.current ?? 0) - truth)).toBeLessThanOrEqual(error);
    const [checkIn] = ok(await admin('kpis/history', { id: created?.id ?? '' })).checkIns;
    expect(checkIn).toMatchObject({ source: 'jql', confidence: 'low', value: created?.current });
    expect(checkIn?.note).toBe(`Estimated by Jira: about ${created?.current} tickets.`);
  });
});
