import { beforeEach, describe, expect, it } from 'vitest';
import type { JiraIssueEvent } from '../../sandbox/jira';
import { APP_ACCOUNT_ID, type Sandbox } from '../../sandbox/site';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { linksPropertyOf } from '../support/jira-state';
import { as, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';

/** Two epics of CHK with a story each, built for this test so nothing else touches them. */
function hierarchy(sandbox: Sandbox) {
  const create = (summary: string, issueType: string, parentKey?: string) =>
    sandbox.jira.createIssue(
      { project: 'CHK', issueType, summary, ...(parentKey ? { parentKey } : {}) },
      USERS.evan,
    ).key;
  const epicA = create('Epic A', 'Epic');
  const epicB = create('Epic B', 'Epic');
  const story = create('Story under A', 'Story', epicA);
  const subtask = create('Subtask of the story', 'Subtask', story);
  return { epicA, epicB, story, subtask };
}

const effective = (sandbox: Sandbox, key: string) =>
  (linksPropertyOf(sandbox.jira.state, key) as { effectiveOutcomeIds?: string[] } | undefined)
    ?.effectiveOutcomeIds ?? [];

describe('inheritance down the parent chain', () => {
  let sandbox: Sandbox;
  let keys: ReturnType<typeof hierarchy>;
  let outcomeA: string;
  let outcomeB: string;

  // Each test starts from its own site: two outcomes and the hierarchy, nothing linked yet.
  beforeEach(async () => {
    sandbox = await testSandbox();
    const admin = as(sandbox, USERS.alice).admin;
    outcomeA = ok(await admin('outcomes/create', { draft: buildDraft({ title: 'Outcome of epic A' }) })).id;
    outcomeB = ok(await admin('outcomes/create', { draft: buildDraft({ title: 'Outcome of epic B' }) })).id;
    keys = hierarchy(sandbox);
    await sandbox.settle();
    // The story starts from tickets that exist: Jira's search has them (it lags behind writes by seconds).
    await searchCaughtUp(sandbox);
  });

  /** An editor links the ticket from its panel, and the inheritance below it has run. */
  const link = async (issueKey: string, outcomeId: string) => {
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey, outcomeId }));
    await sandbox.settle();
  };

  it('linking an epic reaches its stories and their subtasks, saying where it comes from', async () => {
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: keys.epicA, outcomeId: outcomeA }));
    await sandbox.settle();
    expect(effective(sandbox, keys.story)).toEqual([outcomeA]);
    expect(effective(sandbox, keys.subtask)).toEqual([outcomeA]);
    const panel = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: keys.subtask }));
    expect(panel.links).toEqual([
      expect.objectContaining({ outcomeId: outcomeA, source: 'inherited', inheritedFrom: keys.epicA }),
    ]);
  });

  it('passes on the KPIs the epic’s link names, and their changes, so a subtask knows what it should move', async () => {
    await link(keys.epicA, outcomeA);
    const kpi = ok(await as(sandbox, USERS.alice).admin('kpis/create', { draft: buildKpi(outcomeA) })).kpis[0]
      ?.id as string;
    ok(
      await as(sandbox, USERS.evan).panel('links/update', {
        issueKey: keys.epicA,
        outcomeId: outcomeA,
        kpiIds: [kpi],
      }),
    );
    await sandbox.settle();
    const panel = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: keys.subtask }));
    expect(panel.links[0]?.kpis.map((k) => k.id)).toEqual([kpi]);
    // The test's own search: it waits for Jira's index, as any client reading by JQL must.
    await searchCaughtUp(sandbox);
    const reply = await sandbox.jira.handle(
      {
        method: 'POST',
        url: '/rest/api/3/search/jql',
        body: JSON.stringify({ jql: `outcomeKpi = "${kpi}"`, fields: ['key'] }),
      },
      { type: 'app' },
    );
    const found = (JSON.parse(reply.body) as { issues: { key: string }[] }).issues.map((i) => i.key);
    expect(found).toEqual(expect.arrayContaining([keys.epicA, keys.story, keys.subtask]));
    ok(
      await as(sandbox, USERS.evan).panel('links/update', {
        issueKey: keys.epicA,
        outcomeId: outcomeA,
        kpiIds: [],
      }),
    );
    await sandbox.settle();
    const after = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: keys.subtask }));
    expect(after.links[0]?.kpis).toEqual([]);
  });

  it('a ticket created under a linked epic inherits at once (the created trigger)', async () => {
    await link(keys.epicA, outcomeA);
    const created = sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Story', summary: 'New story', parentKey: keys.epicA },
      USERS.evan,
    );
    await sandbox.settle();
    expect(effective(sandbox, created.key)).toEqual([outcomeA]);
  });

  it('moving a story to another epic moves what it and its subtasks inherit', async () => {
    await link(keys.epicA, outcomeA);
    await link(keys.epicB, outcomeB);
    sandbox.jira.updateIssue(keys.story, { parentKey: keys.epicB }, USERS.evan);
    await sandbox.settle();
    expect(effective(sandbox, keys.story)).toEqual([outcomeB]);
    expect(effective(sandbox, keys.subtask)).toEqual([outcomeB]);
  });

  it('unlinking the epic takes the outcome off everything below it', async () => {
    await link(keys.epicA, outcomeA);
    expect(effective(sandbox, keys.subtask)).toEqual([outcomeA]);
    ok(await as(sandbox, USERS.evan).panel('links/remove', { issueKey: keys.epicA, outcomeId: outcomeA }));
    await sandbox.settle();
    expect(effective(sandbox, keys.story)).toEqual([]);
    expect(effective(sandbox, keys.subtask)).toEqual([]);
  });

  it('a child can opt out of inheritance, or remove one inherited outcome, and keeps that choice', async () => {
    await link(keys.epicA, outcomeA);
    ok(await as(sandbox, USERS.evan).panel('links/remove', { issueKey: keys.story, outcomeId: outcomeA }));
    await sandbox.settle();
    expect(effective(sandbox, keys.story)).toEqual([]);
    const panel = ok(await as(sandbox, USERS.evan).panel('panel/load', { issueKey: keys.story }));
    expect(panel.removed).toEqual([{ outcomeId: outcomeA, title: 'Outcome of epic A' }]);
    // The subtask inherits through the story, which no longer serves A.
    expect(effective(sandbox, keys.subtask)).toEqual([]);
    ok(await as(sandbox, USERS.evan).panel('links/restore', { issueKey: keys.story, outcomeId: outcomeA }));
    await sandbox.settle();
    expect(effective(sandbox, keys.subtask)).toEqual([outcomeA]);
    ok(await as(sandbox, USERS.evan).panel('links/inheritance', { issueKey: keys.subtask, optOut: true }));
    await sandbox.settle();
    expect(effective(sandbox, keys.subtask)).toEqual([]);
  });

  it('replaying or reordering the same events gives the same properties', async () => {
    await link(keys.epicA, outcomeA);
    await link(keys.epicB, outcomeB);
    const snapshot = () =>
      JSON.stringify(Object.values(keys).map((k) => linksPropertyOf(sandbox.jira.state, k) ?? null));
    const before = snapshot();
    const events: JiraIssueEvent[] = Object.values(keys).map((key) => {
      const issue = sandbox.jira.getIssue(key);
      return {
        eventType: 'avi:jira:updated:issue',
        atlassianId: USERS.evan,
        issue: { id: issue?.id ?? '', key, fields: {} },
      } as unknown as JiraIssueEvent;
    });
    for (const event of [...events, ...events.reverse(), ...events]) sandbox.triggers.dispatch(event);
    await sandbox.settle();
    expect(snapshot()).toBe(before);
  });

  it('the app’s own property writes start no further work (ignoreSelf)', async () => {
    const counters = { ...sandbox.triggers.counters };
    sandbox.jira.updateIssue(keys.epicA, { summary: 'Epic A, renamed by the app' }, APP_ACCOUNT_ID);
    await sandbox.settle();
    expect(sandbox.triggers.counters.ignoredSelf).toBe(counters.ignoredSelf + 1);
    expect(sandbox.triggers.counters.dispatched).toBe(counters.dispatched);
  });
});

