import type { FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import {
  appFrame,
  axeViolations,
  type BrowserEnv,
  choose,
  screenshotPath,
  startBrowserEnv,
} from '../support/browser';
import { as, ok, USERS } from '../support/sandbox';

const ADMIN = 'Outcome Bridge admin';

const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/**
 * Clicks a control of the app after scrolling the shell page to it. The app's frame is as tall as its
 * content (as in Jira) and a dialog is fixed inside it, so scrolling the control into view does not scroll
 * the host page; a tall dialog's footer sits below the fold until the page is scrolled, as a user would.
 */
async function clickInApp(page: Page, target: Locator) {
  const box = await target.boundingBox();
  if (box) await page.evaluate(`window.scrollBy(0, ${Math.round(box.y + box.height / 2 - 450)})`);
  await target.click();
}

/** The letters the SMART check lists right now, e.g. ['S', 'M']. */
async function smartLetters(app: FrameLocator): Promise<string[]> {
  const items = app
    .getByTestId('smart-feedback')
    .locator('[data-testid^="smart-"]:not([data-testid="smart-summary"])');
  const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace('smart-', ''));
}

/** Waits until the SMART check lists exactly these letters (it updates as the admin types). */
async function smartBecomes(app: FrameLocator, letters: string[]) {
  await expect.poll(() => smartLetters(app), { timeout: 2_500 }).toEqual(letters);
}

