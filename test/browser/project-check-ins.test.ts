import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { appFrame, axeViolations, type BrowserEnv, startBrowserEnv } from '../support/browser';
import { as, ok, USERS } from '../support/sandbox';

// Check-ins are shown on the project page's outcome detail too, so they can be corrected and withdrawn
// there, by their author or an admin of the outcome; a read-only viewer sees them without the controls.
describe('check-ins on the project page, in Chromium', () => {
  let env: BrowserEnv;
  let outcomeId: string;
  let kpiId: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    const admin = as(env.sandbox, USERS.alice).admin;
    outcomeId = ok(await admin('outcomes/create', { draft: buildDraft({ title: 'Calmer checkout' }) })).id;
    kpiId = ok(await admin('kpis/create', { draft: buildKpi(outcomeId) })).kpis[0]?.id ?? '';
    for (const value of [39, 37]) {
      ok(await admin('kpis/check-in', { kpiId, value, confidence: 'medium', note: `At ${value}` }));
    }
  });
  afterAll(async () => env?.close());

  async function openDetail(accountId: string) {
    const session = await env.session(accountId);
    await session.page.goto('/projects/CHK/outcomes');
    const app = appFrame(session.page, 'Project outcomes');
    await app.getByTestId(`open-outcome-${outcomeId}`).click();
    const history = app.getByTestId(`kpi-history-${kpiId}`);
    await history.waitFor();
    return { ...session, app, history };
  }

  it('shows no controls to a viewer who neither made the check-in nor manages the outcome', async () => {
    const { context, history } = await openDetail(USERS.rita);
    expect(await history.locator('tbody tr').count()).toBe(2);
    expect(await history.getByTestId('checkin-withdraw').count()).toBe(0);
    await context.close();
  });

  it('lets an admin withdraw a check-in: it stays listed, marked, and the KPI falls back to the one before', async () => {
    const { page, context, app, history } = await openDetail(USERS.alice);
    const latest = history.locator('tbody tr').first();
    await latest.getByTestId('checkin-withdraw').click();
    await latest.getByTestId('checkin-change-reason').fill('Counted twice');
    expect(await axeViolations(page), 'withdraw form').toEqual([]);
    await latest.getByTestId('checkin-change-save').click();
    await history.getByTestId('history-withdrawn').waitFor();
    await history
      .getByTestId('checkin-change-withdrawn')
      .getByText(/Why: “Counted twice”/)
      .waitFor();
    // 39% is the value again: (39 − 40) / (34 − 40) = 1/6, shown as 17% of the way.
    await app.getByTestId(`kpi-${kpiId}`).locator('.ob-kpi__values').getByText('39%').waitFor();
    await app.getByTestId(`kpi-${kpiId}`).getByText('17% of the way', { exact: false }).first().waitFor();
    const kpi = ok(await as(env.sandbox, USERS.alice).admin('outcomes/get', { id: outcomeId })).kpis[0];
    expect(kpi?.current).toBe(39);
    await context.close();
  });
});
