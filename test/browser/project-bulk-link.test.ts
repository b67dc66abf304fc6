import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JiraState } from '../../sandbox/jira';
import { LINKS_PROPERTY_KEY } from '../../src/domain/links';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { appFrame, type BrowserEnv, modalFrame, screenshotPath, startBrowserEnv } from '../support/browser';
import { issuesServing, visibleTo } from '../support/jira-state';
import { as, failure, ok, USERS } from '../support/sandbox';

const PROJECT = 'Project outcomes';
const TITLE = 'Fewer failed checkouts';

interface OwnLink {
  outcomeId: string;
  kpiIds: string[];
  linkedBy: string;
}

/** CHK tickets with their own link to the outcome, read straight from the emulated site. */
function ownLinks(state: JiraState, outcomeId: string) {
  const project = state.projects.find((p) => p.key === 'CHK');
  return state.issues
    .filter((issue) => issue.projectId === project?.id)
    .flatMap((issue) => {
      const value = issue.properties[LINKS_PROPERTY_KEY] as { own?: OwnLink[] } | undefined;
      const link = value?.own?.find((l) => l.outcomeId === outcomeId);
      return link ? [{ key: issue.key, ...link }] : [];
    });
}

/** CHK ticket keys of one issue type (by name), in key order. */
/** CHK issues of a type that Evan, who links them, may see (not the Confidential ones, when they are at that level). */
function keysOfType(state: JiraState, typeName: string) {
  const project = state.projects.find((p) => p.key === 'CHK');
  const type = state.issueTypes.find((t) => t.name === typeName);
  const seen = visibleTo(state, USERS.evan);
  return state.issues
    .filter((i) => i.projectId === project?.id && i.issueTypeId === type?.id && seen(i))
    .map((i) => i.key)
    .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
}

const sorted = (keys: string[]) => [...keys].sort();
/** What the page's "Linked tickets" counts: stories, tasks and bugs serving the outcome. */
const counted = (state: JiraState, outcomeId: string) =>
  issuesServing(state, outcomeId, 'CHK', { counted: true }).linked;
const siteLinks = (state: JiraState) => JSON.stringify(state.issues.map((i) => i.properties));

async function linkedCount(frame: FrameLocator, outcomeId: string) {
  return Number((await frame.getByTestId(`linked-count-${outcomeId}`).textContent())?.trim());
}

async function isFocused(frame: FrameLocator, testId: string) {
  return frame.getByTestId(testId).evaluate((el) => el === el.ownerDocument.activeElement);
}

async function openProjectPage(page: Page, outcomeId: string) {
  await page.goto('/projects/CHK/outcomes');
  const frame = appFrame(page, PROJECT);
  await frame.getByTestId(`linked-count-${outcomeId}`).waitFor();
  // The dialog opens as a Forge modal: a frame of its own over the whole page.
  const modal = modalFrame(page, 'Link tickets to an outcome');
  return { frame, modal, dialog: modal.getByTestId('bulk-dialog') };
}

