import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildKpi, buildTechnicalKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { appFrame, type BrowserEnv, screenshotPath, startBrowserEnv } from '../support/browser';
import { issueKeys, linksPropertyOf } from '../support/jira-state';
import { as, ok, USERS } from '../support/sandbox';

const PANEL = 'Outcomes side panel';

describe('issue side panel in Chromium', () => {
  let env: BrowserEnv;
  let issueKey: string;
  let title: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  // Each test gets its own site with the outcome, nothing linked yet; the browser stays.
  beforeEach(async () => {
    await env.reset();
    title = 'Make returning customers buy again';
    ok(await as(env.sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft({ title }) }));
    issueKey = issueKeys(env.sandbox.jira.state, 'CHK', 'new')[2] as string;
  });
  afterAll(async () => env?.close());

  it('lets an editor link and unlink with the keyboard', async () => {
    const { page, context } = await env.session(USERS.evan);
    await page.goto(`/browse/${issueKey}`);
    const panel = appFrame(page, PANEL);
    await panel.getByText(`${issueKey} does not serve an outcome yet.`).waitFor();

    await panel.getByRole('button', { name: 'Link to an outcome' }).click();
    const search = panel.getByRole('combobox', { name: 'Search outcomes' });
    await search.waitFor();
    await search.fill('returning');
    await panel.getByRole('option', { name: new RegExp(title) }).waitFor();
    await search.press('Enter');
    // Then which KPIs it moves and why, and Link.
    await panel.getByLabel(/How this ticket helps/).fill('Returning customers check out faster');
    await panel.getByRole('button', { name: 'Link', exact: true }).click();

    await panel.getByRole('heading', { name: title }).waitFor();
    await panel.getByText('“Returning customers check out faster”').waitFor();
    await panel.getByText(`${issueKey} serves 1 outcome.`).waitFor();
    expect(linksPropertyOf(env.sandbox.jira.state, issueKey)).toMatchObject({ linkCount: 1 });
    await page.screenshot({ path: screenshotPath('issue-panel'), fullPage: true });

    await panel.getByRole('button', { name: `Unlink from ${title}` }).click();
    await panel.getByText(`${issueKey} does not serve an outcome yet.`).waitFor();
    expect(linksPropertyOf(env.sandbox.jira.state, issueKey)).toMatchObject({ linkCount: 0 });
    await context.close();
  });

  it('closes the picker with Escape without linking anything', async () => {
    const { page, context } = await env.session(USERS.evan);
    await page.goto(`/browse/${issueKey}`);
    const panel = appFrame(page, PANEL);
    await panel.getByRole('button', { name: 'Link to an outcome' }).click();
    await panel.getByRole('combobox', { name: 'Search outcomes' }).press('Escape');
    await panel.getByRole('button', { name: 'Link to an outcome' }).waitFor();
    // Nothing was written to the ticket at all.
    expect(linksPropertyOf(env.sandbox.jira.state, issueKey)).toBeUndefined();
    await context.close();
  });

  it('shows a read-only user the links without any way to change them', async () => {
    const linkedKey = issueKeys(env.sandbox.jira.state, 'CHK', 'new')[3] as string;
    const outcome = ok(await as(env.sandbox, USERS.alice).admin('admin/load', {})).outcomes.find(
      (o) => o.title === title,
    );
    ok(
      await as(env.sandbox, USERS.evan).panel('links/add', {
        issueKey: linkedKey,
        outcomeId: outcome?.id ?? '',
      }),
    );

    const { page, context } = await env.session(USERS.rita, { colorScheme: 'dark' });
    await page.goto(`/browse/${linkedKey}`);
    const panel = appFrame(page, PANEL);
    await panel.getByRole('heading', { name: title }).waitFor();
    await panel.getByText(`Changing it needs permission to edit ${linkedKey}.`).waitFor();
    expect(await panel.getByRole('button', { name: 'Link to an outcome' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: /Unlink/ }).count()).toBe(0);
    // Dark mode reaches the app through view.theme.enable() and the host's token style sheet.
    const mode = await panel.locator('html').getAttribute('data-color-mode');
    expect(mode).toBe('dark');
    await page.screenshot({ path: screenshotPath('issue-panel-read-only-dark'), fullPage: true });
    await context.close();
  });

  it('shows the outcome’s statement, owners, who decides, and the KPI with current → target in business words', async () => {
    const admin = as(env.sandbox, USERS.alice).admin;
    const statement = 'Customers who cannot pay leave; every minute of checkout downtime loses orders.';
    const outcomeId = ok(
      await admin('outcomes/create', {
        draft: buildDraft({
          title: 'Keep checkout up',
          statement,
          roles: { decides: [USERS.lena], advises: [USERS.maya], escalatedTo: [USERS.alice] },
        }),
      }),
    ).id;
    const businessId = ok(await admin('kpis/create', { draft: buildKpi(outcomeId) })).kpis[0]?.id as string;
    const kpiId = ok(
      await admin('kpis/create', {
        draft: buildTechnicalKpi(outcomeId, { baseline: 99.5, target: 99.8, pairedKpiId: businessId }),
      }),
    ).kpis.find((k) => k.kind === 'technical')?.id as string;
    ok(await admin('kpis/check-in', { kpiId, value: 99.7, confidence: 'high' }));
    const linkedKey = issueKeys(env.sandbox.jira.state, 'CHK', 'new')[4] as string;
    ok(
      await as(env.sandbox, USERS.evan).panel('links/add', {
        issueKey: linkedKey,
        outcomeId,
        kpiIds: [kpiId],
      }),
    );

    const { page, context } = await env.session(USERS.rita);
    await page.goto(`/browse/${linkedKey}`);
    const panel = appFrame(page, PANEL);
    await panel.getByRole('heading', { name: 'Keep checkout up' }).waitFor();
    const card = panel.getByTestId('link-card');
    await card.getByText(statement).waitFor();
    expect(await card.getByText(/Business owner:/).innerText()).toBe(
      'Business owner: Priya Project-Admin · Technology owner: Maya Chen',
    );
    await card.getByText(/^Decides: Lena Fischer · Due /).waitFor();
    const kpi = card.getByTestId('panel-kpi');
    await kpi.getByText('Checkout API availability').waitFor();
    await kpi.getByText('Now 99.7% availability → target 99.8% availability').waitFor();
    // By hand: 0.3% of a 30-day month (43,200 min) = 129.6 min ≈ 2.2 hours, of a year 26.28 hours ≈ 1.1
    // days; 0.2% = 86.4 minutes, an hour or more, so 1.4 hours (and 17.52 hours a year).
    await kpi
      .getByText('99.7% availability allows 2.2 hours of downtime a month (about 1.1 days a year).')
      .waitFor();
    await kpi
      .getByText('Target: 99.8% availability allows 1.4 hours of downtime a month (about 17.5 hours a year).')
      .waitFor();
    expect(await kpi.getByTestId(`kpi-paired-${kpiId}`).innerText()).toBe(
      'Moves “Checkout abandonment rate”',
    );
    // "Why?" says which tickets are counted, as the project page does.
    expect(await card.getByTestId('pulse-counting').textContent()).toBe(
      'Epics count through their stories, and subtasks through their parent ticket, so no work is counted twice; a subtask that serves this outcome while its parent does not counts on its own.',
    );
    await context.close();
  });

  it('tells an outsider the issue does not exist for them', async () => {
    const { page, context } = await env.session(USERS.oscar);
    await page.goto(`/browse/${issueKey}`);
    await page.getByText('Issue does not exist or you do not have permission to see it.').waitFor();
    await context.close();
  });
});
