import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { axeViolations, type BrowserEnv, openAdminPage, startBrowserEnv } from '../support/browser';
import { as, ok, USERS } from '../support/sandbox';

// Shortening an outcome's dates in the editor, in Chromium: before saving it says which published KPIs
// would become drafts, and the user moves their due dates in the same step (or lets them become drafts).
describe('the outcome editor and KPI due dates, in Chromium', () => {
  let env: BrowserEnv;
  const admin = () => as(env.sandbox, USERS.alice).admin;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => env?.close());

  it('names the KPIs new dates would unpublish, and moves their due dates with the save', async () => {
    // 1 May to 30 September 2026, two published KPIs due on its last day.
    const outcome = ok(await admin()('outcomes/create', { draft: buildDraft({ title: 'Quicker payouts' }) }));
    const made = async (name: string) =>
      ok(await admin()('kpis/create', { draft: buildKpi(outcome.id, { name }) })).kpis.find(
        (k) => k.name === name,
      )?.id ?? '';
    const moved = await made('Payout time to merchants');
    const dropped = await made('Payout complaints');
    const { page, context, app } = await openAdminPage(env, USERS.alice);
    await app.getByTestId(`edit-outcome-${outcome.id}`).click();
    await app.getByTestId('outcome-editor').waitFor();
    await app.getByTestId('outcome-due-date').fill('2026-08-31');

    const impact = app.getByTestId('kpi-date-impact');
    await impact.waitFor();
    await impact.getByText('Payout time to merchants').waitFor();
    await impact.getByText('Payout complaints').waitFor();
    expect(await axeViolations(page), 'editor with the KPI impact').toEqual([]);
    // The first moves with the outcome (the default: its due date brought inside, to 31 August); the
    // second becomes a draft.
    const first = impact.getByTestId(`kpi-date-impact-${moved}`);
    expect(await first.getByTestId('kpi-date-new').inputValue()).toBe('2026-08-31');
    await first.getByTestId('kpi-date-new').fill('2026-08-15');
    await impact.getByTestId(`kpi-date-impact-${dropped}`).getByTestId('kpi-date-unpublish').check();
    await app.getByTestId('outcome-save').click();
    await app.getByTestId('outcome-editor').waitFor({ state: 'detached' });
    await app
      .getByText(
        'Saved “Quicker payouts”. Moved the due date of “Payout time to merchants”. Now drafts, out of KPI progress and health: “Payout complaints”.',
        { exact: false },
      )
      .waitFor();

    const stored = ok(await admin()('outcomes/get', { id: outcome.id }));
    expect(stored.outcome.dueDate).toBe('2026-08-31');
    expect(stored.kpis.map((k) => [k.name, k.dueDate, k.isDraft]).sort()).toEqual([
      ['Payout complaints', '2026-09-30', true],
      ['Payout time to merchants', '2026-08-15', false],
    ]);
    await context.close();
  });
});