describe('deleting a linked epic', () => {
  it('takes what its children and their subtasks inherited from it off them', async () => {
    const sandbox = await testSandbox();
    const outcomeId = ok(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({ title: 'Epic to delete' }),
      }),
    ).id;
    const { epicA, story, subtask } = hierarchy(sandbox);
    await searchCaughtUp(sandbox);
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: epicA, outcomeId }));
    await sandbox.settle();
    expect(effective(sandbox, story)).toEqual([outcomeId]);
    expect(effective(sandbox, subtask)).toEqual([outcomeId]);

    // Someone deletes the epic later, once Jira's search shows what its children inherited. Jira sends the
    // epic's delete event only (documentedEvents): the app finds the children by what they inherit from it.
    await searchCaughtUp(sandbox);
    const events = sandbox.triggers.counters.dispatched;
    sandbox.jira.deleteIssue(epicA, USERS.evan);
    await sandbox.settle();
    expect(sandbox.triggers.counters.dispatched).toBe(events + 1);
    expect(sandbox.jira.getIssue(epicA)).toBeUndefined();
    for (const key of [story, subtask]) {
      expect(effective(sandbox, key), key).toEqual([]);
      expect((linksPropertyOf(sandbox.jira.state, key) as { inherited: unknown[] }).inherited, key).toEqual(
        [],
      );
    }
    // The panel no longer names the deleted epic as a source.
    const panel = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: subtask }));
    expect(panel.links).toEqual([]);
  });

  it('is repaired by the nightly check when the delete event never arrives', async () => {
    const sandbox = await testSandbox();
    const alice = as(sandbox, USERS.alice);
    const outcomeId = ok(
      await alice.admin('outcomes/create', { draft: buildDraft({ title: 'Epic whose deletion is lost' }) }),
    ).id;
    const { epicA, story, subtask } = hierarchy(sandbox);
    await searchCaughtUp(sandbox);
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: epicA, outcomeId }));
    await sandbox.settle();
    await searchCaughtUp(sandbox);

    // Simulated: the epic's delete event is lost (Forge does not promise delivery to an app that was, say,
    // being upgraded). No real part can drop one event, so the dispatcher is wrapped for this deletion only.
    const dispatch = sandbox.triggers.dispatch.bind(sandbox.triggers);
    let lost = 0;
    sandbox.triggers.dispatch = (event, options) => {
      if (event.eventType === 'avi:jira:deleted:issue') {
        lost++;
        return;
      }
      dispatch(event, options);
    };
    try {
      sandbox.jira.deleteIssue(epicA, USERS.evan);
      await sandbox.settle();
    } finally {
      sandbox.triggers.dispatch = dispatch;
    }
    expect(lost).toBe(1);
    // Nothing told the app: the children still hold the deleted epic's outcome.
    expect(effective(sandbox, story)).toEqual([outcomeId]);
    expect(effective(sandbox, subtask)).toEqual([outcomeId]);

    // The nightly check, later.
    await searchCaughtUp(sandbox);
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    for (const key of [story, subtask]) {
      expect(effective(sandbox, key), key).toEqual([]);
      expect((linksPropertyOf(sandbox.jira.state, key) as { inherited: unknown[] }).inherited, key).toEqual(
        [],
      );
    }
    // And the outcome's figures count what serves it on the site now.
    const chk = sandbox.jira.state.projects.find((p) => p.key === 'CHK');
    const serving = sandbox.jira.state.issues.filter(
      (i) =>
        i.projectId === chk?.id &&
        ((
          linksPropertyOf(sandbox.jira.state, i.key) as { effectiveOutcomeIds?: string[] } | undefined
        )?.effectiveOutcomeIds?.includes(outcomeId) ??
          false),
    );
    expect(serving).toEqual([]);
    const row = ok(await alice.project('project/load', { projectKey: 'CHK' })).outcomes.find(
      (o) => o.id === outcomeId,
    );
    expect(row?.linkedCount).toBe(0);
  });
});