// The KPI side of the admin page, clicked through in Chromium: each test arranges its own outcome through
// the real resolvers, acts in the UI, and checks what was stored through the resolvers again.
describe('admin page KPIs in Chromium', () => {
  let env: BrowserEnv;
  const admin = () => as(env.sandbox, USERS.alice).admin;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => env?.close());

  /** Opens the admin page as Alice on the outcome's detail view. */
  async function openOutcome(outcomeId: string) {
    const session = await env.session(USERS.alice);
    await session.page.goto('/admin/outcome-bridge');
    const app = appFrame(session.page, ADMIN);
    await app.getByTestId(`open-outcome-${outcomeId}`).click();
    await app.getByTestId('kpi-section').waitFor();
    return { ...session, app };
  }

  it('creates a business and a technical KPI in the UI and pairs them', async () => {
    const outcome = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title: 'Win back abandoned carts' }) }),
    );
    const { page, context, app } = await openOutcome(outcome.id);
    await app.getByTestId('kpis-empty').waitFor();

    await app.getByTestId('add-kpi').click();
    const editor = app.getByTestId('kpi-editor');
    await editor.waitFor();
    await app.getByTestId('kpi-name').fill('Checkout abandonment rate');
    await app.getByTestId('kpi-description').fill('Share of carts that reach checkout but do not pay.');
    await choose(app, 'kpi-kind', 'Business');
    await choose(app, 'kpi-unit', 'Percent (%)');
    await choose(app, 'kpi-direction', 'Decrease: lower is better');
    await app.getByTestId('kpi-baseline').fill('40');
    await app.getByTestId('kpi-target').fill('34');
    await smartBecomes(app, []);
    await clickInApp(page, app.getByTestId('kpi-save'));
    await editor.waitFor({ state: 'detached' });
    await app.getByTestId('kpi-flash').getByText('Added “Checkout abandonment rate”.').waitFor();

    await app.getByTestId('add-kpi').click();
    await editor.waitFor();
    await app.getByTestId('kpi-name').fill('Checkout API availability');
    await app.getByTestId('kpi-description').fill('Share of minutes the checkout API answers within SLO.');
    await choose(app, 'kpi-kind', 'Technical');
    await choose(app, 'kpi-unit', 'Availability (%)');
    await choose(app, 'kpi-direction', 'Increase: higher is better');
    await app.getByTestId('kpi-baseline').fill('99.5');
    await app.getByTestId('kpi-target').fill('99.9');
    await choose(app, 'kpi-pair', 'Checkout abandonment rate (business)');
    await smartBecomes(app, []);
    await clickInApp(page, app.getByTestId('kpi-save'));
    await editor.waitFor({ state: 'detached' });

    const { kpis } = ok(await admin()('outcomes/get', { id: outcome.id }));
    const business = kpis.find((k) => k.kind === 'business');
    const technical = kpis.find((k) => k.kind === 'technical');
    expect(kpis).toHaveLength(2);
    expect(business).toMatchObject({
      name: 'Checkout abandonment rate',
      unit: 'percent',
      baseline: 40,
      target: 34,
    });
    expect(technical).toMatchObject({ name: 'Checkout API availability', unit: 'availability-percent' });
    // The technical KPI names the business KPI it moves; the business KPI lists it. Neither is a draft.
    expect(technical?.pairedKpiId).toBe(business?.id);
    expect(business?.pairedKpiId).toBeNull();
    expect(business?.partners.map((p) => p.id)).toEqual([technical?.id]);
    expect(kpis.map((k) => k.isDraft)).toEqual([false, false]);

    // Each card names its partners: what moves the business KPI, what the technical one moves.
    const card = (id: string | undefined) => app.getByTestId(`kpi-row-${id}`);
    expect(await textOf(card(business?.id).getByText('Moved by', { exact: true }))).toBe('Moved by');
    expect(await textOf(card(business?.id).getByTestId('kpi-paired'))).toBe('Checkout API availability');
    expect(await textOf(card(technical?.id).getByText('Moves', { exact: true }))).toBe('Moves');
    expect(await textOf(card(technical?.id).getByTestId('kpi-paired'))).toBe('Checkout abandonment rate');
    await page.screenshot({ path: screenshotPath('admin-kpi-detail'), fullPage: true });
    await context.close();
  });

  it('shows a check-in from the UI as the current value and in the history', async () => {
    const outcome = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title: 'Checkout that converts' }) }),
    );
    const created = ok(await admin()('kpis/create', { draft: buildKpi(outcome.id) }));
    const kpiId = created.kpis[0]?.id ?? '';
    const { context, app } = await openOutcome(outcome.id);
    const card = app.getByTestId(`kpi-row-${kpiId}`);
    expect(await textOf(card.getByTestId('kpi-current-value'))).toBe('no value yet');

    await card.getByTestId('checkin-value').fill('38.5');
    await choose(card, 'checkin-confidence', 'High');
    await card.getByTestId('checkin-note').fill('After the retry release');
    await card.getByTestId('checkin-submit').click();
    await card.getByTestId('checkin-done').getByText('Checked in 38.5%.').waitFor();
    expect(await textOf(card.getByTestId('kpi-current-value'))).toBe('38.5%');

    // The history opens with the check-in in it: value, confidence, note and who.
    const first = card.getByTestId('history-item').first();
    await first.waitFor();
    expect(await textOf(first.getByTestId('history-value'))).toBe('38.5%');
    expect(await textOf(first)).toContain('High confidence');
    expect(await textOf(first)).toContain('“After the retry release”');
    expect(await textOf(first.getByTestId('history-author'))).toBe('Alice Admin');

    // A second check-in becomes the current value; the first stays in the history.
    await card.getByTestId('checkin-value').fill('37');
    await card.getByTestId('checkin-note').fill('Smart retries on');
    await card.getByTestId('checkin-submit').click();
    await card.getByTestId('checkin-done').getByText('Checked in 37%.').waitFor();
    await card.getByTestId('history-item').nth(1).waitFor();
    expect(await card.getByTestId('history-value').allTextContents()).toEqual(['37%', '38.5%']);
    expect(await textOf(card.getByTestId('kpi-current-value'))).toBe('37%');

    const kpi = ok(await admin()('outcomes/get', { id: outcome.id })).kpis.find((k) => k.id === kpiId);
    expect(kpi).toMatchObject({ current: 37, currentConfidence: 'high' });
    const history = ok(await admin()('kpis/history', { id: kpiId })).checkIns;
    expect(
      history.map((c) => ({
        value: c.value,
        confidence: c.confidence,
        note: c.note,
        by: c.author?.accountId,
      })),
    ).toEqual([
      { value: 37, confidence: 'high', note: 'Smart retries on', by: USERS.alice },
      { value: 38.5, confidence: 'high', note: 'After the retry release', by: USERS.alice },
    ]);
    await context.close();
  });

  it('refuses a value outside the unit’s range, then corrects and withdraws a check-in, the history keeping both', async () => {
    const outcome = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title: 'Fewer failed payments' }) }),
    );
    const created = ok(await admin()('kpis/create', { draft: buildKpi(outcome.id) }));
    const kpiId = created.kpis[0]?.id ?? '';
    for (const value of [39, 37]) {
      ok(await admin()('kpis/check-in', { kpiId, value, confidence: 'medium', note: `At ${value}` }));
    }
    const { page, context, app } = await openOutcome(outcome.id);
    const card = app.getByTestId(`kpi-row-${kpiId}`);

    // A share above 100% is refused where it is typed, and nothing is sent.
    await card.getByTestId('checkin-value').fill('150');
    await card.getByTestId('checkin-submit').click();
    await card.getByText('A percentage is a share from 0% to 100%; 150% is outside it.').waitFor();
    expect(ok(await admin()('kpis/history', { id: kpiId })).checkIns).toHaveLength(2);

    // Correct the latest: 37 → 36, with a reason.
    await card.getByTestId('history-toggle').click();
    const latest = card.getByTestId('history-item').first();
    await latest.getByTestId('checkin-correct').click();
    await latest.getByTestId('checkin-change-value').fill('36');
    await latest.getByTestId('checkin-change-reason').fill('Read off the wrong week');
    expect(await axeViolations(page), 'correction form').toEqual([]);
    await latest.getByTestId('checkin-change-save').click();
    await latest.getByTestId('checkin-change-corrected').waitFor();
    expect(await textOf(latest.getByTestId('checkin-change-corrected'))).toMatch(
      /^Corrected by Alice Admin, .*: value 37% → 36%\. Why: “Read off the wrong week”$/,
    );
    await card.getByTestId('kpi-current-value').getByText('36%').waitFor();

    // Withdraw it: it stays listed, marked, and the earlier check-in is the value again.
    await latest.getByTestId('checkin-withdraw').click();
    await latest.getByTestId('checkin-change-reason').fill('Duplicate of the weekly report');
    await latest.getByTestId('checkin-change-save').click();
    await latest.getByTestId('history-withdrawn').waitFor();
    await card.getByTestId('kpi-current-value').getByText('39%').waitFor();
    expect(await card.getByTestId('history-value').allTextContents()).toEqual(['36%', '39%']);
    const kpi = ok(await admin()('outcomes/get', { id: outcome.id })).kpis.find((k) => k.id === kpiId);
    expect(kpi?.current).toBe(39);
    const [withdrawn] = ok(await admin()('kpis/history', { id: kpiId })).checkIns;
    expect(withdrawn?.changes.map((c) => [c.action, c.reason])).toEqual([
      ['corrected', 'Read off the wrong week'],
      ['withdrawn', 'Duplicate of the weekly report'],
    ]);
    await context.close();
  });

  it('says what fails SMART as the admin types, and saves such a KPI only as a draft', async () => {
    const outcome = ok(await admin()('outcomes/create', { draft: buildDraft({ title: 'Faster refunds' }) }));
    const { page, context, app } = await openOutcome(outcome.id);
    await app.getByTestId('add-kpi').click();
    const editor = app.getByTestId('kpi-editor');
    await editor.waitFor();

    // An empty KPI: not specific, not measurable (the due date defaults to the outcome's).
    await smartBecomes(app, ['S', 'M']);
    await app.getByTestId('kpi-name').fill('Refund time');
    await app.getByTestId('kpi-description').fill('Days from a refund request to money back.');
    await smartBecomes(app, ['M']);
    await choose(app, 'kpi-unit', 'Days');
    await choose(app, 'kpi-direction', 'Decrease: lower is better');
    await app.getByTestId('kpi-baseline').fill('9');
    await app.getByTestId('kpi-target').fill('5');
    await smartBecomes(app, []);
    expect(await textOf(app.getByTestId('smart-summary'))).toContain('ready to save');
    // A target above the baseline cannot be a decrease: said at once, before any save.
    await app.getByTestId('kpi-target').fill('12');
    await smartBecomes(app, ['A']);
    expect(await textOf(app.getByTestId('smart-A'))).toContain(
      'to decrease, the target must be below the baseline.',
    );
    expect(await textOf(app.getByTestId('smart-summary'))).toContain('1 check to fix');
    expect(ok(await admin()('outcomes/get', { id: outcome.id })).kpis).toEqual([]);

    // Saving it as a KPI is refused; nothing is stored and nothing typed is lost.
    await clickInApp(page, app.getByTestId('kpi-save'));
    await app.getByTestId('kpi-editor-error').waitFor();
    expect(ok(await admin()('outcomes/get', { id: outcome.id })).kpis).toEqual([]);
    expect(await app.getByTestId('kpi-target').inputValue()).toBe('12');

    // As a draft it is kept, marked as a draft, and says what to fix.
    await clickInApp(page, app.getByTestId('kpi-save-draft'));
    await editor.waitFor({ state: 'detached' });
    const kpis = ok(await admin()('outcomes/get', { id: outcome.id })).kpis;
    expect(kpis).toHaveLength(1);
    expect(kpis[0]).toMatchObject({ name: 'Refund time', isDraft: true, target: 12 });
    expect(kpis[0]?.smart.map((f) => f.letter)).toEqual(['A']);
    const card = app.getByTestId(`kpi-row-${kpis[0]?.id}`);
    await card.getByTestId('kpi-draft').waitFor();
    expect(await textOf(card.getByTestId('kpi-draft'))).toBe('Draft');
    await card.getByTestId('kpi-smart-A').waitFor();
    await context.close();
  });

  it('lists the errors of a bad import file and changes nothing', async () => {
    const outcome = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title: 'Import stays untouched' }) }),
    );
    ok(await admin()('kpis/create', { draft: buildKpi(outcome.id) }));
    const before = ok(await admin()('admin/load', {}));
    const exported = ok(await admin()('transfer/export', {}));
    // A valid edit of the existing outcome next to a broken new one: all or nothing means neither lands.
    const [first] = exported.outcomes;
    const file = {
      ...exported,
      outcomes: [
        { ...first, title: 'Renamed by the import' },
        {
          ...first,
          id: 'o-newoutcome1',
          title: '',
          dueDate: 'next week',
          kpis: [{ ...first?.kpis[0], id: 'k-newkpi0001', unit: 'furlongs' }],
        },
      ],
    };

    const { page, context } = await env.session(USERS.alice);
    await page.goto('/admin/outcome-bridge');
    const app = appFrame(page, ADMIN);
    await app.getByTestId('import-json').click();
    await app.getByTestId('import-dialog').waitFor();
    await app.getByTestId('import-file').setInputFiles({
      name: 'outcomes.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file, null, 2)),
    });
    await app.getByTestId('import-summary').getByText('The file holds 2 outcomes with 2 KPIs.').waitFor();
    await app.getByTestId('import-submit').click();
    const errors = app.getByTestId('import-errors').locator('li');
    await errors.first().waitFor();
    const listed = (await errors.allTextContents()).join('\n');
    expect(await errors.count()).toBeGreaterThanOrEqual(3);
    // In words, each saying where in the file and what to do; never a path such as document.outcomes.1.title.
    expect(listed).toContain('Outcome 2: give the outcome a title of at least 3 characters.');
    expect(listed).toContain('Outcome 2: write the due date as a date like 2026-03-31.');
    expect(listed).toContain('Outcome 2, KPI 1: choose the unit from "percent"');
    expect(listed).not.toMatch(/document\.|outcomes\.\d/);
    await app.getByTestId('import-error').getByText('Nothing was imported').waitFor();

    const after = ok(await admin()('admin/load', {}));
    expect(after).toEqual(before);
    const again = ok(await admin()('transfer/export', {}));
    expect(again.outcomes).toEqual(exported.outcomes);
    await context.close();
  });
});
