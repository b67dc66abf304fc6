import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTechnicalKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import {
  appFrame,
  axeViolations,
  type BrowserEnv,
  dialogsOffScreen,
  focusRing,
  frameNamed,
  modalFrame,
  overflowIn,
  screenshotPath,
  startBrowserEnv,
} from '../support/browser';
import { issueKeys } from '../support/jira-state';
import { as, ok, searchCaughtUp, USERS } from '../support/sandbox';

const PANEL = 'Outcomes side panel';
const PROJECT = 'Project outcomes';
// A title as long as the contract allows, so the narrow panel and the table must wrap or truncate it.
const TITLE =
  'Make returning customers on every mobile and desktop checkout buy again within thirty days of the first order';
const THEMES = ['light', 'dark'] as const;

// Jira gives the issue panel a column of about 362 px (narrower on small screens) and a project page about
// 1024 px beside its sidebar on a laptop. Everything must fit there, in both themes: nothing clipped or
// scrolling sideways, dialogs on screen, focus visible, and axe-clean.
describe('the app at the widths Jira gives it, in Chromium', () => {
  let env: BrowserEnv;
  let outcomeId: string;
  let issueKey: string;
  let childKey: string;
  let inheritedFrom: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  beforeEach(async () => {
    await env.reset();
    const alice = as(env.sandbox, USERS.alice);
    outcomeId = ok(await alice.admin('outcomes/create', { draft: buildDraft({ title: TITLE }) })).id;
    const kpiId =
      ok(await alice.admin('kpis/create', { draft: buildTechnicalKpi(outcomeId) })).kpis[0]?.id ?? '';
    issueKey = issueKeys(env.sandbox.jira.state, 'CHK', 'new')[1] as string;
    ok(
      await as(env.sandbox, USERS.evan).panel('links/add', {
        issueKey,
        outcomeId,
        kpiIds: [kpiId],
        note: 'Cuts the time a returning customer spends re-entering their card details at checkout',
        rice: { reach: 12000, impact: 2, confidence: 80, effort: 3 },
      }),
    );
    // An epic serving the outcome and a story under it: the story's panel shows an inherited card.
    const epicKey = env.sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Epic', summary: 'Remember returning customers' },
      USERS.evan,
    ).key;
    childKey = env.sandbox.jira.createIssue(
      { project: 'CHK', issueType: 'Story', summary: 'Remember the card on file', parentKey: epicKey },
      USERS.evan,
    ).key;
    // The epic is linked once its story exists for Jira's search (it lags behind writes by seconds), and
    // the pages are opened once the links are searchable too.
    await searchCaughtUp(env.sandbox);
    ok(await as(env.sandbox, USERS.evan).panel('links/add', { issueKey: epicKey, outcomeId }));
    inheritedFrom = epicKey;
    await env.sandbox.settle();
    await searchCaughtUp(env.sandbox);
  });
  afterAll(async () => env?.close());

  for (const theme of THEMES) {
    // 362 px is Jira's panel column; 350 and 300 px what smaller screens leave; 280 px the least it gives.
    for (const width of [280, 300, 350, 362]) {
      it(`fits the issue panel at ${width} px (${theme}): the card and the details form`, async () => {
        const { page, context } = await env.session(USERS.evan, { colorScheme: theme });
        await page.goto(`/browse/${issueKey}?panelWidth=${width}`);
        const panel = appFrame(page, PANEL);
        await panel.getByRole('heading', { name: TITLE }).waitFor();
        let frame = await frameNamed(page, PANEL);
        expect(await frame.evaluate('document.documentElement.clientWidth')).toBe(width);
        expect(await overflowIn(frame)).toEqual([]);
        if (width === 300 && theme === 'light') {
          await page.screenshot({ path: screenshotPath('issue-panel-narrow'), fullPage: true });
        }

        // A ticket under the linked one inherits the outcome: its card has the longest actions
        // ("Add this ticket’s own details", "Remove here"), which once ran out of the frame.
        await page.goto(`/browse/${childKey}?panelWidth=${width}`);
        await panel.getByText(`Inherited from ${inheritedFrom}`).waitFor();
        expect(await overflowIn(await frameNamed(page, PANEL))).toEqual([]);
        await page.goto(`/browse/${issueKey}?panelWidth=${width}`);
        await panel.getByRole('heading', { name: TITLE }).waitFor();
        // A new page load, a new frame.
        frame = await frameNamed(page, PANEL);

        // The details form with its RICE inputs, opened from the keyboard.
        const edit = panel.getByRole('button', { name: /^Edit/ }).first();
        await edit.focus();
        await page.keyboard.press('Enter');
        await panel.getByLabel('Reach (people a quarter)').waitFor();
        expect(await overflowIn(frame)).toEqual([]);
        // RICE's impact select, open: the control and its labelled steps stay inside the panel.
        await panel.getByTestId('rice-impact-select--control').click();
        await panel
          .getByTestId('rice-impact-select--listbox')
          .getByRole('option', { name: '0.25: minimal' })
          .waitFor();
        expect(await overflowIn(frame)).toEqual([]);
        await page.keyboard.press('Escape');
        expect(await axeViolations(page)).toEqual([]);
        await context.close();
      });
    }

    for (const width of [1024, 1440]) {
      it(`fits the project page at ${width} px (${theme}), with its dialog on screen and focus visible`, async () => {
        const { page, context } = await env.session(USERS.evan, { colorScheme: theme });
        await page.setViewportSize({ width: width + 256, height: 800 });
        await page.goto(`/projects/CHK/outcomes?pageWidth=${width}`);
        const app = appFrame(page, PROJECT);
        await app.getByTestId(`linked-count-${outcomeId}`).waitFor();
        const frame = await frameNamed(page, PROJECT);
        expect(await frame.evaluate('document.documentElement.clientWidth')).toBe(width);
        expect(await overflowIn(frame)).toEqual([]);
        expect(await axeViolations(page)).toEqual([]);

        // The long title stops after three lines, with the whole of it on hover.
        const title = app.getByTestId(`open-outcome-${outcomeId}`);
        expect(await title.getAttribute('title')).toBe(TITLE);
        const lines = await frame.evaluate<number>(`(() => {
          const text = document.querySelector('[data-testid="open-outcome-${outcomeId}"] > span');
          return text.getBoundingClientRect().height / parseFloat(getComputedStyle(text).lineHeight);
        })()`);
        expect(lines).toBeLessThanOrEqual(3.05);
        // Owners are avatars, each named on hover.
        const owner = app.getByTestId(`people-${outcomeId}`).locator('[title^="Business owner: "]');
        const ownerName = ((await owner.getAttribute('title')) ?? '').replace('Business owner: ', '');
        expect(ownerName).not.toBe('');
        await owner.getByRole('img', { name: ownerName, exact: true }).waitFor();

        // The bulk link dialog opens over the whole page, wholly on screen, and fits itself.
        await app.getByTestId(`bulk-link-${outcomeId}`).click();
        const modal = modalFrame(page, 'Link tickets to an outcome');
        await modal.getByTestId('bulk-dialog').waitFor();
        expect(await dialogsOffScreen(page)).toEqual([]);
        expect(await overflowIn(await frameNamed(page, 'Link tickets to an outcome'))).toEqual([]);
        if (width === 1024 && theme === 'light') {
          await page.screenshot({ path: screenshotPath('bulk-link-dialog') });
        }
        await modal.getByRole('button', { name: 'Cancel' }).click();
        await modal.getByTestId('bulk-dialog').waitFor({ state: 'detached' });

        // The outcome's tickets: each issue key is a link whose focus shows.
        await app.getByTestId(`open-outcome-${outcomeId}`).click();
        const key = app.getByTestId(`issue-link-${issueKey}`).first();
        await key.waitFor();
        expect(await overflowIn(frame)).toEqual([]);
        // Reached from the keyboard (Tab away and back), as a keyboard user would: the ring must show.
        await key.focus();
        await page.keyboard.press('Tab');
        await page.keyboard.press('Shift+Tab');
        expect(await focusRing(frame)).toMatchObject({
          element: `<a> “${issueKey}”`,
          ring: expect.any(String),
        });
        await context.close();
      });
    }
  }

  it('gives each outcome and admin view its own address: Back works and a link opens it', async () => {
    const { page, context } = await env.session(USERS.alice);
    await page.goto('/projects/CHK/outcomes');
    const app = appFrame(page, PROJECT);
    await app.getByTestId(`open-outcome-${outcomeId}`).click();
    await app.getByTestId(`issue-link-${issueKey}`).first().waitFor();
    await page.waitForURL(`**/projects/CHK/outcomes/outcome/${outcomeId}`);
    await page.goBack();
    await app.getByTestId(`open-outcome-${outcomeId}`).waitFor();
    await page.waitForURL('**/projects/CHK/outcomes');
    // The address shared: it opens the outcome straight away.
    await page.goto(`/projects/CHK/outcomes/outcome/${outcomeId}`);
    await app.getByTestId(`issue-link-${issueKey}`).first().waitFor();

    await page.goto('/admin/outcome-bridge');
    const admin = appFrame(page, 'Outcome Bridge admin');
    await admin.getByTestId('open-settings').click();
    await page.waitForURL('**/admin/outcome-bridge/settings');
    await page.goBack();
    await admin.getByTestId('create-outcome').waitFor();
    await page.goto('/admin/outcome-bridge/rules');
    await admin.getByTestId('rules-view').waitFor();
    await context.close();
  });

  it('after linking from the keyboard, focus is on the new card, the result is said, and Jira flags it', async () => {
    const other = issueKeys(env.sandbox.jira.state, 'CHK', 'new')[2] as string;
    const { page, context } = await env.session(USERS.evan);
    await page.goto(`/browse/${other}?panelWidth=300`);
    const panel = appFrame(page, PANEL);
    const open = panel.getByRole('button', { name: 'Link to an outcome' });
    await open.focus();
    await page.keyboard.press('Enter');
    const search = panel.getByRole('combobox', { name: 'Search outcomes' });
    await search.fill('returning');
    await panel.getByRole('option', { name: new RegExp(TITLE.slice(0, 30)) }).waitFor();
    // The picker with a long title among its options fits the narrow panel too.
    expect(await overflowIn(await frameNamed(page, PANEL))).toEqual([]);
    await search.press('Enter');
    await panel.getByRole('button', { name: 'Link', exact: true }).focus();
    await page.keyboard.press('Enter');
    await panel.getByTestId('panel-said').getByText(`Linked ${other} to “${TITLE}”.`).waitFor();
    const frame = await frameNamed(page, PANEL);
    expect(await frame.evaluate('document.activeElement?.textContent')).toBe(TITLE);
    expect((await focusRing(frame)).ring).not.toBeNull();
    const flag = page.getByTestId('sandbox-flag');
    await flag.getByText('Linked').waitFor();
    expect(await flag.textContent()).toContain(`${other} now serves “${TITLE}”.`);
    await context.close();
  });

  it('the checks can fail: a clipped box, a dialog off screen and a focus without a ring are each caught', async () => {
    const { page, context } = await env.session(USERS.evan);
    await page.goto(`/browse/${issueKey}?panelWidth=300`);
    await appFrame(page, PANEL).getByRole('heading', { name: TITLE }).waitFor();
    const frame = await frameNamed(page, PANEL);
    await frame.evaluate(`(() => {
      const wide = document.createElement('button');
      wide.textContent = 'Remove here';
      wide.style.cssText = 'width: 420px; display: block';
      document.body.appendChild(wide);
      const card = document.createElement('div');
      card.style.cssText = 'width: 200px; overflow: hidden';
      const select = document.createElement('div');
      select.setAttribute('data-testid', 'rice-impact');
      select.textContent = 'Impact';
      select.style.cssText = 'width: 260px';
      card.appendChild(select);
      document.body.appendChild(card);
      const dialog = document.createElement('div');
      dialog.setAttribute('role', 'dialog');
      dialog.setAttribute('aria-label', 'Too high');
      dialog.style.cssText = 'position: fixed; top: -200px; left: 0; width: 100px; height: 100px';
      document.body.appendChild(dialog);
      const bare = document.createElement('a');
      bare.href = '#';
      bare.textContent = 'bare';
      bare.style.outline = 'none';
      document.body.appendChild(bare);
      bare.focus();
    })()`);
    const found = (await overflowIn(frame)).join('\n');
    expect(found).toContain('“Remove here” spans');
    expect(found).toMatch(/<div data-testid="rice-impact"> “Impact” spans \d+–\d+ px, past <div>/);
    expect((await dialogsOffScreen(page)).join('\n')).toContain('dialog “Too high”');
    expect(await focusRing(frame)).toEqual({ element: '<a> “bare”', ring: null });
    await context.close();
  });
});
