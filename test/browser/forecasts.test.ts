import type { FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { appFrame, axeViolations, type BrowserEnv, startBrowserEnv } from '../support/browser';
import { issuesServing } from '../support/jira-state';
import { as, ok, searchCaughtUp, USERS } from '../support/sandbox';
import { doneAtSteadyPace } from '../support/steady-pace';

// The delivery forecast on the project page, in Chromium: the row's likely date, 85% date and chance by
// the due date, and "Why these numbers?" with the arithmetic. The dates are worked out here from the
// emulated site's raw resolution dates, never taken from the resolver's reply.

const PROJECT = 'Project outcomes';
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

const text = async (frame: FrameLocator, testId: string) =>
  ((await frame.getByTestId(testId).first().textContent()) ?? '').trim();

describe('the delivery forecast on the project page, in Chromium', () => {
  let env: BrowserEnv;
  let outcomeId: string;
  let today: string;
  let start: string;
  let epic: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    const now = Date.now();
    today = isoDay(now);
    // Four whole weeks since the start, due four weeks from today.
    start = isoDay(now - 27 * DAY);
    const alice = as(env.sandbox, USERS.alice).admin;
    outcomeId = ok(
      await alice('outcomes/create', {
        draft: buildDraft({
          title: 'Checkout in one step',
          startDate: start,
          dueDate: isoDay(now + 28 * DAY),
        }),
      }),
    ).id;
    ok(await alice('kpis/create', { draft: buildKpi(outcomeId, { dueDate: isoDay(now + 28 * DAY) }) }));
    const planned = `${isoDay(now - 40 * DAY)}T09:00:00.000Z`;
    epic = env.sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Epic', summary: 'One-step checkout', created: planned },
      USERS.evan,
    ).key;
    ok(await as(env.sandbox, USERS.evan).panel('links/add', { issueKey: epic, outcomeId, kpiIds: [] }));
    await env.sandbox.settle();
    // Two stories finished in each of the four weeks, twelve still to do.
    for (let i = 0; i < 20; i++) {
      const finished = i < 8 ? `${isoDay(now - (24 - 7 * Math.floor(i / 2)) * DAY)}T15:00:00.000Z` : null;
      env.sandbox.jira.createIssue(
        {
          project: 'CHK',
          issueType: 'Story',
          summary: `One-step checkout, part ${i + 1}`,
          parentKey: epic,
          created: planned,
          ...(finished ? { status: 'Done', resolutiondate: finished } : { status: 'To Do' }),
        },
        USERS.evan,
      );
    }
    await env.sandbox.settle();
    await searchCaughtUp(env.sandbox);
  });

  afterAll(async () => {
    await env?.close();
  });

  /** From the site's raw state: the same finished count every week, so every future ends the same day. */
  function expectedDone(): string {
    const counted = issuesServing(env.sandbox.jira.state, outcomeId, null, { counted: true }).issues;
    const finished = counted.filter((i) => i.resolutiondate !== null);
    const weeks = new Set(
      finished.map((i) =>
        Math.floor((dayMs(today) - dayMs(i.resolutiondate?.slice(0, 10) ?? '')) / (7 * DAY)),
      ),
    );
    const pace = finished.length / weeks.size;
    expect([weeks.size, pace]).toEqual([4, 2]);
    return doneAtSteadyPace(today, counted.length - finished.length, pace);
  }

  it('shows the likely date, the 85% date and the chance, and explains them', async () => {
    const done = expectedDone();
    const { page } = await env.session(USERS.rita);
    await page.goto('/projects/CHK/outcomes');
    const app = appFrame(page, PROJECT);
    await app.getByTestId('project-outcomes--table').waitFor();

    const line = `forecast-${outcomeId}`;
    await app.getByTestId(line).waitFor();
    expect(await app.getByTestId(line).getAttribute('data-kind')).toBe('forecast');
    expect(await app.getByTestId(`${line}-likely`).locator('time').getAttribute('datetime')).toBe(done);
    expect(await app.getByTestId(`${line}-safe`).locator('time').getAttribute('datetime')).toBe(done);
    // 42 days from today is after the due date (28 days): no future ends by then.
    expect(await text(app, `${line}-chance`)).toBe('0%');
    // Health says why: the forecast misses the due date by two weeks.
    expect(await text(app, `health-why-${outcomeId}`)).toContain('2 weeks after the due date');

    await app.getByTestId(`open-outcome-${outcomeId}`).click();
    await app.getByTestId('forecast-delivery').waitFor();
    expect(await text(app, 'forecast-delivery-summary')).toContain(
      'At this pace the work is likely done around',
    );
    const why = app.getByTestId('forecast-delivery').locator('details');
    await why.locator('summary').click();
    const working = await app.getByTestId('forecast-delivery-working').locator('li').allTextContents();
    expect(working).toContain('Finished per week, oldest first: 2, 2, 2, 2 (on average 2 tickets).');
    expect(working.join(' ')).toContain('12 ÷ 2 ≈ 6 weeks');
    // The KPI has no values yet: its forecast says so instead of a number.
    expect(
      await app.locator('[data-testid^="forecast-kpi-"][data-testid$="-summary"]').first().textContent(),
    ).toContain('Not enough values to forecast');
    // No epic has reached Done: no release to mark yet, and the page says so.
    expect(await text(app, 'releases-empty')).toContain('No releases yet');
    expect(await axeViolations(page), 'detail with forecasts').toEqual([]);
  });

  it('marks a release on the trend by its key, with its summary on hover, reachable by keyboard and in the table', async () => {
    env.sandbox.jira.updateIssue(epic, { status: 'Done' }, USERS.evan);
    await env.sandbox.settle();
    // The nightly check leaves today's snapshot, which the trend is drawn from.
    await env.sandbox.runScheduled('reconcile-schedule');
    await env.sandbox.settle();
    await searchCaughtUp(env.sandbox);
    const { page } = await env.session(USERS.rita);
    await page.goto('/projects/CHK/outcomes');
    const app = appFrame(page, PROJECT);
    await app.getByTestId(`open-outcome-${outcomeId}`).click();
    await app.getByTestId('trend-svg').waitFor();

    expect(await text(app, `trend-release-key-${today}`)).toBe(epic);
    const link = app.getByTestId('trend-releases').getByTestId(`release-key-${epic}`);
    expect(await link.getAttribute('title')).toBe('One-step checkout');
    expect(await link.getAttribute('href')).toBe(`/browse/${epic}`);
    // Reached with the keyboard: Tab moves focus onto it from the element before it.
    await link.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await link.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

    const table = app.getByTestId('trend-table');
    await app.locator('.ob-trend__table summary').click();
    expect(await table.locator('thead th').allTextContents()).toContain('Released');
    expect(await table.getByTestId(`release-key-${epic}`).getAttribute('title')).toBe('One-step checkout');
    expect(await axeViolations(page), 'trend with a named release').toEqual([]);
  });
});
