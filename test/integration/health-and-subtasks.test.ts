import { describe, expect, it } from 'vitest';
import { buildDraft } from '../builders/outcome-draft';
import { as, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';

/** The calendar day `offset` days from today (UTC), as the resolvers see today. */
function daysFromToday(offset: number): string {
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  return new Date(day.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

describe('health follows the thresholds an admin sets', () => {
  it('classes the same outcome on track, at risk or off track as the settings change', async () => {
    const sandbox = await testSandbox();
    // Nearly all the time gone, so the gap is large and known: elapsed − delivery (there is no KPI value).
    const outcomeId = ok(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({ startDate: daysFromToday(-300), dueDate: daysFromToday(1) }),
      }),
    ).id;
    const state = sandbox.jira.state;
    const epic = state.issues.find((i) => {
      const type = state.issueTypes.find((t) => t.id === i.issueTypeId);
      return type?.hierarchyLevel === 1 && state.issues.some((c) => c.parentId === i.id);
    });
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: epic?.key ?? '', outcomeId }));
    await sandbox.settle();

    const row = async () =>
      ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' })).outcomes.find(
        (o) => o.id === outcomeId,
      );
    const first = await row();
    const gap = (first?.figures.timeElapsed ?? 0) - (first?.figures.deliveryRatio ?? 1);
    expect(gap).toBeGreaterThan(0.1);
    expect(gap).toBeLessThan(0.95);

    let version = ok(await as(sandbox, USERS.alice).admin('settings/get', {})).version;
    const set = async (atRiskGap: number, offTrackGap: number) => {
      const current = ok(await as(sandbox, USERS.alice).admin('settings/get', {}));
      version = ok(
        await as(sandbox, USERS.alice).admin('settings/update', {
          expectedVersion: version,
          settings: { ...current.settings, atRiskGap, offTrackGap },
        }),
      ).version;
    };
    await set(gap + 0.02, Math.min(1, gap + 0.04));
    expect((await row())?.figures.health).toBe('on-track');
    await set(gap - 0.02, Math.min(1, gap + 0.02));
    expect((await row())?.figures.health).toBe('at-risk');
    await set(gap - 0.04, gap - 0.02);
    const last = await row();
    expect(last?.figures.health).toBe('off-track');
    expect(last?.figures.explanation).toMatch(/off track beyond/);
  });
});

describe('subtasks when only parents count', () => {
  it('counts a subtask linked on its own, its parent not serving the outcome', async () => {
    const sandbox = await testSandbox();
    const outcomeId = ok(await as(sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft() })).id;
    const state = sandbox.jira.state;
    const chk = state.projects.find((p) => p.key === 'CHK');
    const sub = state.issues.find((i) => {
      const type = state.issueTypes.find((t) => t.id === i.issueTypeId);
      return type?.hierarchyLevel === -1 && i.projectId === chk?.id && i.parentId !== null;
    });
    const parent = state.issues.find((i) => i.id === sub?.parentId);
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: sub?.key ?? '', outcomeId }));
    await sandbox.settle();
    const row = async () =>
      ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' })).outcomes.find(
        (o) => o.id === outcomeId,
      );
    const alone = await row();
    expect(alone?.figures.tickets.total).toBe(1);
    expect(alone?.figures.excluded.subtasks).toBe(0);

    // The reconciliation, reading the ticket from a search, counts it the same way.
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    expect((await row())?.lastDrift?.corrected).toBe(0);
    expect((await row())?.figures.tickets.total).toBe(1);

    // Once the parent serves the outcome too, the parent counts and the subtask counts through it.
    // The live updates get there by themselves (the subtask's own link is unchanged, only what it
    // inherits moved), and the nightly check then finds nothing to correct.
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: parent?.key ?? '', outcomeId }));
    await sandbox.settle();
    const siblings = state.issues.filter((i) => i.parentId === parent?.id).length;
    expect(siblings).toBeGreaterThanOrEqual(1);
    const live = await row();
    expect(live?.figures.tickets.total).toBe(1);
    // Its sibling subtasks now inherit the outcome as well, and count through the parent too.
    expect(live?.figures.excluded.subtasks).toBe(siblings);
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    const both = await row();
    expect(both?.lastDrift?.corrected).toBe(0);
    expect(both?.figures.tickets.total).toBe(1);
    expect(both?.figures.excluded.subtasks).toBe(siblings);
  });

  it('lists an overdue subtask linked on its own, its parent not serving the outcome, as the figures count it', async () => {
    const sandbox = await testSandbox();
    const outcomeId = ok(await as(sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft() })).id;
    const state = sandbox.jira.state;
    const chk = state.projects.find((p) => p.key === 'CHK');
    const done = new Set(state.statuses.filter((st) => st.category === 'done').map((st) => st.id));
    // An open subtask whose parent serves nothing, made overdue through Jira's own API (the resolvers
    // use the real clock, so "overdue" is a day before today's).
    const sub = state.issues.find((i) => {
      const type = state.issueTypes.find((t) => t.id === i.issueTypeId);
      return (
        type?.hierarchyLevel === -1 && i.projectId === chk?.id && i.parentId !== null && !done.has(i.statusId)
      );
    });
    expect(sub).toBeDefined();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const edit = await sandbox.jira.handle(
      {
        method: 'PUT',
        url: `/rest/api/3/issue/${sub?.key}`,
        body: JSON.stringify({ fields: { duedate: yesterday } }),
      },
      { type: 'user', accountId: USERS.alice },
    );
    expect(edit.status).toBe(204);
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: sub?.key ?? '', outcomeId }));
    await sandbox.settle();
    // The lists are searches: a reader opening the outcome sees the subtask once Jira's index has the link.
    await searchCaughtUp(sandbox);
    const detail = ok(
      await as(sandbox, USERS.rita).project('project/outcome', { projectKey: 'CHK', outcomeId }),
    );
    expect(detail.row.figures.overdue).toBe(1);
    expect(detail.lists.overdue.count).toBe(1);
    expect(detail.lists.overdue.tickets.map((t) => t.key)).toEqual([sub?.key]);
  });
});
