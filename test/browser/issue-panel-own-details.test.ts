import type { FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinksPropertySchema } from '../../src/domain/links';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import {
  appFrame,
  axeViolations,
  type BrowserEnv,
  screenshotPath,
  startBrowserEnv,
} from '../support/browser';
import { linksPropertyOf } from '../support/jira-state';
import { as, ok, searchCaughtUp, USERS } from '../support/sandbox';

// A story inherits an outcome from its epic; an editor gives it the story's own KPIs, note and RICE
// from the inherited card, with the keyboard only, in dark mode, and axe finds nothing serious.

const PANEL = 'Outcomes side panel';
const TITLE = 'Keep returning customers ordering';

/** What has the keyboard focus inside the panel: its tag, and its accessible label if any. */
const focused = (panel: FrameLocator) =>
  panel.locator('body').evaluate((body) => {
    const active = body.ownerDocument.activeElement;
    return { tag: active?.tagName.toLowerCase() ?? '', inForm: active?.closest('form') !== null };
  });

describe('own details for an inherited outcome, in Chromium', () => {
  let env: BrowserEnv;
  let outcomeId: string;
  let bandKpi: string;
  const keys = { epic: '', story: '' };

  beforeAll(async () => {
    env = await startBrowserEnv();
    const admin = as(env.sandbox, USERS.alice).admin;
    outcomeId = ok(await admin('outcomes/create', { draft: buildDraft({ title: TITLE }) })).id;
    bandKpi = ok(
      await admin('kpis/create', {
        draft: buildKpi(outcomeId, {
          name: 'Share of orders from returning customers',
          direction: 'maintain',
          baseline: 42,
          target: null,
          bandMin: 40,
          bandMax: 45,
        }),
      }),
    ).kpis[0]?.id as string;
    ok(await admin('kpis/check-in', { kpiId: bandKpi, value: 43, confidence: 'medium' }));
    keys.epic = env.sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Epic', summary: 'Remember returning customers' },
      USERS.evan,
    ).key;
    keys.story = env.sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Story', summary: 'Saved cards at checkout', parentKey: keys.epic },
      USERS.evan,
    ).key;
    // The epic is linked once its story exists for Jira's search (it lags behind writes by seconds).
    await searchCaughtUp(env.sandbox);
    ok(await as(env.sandbox, USERS.evan).panel('links/add', { issueKey: keys.epic, outcomeId }));
    await env.sandbox.settle();
  });
  afterAll(async () => env?.close());

  it('lets an editor add the story’s own KPIs, note and RICE from the inherited card, by keyboard', async () => {
    const { page, context } = await env.session(USERS.evan, { colorScheme: 'dark' });
    await page.goto(`/browse/${keys.story}`);
    const panel = appFrame(page, PANEL);
    await panel.getByText(`Inherited from ${keys.epic}`).waitFor();
    expect(await panel.locator('html').getAttribute('data-color-mode')).toBe('dark');
    expect(await axeViolations(page), 'inherited card, dark').toEqual([]);

    const action = panel.getByRole('button', { name: `Add this ticket’s own details for ${TITLE}` });
    await action.focus();
    await page.keyboard.press('Enter');
    const form = panel.getByRole('form', { name: `Link details for ${TITLE}` });
    await form.waitFor();
    await form.getByText(`This ticket serves it inherited from ${keys.epic}.`).waitFor();
    // The keyboard lands in the form: first on the KPI checkbox.
    expect(await focused(panel)).toEqual({ tag: 'input', inForm: true });
    await page.keyboard.press('Space');
    expect(
      await form.getByRole('checkbox', { name: /Share of orders from returning customers/ }).isChecked(),
    ).toBe(true);
    expect(await axeViolations(page), 'editor, dark').toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Saved cards bring customers back');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await form.getByLabel('Reach (people a quarter)').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('800');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    const card = panel.getByTestId('link-card');
    await card.getByText(`Linked on this ticket; also inherited from ${keys.epic}`).waitFor();
    await card.getByText('“Saved cards bring customers back”').waitFor();
    // RICE as the form fills it: reach 800, impact 1, confidence 80%, effort 1 → 800 × 1 × 0.8 ÷ 1 = 640.
    await card
      .getByText(/ · RICE score 640 \(reach × impact × confidence ÷ effort; higher goes first\)$/)
      .waitFor();
    // The band, said whole.
    await card.getByTestId('panel-kpi').getByText('Now 43% → keep between 40% and 45%').waitFor();
    await panel.getByText(`${keys.story} serves 1 outcome.`).waitFor();
    expect(await panel.getByRole('button', { name: `Edit link to ${TITLE}` }).count()).toBe(1);
    expect(await axeViolations(page), 'own card, dark').toEqual([]);
    await page.screenshot({ path: screenshotPath('issue-panel-own-details-dark'), fullPage: true });

    const stored = LinksPropertySchema.parse(linksPropertyOf(env.sandbox.jira.state, keys.story));
    expect(stored.own).toEqual([
      expect.objectContaining({
        outcomeId,
        kpiIds: [bandKpi],
        note: 'Saved cards bring customers back',
        rice: { reach: 800, impact: 1, confidence: 80, effort: 1 },
        linkedBy: USERS.evan,
      }),
    ]);
    expect(stored.inherited.map((l) => l.outcomeId)).toEqual([outcomeId]);
    expect(stored).toMatchObject({ effectiveOutcomeIds: [outcomeId], linkCount: 1 });
    await context.close();
  });

  it('closes the editor with Escape and changes nothing', async () => {
    const other = env.sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Story', summary: 'Guest checkout', parentKey: keys.epic },
      USERS.evan,
    ).key;
    await env.sandbox.settle();
    const before = JSON.stringify(linksPropertyOf(env.sandbox.jira.state, other));
    const { page, context } = await env.session(USERS.evan);
    await page.goto(`/browse/${other}`);
    const panel = appFrame(page, PANEL);
    await panel.getByRole('button', { name: `Add this ticket’s own details for ${TITLE}` }).click();
    await panel.getByRole('form', { name: `Link details for ${TITLE}` }).waitFor();
    expect(await axeViolations(page), 'editor, light').toEqual([]);
    await page.keyboard.press('Escape');
    await panel.getByText(`Inherited from ${keys.epic}`).waitFor();
    expect(JSON.stringify(linksPropertyOf(env.sandbox.jira.state, other))).toBe(before);
    await context.close();
  });
});