// Bulk linking from the project page: an editor links chosen tickets and a JQL's tickets to an outcome in
// the background and watches it finish; people who may not edit the tickets are turned away, clearly.
describe('bulk linking from the project page, in Chromium', () => {
  let env: BrowserEnv;
  let outcomeId: string;
  let kpiId: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  // Each test gets its own site with the outcome and its KPI, nothing linked yet; the browser stays.
  beforeEach(async () => {
    await env.reset();
    const alice = as(env.sandbox, USERS.alice);
    outcomeId = ok(await alice.admin('outcomes/create', { draft: buildDraft({ title: TITLE }) })).id;
    kpiId = ok(await alice.admin('kpis/create', { draft: buildKpi(outcomeId) })).kpis[0]?.id ?? '';
    await env.sandbox.settle();
  });
  afterAll(async () => env?.close());

  it('an editor links three tickets by key, then the bugs by JQL, and the page counts them', async () => {
    const state = env.sandbox.jira.state;
    const bugs = keysOfType(state, 'Bug');
    const picked = keysOfType(state, 'Story').slice(2, 5);
    expect(bugs.length).toBeGreaterThan(3);
    expect(picked).toHaveLength(3);
    expect(ownLinks(state, outcomeId)).toEqual([]);

    const { page, context } = await env.session(USERS.evan);
    const { frame, modal, dialog } = await openProjectPage(page, outcomeId);
    expect(await linkedCount(frame, outcomeId)).toBe(0);
    const opener = frame.getByTestId(`bulk-link-${outcomeId}`);
    await opener.click();
    await dialog.waitFor();
    await dialog.getByText('Limited to Checkout automatically').waitFor();

    // Keys are checked before anything is sent, with the problem under the field.
    await dialog.getByTestId('bulk-target-keys').check();
    const keysField = dialog.getByTestId('bulk-keys');
    await keysField.fill(`${picked[0]}, PLAT-3 nonsense`);
    await dialog.getByTestId('bulk-submit').click();
    await dialog.getByTestId('bulk-keys-error').getByText('“nonsense” is not an issue key').waitFor();
    await keysField.fill(`${picked[0]}, PLAT-3`);
    await dialog.getByTestId('bulk-submit').click();
    await dialog.getByTestId('bulk-keys-error').getByText('PLAT-3 is not in CHK').waitFor();

    // Commas, spaces and new lines all separate keys; lower case is fine. One KPI is chosen.
    await keysField.fill(`${picked[0]},  ${picked[1]?.toLowerCase()}\n${picked[2]}`);
    await dialog.getByText('3 tickets listed.').waitFor();
    await dialog.getByTestId(`bulk-kpi-${kpiId}`).check();
    await dialog.getByTestId('bulk-submit').click();
    const status = dialog.getByTestId('bulk-status');
    await status.getByText('Linked 3 of 3 tickets.').waitFor();
    // The Link button gave way to the progress, and so did the focus.
    expect(await isFocused(modal, 'bulk-progress')).toBe(true);
    await dialog.locator('[data-testid="bulk-counts"][data-counts="updated"]').waitFor();
    await status.getByText('The counts on the page are updated.').waitFor();
    const afterKeys = ownLinks(state, outcomeId);
    expect(sorted(afterKeys.map((l) => l.key))).toEqual(sorted(picked));
    expect(afterKeys.every((l) => l.linkedBy === USERS.evan && l.kpiIds.join() === kpiId)).toBe(true);
    // The page behind the modal hears of the new counts from the dialog and loads them.
    await expect.poll(() => linkedCount(frame, outcomeId)).toBe(counted(state, outcomeId));
    expect(counted(state, outcomeId)).toBeGreaterThanOrEqual(3);

    // Escape closes, and focus goes back to the button that opened the dialog.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await isFocused(frame, `bulk-link-${outcomeId}`)).toBe(true);

    // JQL: Jira's own error shows under the field, and nothing is linked.
    await opener.press('Enter');
    await dialog.waitFor();
    await dialog.getByTestId('bulk-target-jql').check();
    const jqlField = dialog.getByTestId('bulk-jql');
    await jqlField.fill('issuetype = = Bug');
    await dialog.getByTestId('bulk-submit').click();
    await dialog.getByTestId('bulk-jql-error').getByText('The JQL does not parse').waitFor();
    expect(ownLinks(state, outcomeId)).toHaveLength(3);

    await jqlField.fill('issuetype = Bug');
    await dialog.getByTestId('bulk-submit').click();
    await dialog.getByTestId('bulk-progress').waitFor();
    await page.screenshot({ path: screenshotPath('project-bulk-link-progress') });
    await status.getByText(`Linked ${bugs.length} of ${bugs.length} tickets.`).waitFor();
    await dialog.locator('[data-testid="bulk-counts"][data-counts="updated"]').waitFor();
    await page.screenshot({ path: screenshotPath('project-bulk-link-done') });

    const links = ownLinks(state, outcomeId);
    expect(sorted(links.map((l) => l.key))).toEqual(sorted([...picked, ...bugs]));
    expect(links.every((l) => l.linkedBy === USERS.evan)).toBe(true);
    const expected = counted(state, outcomeId);
    expect(expected).toBeGreaterThanOrEqual(3 + bugs.length);
    await expect.poll(() => linkedCount(frame, outcomeId)).toBe(expected);

    await dialog.getByTestId('bulk-close').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await isFocused(frame, `bulk-link-${outcomeId}`)).toBe(true);

    // A fresh load of the page shows the same number.
    await env.sandbox.settle();
    const reloaded = await openProjectPage(page, outcomeId);
    expect(await linkedCount(reloaded.frame, outcomeId)).toBe(expected);
    await context.close();
  });

  it('says when Jira rate-limited the run, which still links every ticket', async () => {
    await env.sandbox.settle();
    const state = env.sandbox.jira.state;
    const tasks = keysOfType(state, 'Task');
    expect(tasks.length).toBeGreaterThan(0);
    const { page, context } = await env.session(USERS.evan);
    const { frame, dialog } = await openProjectPage(page, outcomeId);
    await frame.getByTestId(`bulk-link-${outcomeId}`).click();
    await dialog.getByTestId('bulk-jql').fill('issuetype = Task');
    // More 429s in a row than the Jira client retries one call: the run itself waits and resumes.
    env.sandbox.jira.faults.add({
      match: { method: 'POST', pathPrefix: '/rest/api/3/search/jql' },
      status: 429,
      times: 12,
      retryAfterSeconds: 0,
    });
    await dialog.getByTestId('bulk-submit').click();
    await dialog
      .getByTestId('bulk-status')
      .getByText(`Linked ${tasks.length} of ${tasks.length} tickets.`)
      .waitFor({ timeout: 30_000 });
    await dialog
      .getByTestId('bulk-rate-limited')
      .getByText(/^Jira asked Outcome Bridge to slow down (once|\d+ times)\. It waited as asked/)
      .waitFor();
    expect(env.sandbox.jira.faults.pending()).toBe(0);
    const linked = new Set(ownLinks(state, outcomeId).map((l) => l.key));
    expect(tasks.filter((key) => !linked.has(key))).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await context.close();
  });

  it('a read-only user is told linking needs edit permission, and the server refuses it too', async () => {
    await env.sandbox.settle();
    const state = env.sandbox.jira.state;
    const before = siteLinks(state);
    const target = keysOfType(state, 'Task')[0] as string;

    const { page, context } = await env.session(USERS.rita, { colorScheme: 'dark' });
    const { frame } = await openProjectPage(page, outcomeId);
    await frame
      .getByTestId('bulk-link-unavailable')
      .getByText("Linking tickets to outcomes from here needs permission to edit Checkout's tickets")
      .waitFor();
    expect(await frame.getByTestId(`bulk-link-${outcomeId}`).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('project-bulk-link-read-only-dark') });
    await context.close();

    // The same request the dialog would send, straight to the resolver as Rita.
    const refused = failure(
      await as(env.sandbox, USERS.rita).project('links/bulk', {
        projectKey: 'CHK',
        outcomeId,
        target: { issueKeys: [target] },
      }),
    );
    expect(refused).toMatchObject({
      code: 'FORBIDDEN',
      message: "You can't edit tickets in CHK, so you can't link them to outcomes.",
    });
    await env.sandbox.settle();
    expect(siteLinks(state)).toBe(before);
  });

  it('an editor who loses edit permission while the page is open is refused in the dialog', async () => {
    await env.sandbox.settle();
    const state = env.sandbox.jira.state;
    const before = siteLinks(state);
    const target = keysOfType(state, 'Task')[0] as string;
    const checkout = state.projects.find((p) => p.key === 'CHK');
    if (!checkout) throw new Error('The demo site has no CHK project.');

    const { page, context } = await env.session(USERS.evan, { colorScheme: 'dark' });
    try {
      const { frame, dialog } = await openProjectPage(page, outcomeId);
      const count = await linkedCount(frame, outcomeId);
      // An admin takes Evan's edit permission away after the page loaded.
      checkout.roles[USERS.evan] = 'viewer';
      await frame.getByTestId(`bulk-link-${outcomeId}`).click();
      await dialog.getByTestId('bulk-target-keys').check();
      await dialog.getByTestId('bulk-keys').fill(target);
      await dialog.getByTestId('bulk-submit').click();
      const refusal = dialog.getByTestId('bulk-error');
      await refusal.getByText("You can't link these tickets").waitFor();
      await refusal.getByText("You can't edit tickets in CHK, so you can't link them to outcomes.").waitFor();
      await refusal.getByText('Nothing was changed.', { exact: false }).waitFor();
      expect(await dialog.getByTestId('bulk-progress').count()).toBe(0);
      await page.screenshot({ path: screenshotPath('project-bulk-link-forbidden-dark') });

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await isFocused(frame, `bulk-link-${outcomeId}`)).toBe(true);
      await env.sandbox.settle();
      expect(siteLinks(state)).toBe(before);
      expect(await linkedCount(frame, outcomeId)).toBe(count);
    } finally {
      checkout.roles[USERS.evan] = 'member';
      await context.close();
    }
  });
});
