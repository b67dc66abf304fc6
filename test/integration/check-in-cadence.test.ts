import { kvs } from '@forge/kvs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setSandboxClock } from '../../sandbox/runtime/clock';
import type { Sandbox } from '../../sandbox/site';
import type { PanelKpi } from '../../src/contract/issue-panel';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { as, FIXED_NOW, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';

const DAY = 86_400_000;
const daysAfter = (days: number) => new Date(FIXED_NOW.getTime() + days * DAY);

describe('check-in cadence', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  let kpiId: string;
  let issueKey: string;
  const alice = () => as(sandbox, USERS.alice);

  // An outcome of CHK alone, with a manual KPI checked in on 15 June (a Monday) at 09:00.
  beforeEach(async () => {
    sandbox = await testSandbox();
    outcomeId = ok(await alice().admin('outcomes/create', { draft: buildDraft() })).id;
    kpiId = ok(await alice().admin('kpis/create', { draft: buildKpi(outcomeId) })).kpis[0]?.id ?? '';
    ok(await alice().admin('kpis/check-in', { kpiId, value: 39, confidence: 'medium' }));
    issueKey = sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Story', summary: 'Retry card authorisation' },
      USERS.evan,
    ).key;
    await sandbox.settle();
    await searchCaughtUp(sandbox);
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey, outcomeId, kpiIds: [kpiId] }));
  });
  afterEach(() => setSandboxClock(FIXED_NOW));

  const projectKpi = async (accountId: string): Promise<PanelKpi | undefined> => {
    const page = ok(await as(sandbox, accountId).project('project/load', { projectKey: 'CHK' }));
    return page.outcomes.find((o) => o.id === outcomeId)?.kpis.find((k) => k.id === kpiId);
  };
  const panelKpi = async (accountId: string): Promise<PanelKpi | undefined> => {
    const view = ok(await as(sandbox, accountId).panel('panel/load', { issueKey }));
    return view.links.find((l) => l.outcomeId === outcomeId)?.kpis.find((k) => k.id === kpiId);
  };

  it('reads a KPI stored before cadences as weekly, and keeps a cadence an older form leaves out', async () => {
    const stored = await kvs.entity<Record<string, unknown>>('kpi').get(kpiId);
    expect(stored?.cadence).toBe('weekly');
    const { cadence: _gone, ...old } = stored ?? {};
    await kvs.entity('kpi').set(kpiId, old);
    const detail = ok(await alice().admin('outcomes/get', { id: outcomeId }));
    expect(detail.kpis.find((k) => k.id === kpiId)).toMatchObject({ cadence: 'weekly', checkInDue: null });

    const view = detail.kpis.find((k) => k.id === kpiId);
    if (!view) throw new Error('set-up failed');
    ok(
      await alice().admin('kpis/update', {
        id: kpiId,
        expectedVersion: view.version,
        draft: buildKpi(outcomeId, { cadence: 'monthly' }),
      }),
    );
    // An edit from a form that knows nothing of cadences keeps the one set.
    const monthly = ok(await alice().admin('outcomes/get', { id: outcomeId })).kpis.find(
      (k) => k.id === kpiId,
    );
    ok(
      await alice().admin('kpis/update', {
        id: kpiId,
        expectedVersion: monthly?.version ?? 0,
        draft: buildKpi(outcomeId),
      }),
    );
    const stillMonthly = await kvs.entity<Record<string, unknown>>('kpi').get(kpiId);
    expect(stillMonthly?.cadence).toBe('monthly');
  });

  it('is not due six days on; a week on it is due, with the link only for those who may check in', async () => {
    setSandboxClock(daysAfter(6));
    expect((await projectKpi(USERS.alice))?.checkInDue).toBeNull();
    expect((await panelKpi(USERS.evan))?.checkInDue).toBeNull();

    setSandboxClock(daysAfter(12));
    const words = 'Last check-in 12 days ago; due weekly.';
    const due = (checkInAt: string | null) => ({
      dueSince: '2026-06-22',
      label: checkInAt ? 'Check-in due' : 'Check-in overdue',
      words,
      checkInAt,
    });
    // Alice is a Jira admin: the admin page. Priya administers CHK, the outcome's only project: its settings.
    expect((await projectKpi(USERS.alice))?.checkInDue).toEqual(due('admin-page'));
    expect((await projectKpi(USERS.priya))?.checkInDue).toEqual(due('project-settings'));
    // Evan edits CHK's tickets and Rita only reads them: told the value is stale, offered nothing.
    expect((await projectKpi(USERS.evan))?.checkInDue).toEqual(due(null));
    expect((await projectKpi(USERS.rita))?.checkInDue).toEqual(due(null));
    expect((await panelKpi(USERS.priya))?.checkInDue).toEqual(due('project-settings'));
    expect((await panelKpi(USERS.alice))?.checkInDue).toEqual(due('admin-page'));
    expect((await panelKpi(USERS.rita))?.checkInDue).toEqual(due(null));
    const admin = ok(await alice().admin('outcomes/get', { id: outcomeId })).kpis.find((k) => k.id === kpiId);
    expect(admin?.checkInDue).toEqual({ dueSince: '2026-06-22', words });

    // A check-in clears it for everyone.
    ok(
      await as(sandbox, USERS.priya).settings('CHK')('kpis/check-in', {
        kpiId,
        value: 38,
        confidence: 'high',
      }),
    );
    expect((await projectKpi(USERS.rita))?.checkInDue).toBeNull();
    expect((await panelKpi(USERS.priya))?.checkInDue).toBeNull();
  });

  it('offers a project admin no link for an outcome that spans a project they do not administer', async () => {
    const detail = ok(await alice().admin('outcomes/get', { id: outcomeId })).outcome;
    ok(
      await alice().admin('outcomes/update', {
        id: outcomeId,
        expectedVersion: detail.version,
        draft: buildDraft({ projectKeys: ['CHK', 'PLAT'] }),
      }),
    );
    setSandboxClock(daysAfter(12));
    // The project settings page manages only outcomes of its project alone; Priya would be refused there.
    expect((await projectKpi(USERS.priya))?.checkInDue?.checkInAt).toBeNull();
    expect((await projectKpi(USERS.alice))?.checkInDue?.checkInAt).toBe('admin-page');
  });
});
