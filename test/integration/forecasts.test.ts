import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import type { ProjectOutcomeRow } from '../../src/contract/project-page';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { issuesServing } from '../support/jira-state';
import { as, FIXED_NOW, linkedEpic, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';
import { doneAtSteadyPace } from '../support/steady-pace';

/**
 * The delivery forecast through the real SDKs: an outcome whose tickets were finished at a known, steady
 * pace, seeded on the emulated site with their resolution dates. The dates the page shows are worked out
 * here from the site's raw state (a constant pace leaves nothing to chance: every simulated future is the
 * same), and so is the verdict health takes from them.
 */

const TODAY = FIXED_NOW.toISOString().slice(0, 10);
const DAY = 86_400_000;
const daysFrom = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY;
const START = '2026-05-18';
const DUE = '2026-07-13';

describe('the delivery forecast, from the tickets Jira finished', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  let epicKey: string;
  let kpiId: string;

  beforeAll(async () => {
    sandbox = await testSandbox();
    const alice = as(sandbox, USERS.alice).admin;
    outcomeId = ok(
      await alice('outcomes/create', { draft: buildDraft({ startDate: START, dueDate: DUE }) }),
    ).id;
    kpiId =
      ok(await alice('kpis/create', { draft: buildKpi(outcomeId, { dueDate: DUE }) })).kpis[0]?.id ?? '';
    ok(await alice('kpis/check-in', { kpiId, value: 36, confidence: 'high', note: '' }));
    epicKey = await linkedEpic(sandbox, outcomeId);
    await sandbox.settle();
    // Twenty stories planned before the start; two finished in each of the four whole weeks since it (on
    // each week's Friday), twelve still to do.
    const fridays = ['2026-05-22', '2026-05-29', '2026-06-05', '2026-06-12'];
    for (let i = 0; i < 20; i++) {
      const friday = fridays[Math.floor(i / 2)];
      sandbox.jira.createIssue(
        {
          project: 'CHK',
          issueType: 'Story',
          summary: `Checkout step ${i + 1}`,
          parentKey: epicKey,
          created: '2026-05-01T09:00:00.000Z',
          ...(i < 8 && friday
            ? { status: 'Done', resolutiondate: `${friday}T15:00:00.000Z` }
            : { status: 'To Do' }),
        },
        USERS.evan,
      );
    }
    await sandbox.settle();
    await searchCaughtUp(sandbox);
  });

  /** The forecast by the README's rule, from the site's raw state: whole weeks ending today since the start. */
  function expected() {
    const state = sandbox.jira.state;
    const counted = issuesServing(state, outcomeId, null, { counted: true }).issues;
    const weeks = Math.floor((daysFrom(START, TODAY) + 1) / 7);
    const perWeek = new Array<number>(weeks).fill(0);
    for (const issue of counted) {
      if (!issue.resolutiondate) continue;
      const ago = daysFrom(issue.resolutiondate.slice(0, 10), TODAY);
      const week = weeks - 1 - Math.floor(ago / 7);
      if (week >= 0) perWeek[week] = (perWeek[week] ?? 0) + 1;
    }
    const left = counted.filter((i) => !i.resolutiondate).length;
    // Every week finished the same, so every future does: whole weeks, then the share of the last one.
    const pace = perWeek[0] ?? 0;
    expect(perWeek.every((n) => n === pace)).toBe(true);
    const done = doneAtSteadyPace(TODAY, left, pace);
    return { weeks, perWeek, left, done, late: daysFrom(DUE, done), total: counted.length };
  }

  it('shows the dates worked out from the resolution dates, and health at risk with the forecast reason', async () => {
    const want = expected();
    // Set-up: 4 weeks of 2, 12 left: 6 weeks, done 27 July, 14 days after the due date.
    expect([want.weeks, want.left, want.total]).toEqual([4, 12, 20]);
    expect(want.late).toBeGreaterThan(0);

    const page = ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    const row = page.outcomes.find((o) => o.id === outcomeId) as ProjectOutcomeRow;
    const f = row.figures;
    expect(f.forecast).toMatchObject({
      kind: 'forecast',
      likely: want.done,
      safe: want.done,
      chanceByDue: 0,
    });
    // The straight lines say on track (40% done, 50% of the time gone: 10 points behind; the KPI from 40%
    // towards 34%, now 36%: 4 of 6, 67% of the way, ahead), the forecast does not.
    expect(f.healthSignals.map((s) => [s.name, s.status])).toEqual([
      ['delivery', 'on-track'],
      ['kpi', 'on-track'],
      ['forecast', 'at-risk'],
    ]);
    expect(f.health).toBe('at-risk');
    const day = (iso: string) =>
      new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      });
    expect(f.explanation).toContain(
      `At this pace the work is done around ${day(want.done)}, ${want.late / 7} weeks after the due date (${day(DUE)}); a 0% chance of finishing by then.`,
    );

    // The issue panel's card says the same as the row.
    const panel = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: epicKey }));
    const card = panel.links.find((l) => l.outcomeId === outcomeId)?.outcome?.pulse;
    expect(card?.forecast).toEqual(f.forecast);
    expect(card?.health).toBe('at-risk');

    // "Why these numbers?": the arithmetic with the weeks read, and the KPI with too few values for a trend.
    const detail = ok(
      await as(sandbox, USERS.rita).project('project/outcome', { projectKey: 'CHK', outcomeId }),
    );
    expect(detail.forecasts.delivery.working).toContain(
      `Finished per week, oldest first: ${want.perWeek.join(', ')} (on average 2 tickets).`,
    );
    expect(detail.forecasts.delivery.summary).toContain(day(want.done));
    expect(detail.forecasts.kpis).toEqual([
      expect.objectContaining({ kpiId, kind: 'not-enough-data', chance: null }),
    ]);
  });

  it('agrees after the nightly recount, and marks the epic reaching Done as a release', async () => {
    const before = ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    const after = ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    const figures = (p: typeof before) => p.outcomes.find((o) => o.id === outcomeId)?.figures;
    expect(figures(after)?.forecast).toEqual(figures(before)?.forecast);
    expect(figures(after)?.forecast.likely).toBe(expected().done);

    // The outcome has an epic, not done: releases are its epics, and there is none yet.
    const open = ok(
      await as(sandbox, USERS.rita).project('project/outcome', { projectKey: 'CHK', outcomeId }),
    );
    expect(open.forecasts.releases).toMatchObject({ basis: 'epics', windowDays: 14, markers: [] });
    sandbox.jira.updateIssue(epicKey, { status: 'Done' }, USERS.evan);
    await sandbox.settle();
    // The release is named by the viewer's own search of the work done, which lags behind the change.
    await searchCaughtUp(sandbox);
    const detail = ok(
      await as(sandbox, USERS.rita).project('project/outcome', { projectKey: 'CHK', outcomeId }),
    );
    const resolved = sandbox.jira.state.issues.find((i) => i.key === epicKey)?.resolutiondate?.slice(0, 10);
    expect(resolved).toBe(TODAY);
    expect(detail.forecasts.releases.markers).toEqual([
      {
        day: TODAY,
        label: `${epicKey} Faster checkout`,
        items: [{ key: epicKey, summary: 'Faster checkout' }],
        impacts: [expect.objectContaining({ kpiId, verdict: 'not-enough-data' })],
      },
    ]);
    expect(detail.forecasts.releases.caveat).toBe(
      'A change after a release is not proof that the release caused it.',
    );
  });
});
