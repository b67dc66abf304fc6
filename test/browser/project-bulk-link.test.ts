import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JiraState } from '../../sandbox/jira';
import { LINKS_PROPERTY_KEY } from '../../src/domain/links';
import { buildDraft } from '../builders/outcome-draft';
import { appFrame, type BrowserEnv, screenshotPath, startBrowserEnv } from '../support/browser';
import { issuesServing } from '../support/jira-state';
import { as, ok, USERS } from '../support/sandbox';

const PROJECT = 'Project outcomes';
const TITLE = 'Fewer failed checkouts';

/** CHK tickets with their own link to the outcome, read straight from the emulated site. */
function ownLinks(state: JiraState, outcomeId: string) {
  const project = state.projects.find((p) => p.key === 'CHK');
  return state.issues
    .filter((issue) => issue.projectId === project?.id)
    .flatMap((issue) => {
      const value = issue.properties[LINKS_PROPERTY_KEY] as
        | { own?: { outcomeId: string; linkedBy: string }[] }
        | undefined;
      const link = value?.own?.find((l) => l.outcomeId === outcomeId);
      return link ? [{ key: issue.key, linkedBy: link.linkedBy }] : [];
    });
}

/** CHK ticket keys of one issue type (by name), in key order. */
function keysOfType(state: JiraState, typeName: string, wanted: boolean) {
  const project = state.projects.find((p) => p.key === 'CHK');
  const type = state.issueTypes.find((t) => t.name === typeName);
  return state.issues
    .filter((i) => i.projectId === project?.id && (i.issueTypeId === type?.id) === wanted)
    .map((i) => i.key)
    .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
}

const sorted = (keys: string[]) => [...keys].sort();

async function linkedCount(frame: FrameLocator, outcomeId: string) {
  return Number((await frame.getByTestId(`linked-count-${outcomeId}`).textContent())?.trim());
}

async function isFocused(frame: FrameLocator, testId: string) {
  return frame.getByTestId(testId).evaluate((el) => el === el.ownerDocument.activeElement);
}

async function openDialog(page: Page, outcomeId: string) {
  await page.goto('/projects/CHK/outcomes');
  const frame = appFrame(page, PROJECT);
  const opener = frame.getByTestId(`bulk-link-${outcomeId}`);
  await opener.click();
  const dialog = frame.getByTestId('bulk-dialog');
  await dialog.waitFor();
  return { frame, dialog };
}

// Bulk linking from the project page: an editor links chosen tickets and a JQL's tickets to an outcome in
// the background and watches it finish; a read-only user is turned away and nothing changes.
describe('bulk linking from the project page, in Chromium', () => {
  let env: BrowserEnv;
  let outcomeId: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    outcomeId = ok(
      await as(env.sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft({ title: TITLE }) }),
    ).id;
  });
  afterAll(async () => env?.close());

  it('an editor links three tickets by key, then the bugs by JQL, and the page counts them', async () => {
    const state = env.sandbox.jira.state;
    const bugs = keysOfType(state, 'Bug', true);
    const picked = keysOfType(state, 'Story', true).slice(2, 5);
    expect(bugs.length).toBeGreaterThan(3);
    expect(picked).toHaveLength(3);
    expect(ownLinks(state, outcomeId)).toEqual([]);

    const { page, context } = await env.session(USERS.evan);
    const { frame, dialog } = await openDialog(page, outcomeId);
    expect(await linkedCount(frame, outcomeId)).toBe(0);
    await dialog.getByText('Limited to Checkout automatically').waitFor();

    // Keys: checked here before anything is sent, with the problem under the field.
    await dialog.getByTestId('bulk-target-keys').check();
    const keysField = dialog.getByTestId('bulk-keys');
    await keysField.fill(`${picked[0]}, PLAT-3 nonsense`);
    await dialog.getByTestId('bulk-submit').click();
    await dialog.getByTestId('bulk-keys-error').getByText('“nonsense” is not an issue key').waitFor();
    await keysField.fill(`${picked[0]}, PLAT-3`);
    await dialog.getByTestId('bulk-submit').click();
    await dialog.getByTestId('bulk-keys-error').getByText('PLAT-3 is not in CHK').waitFor();

    // Commas, spaces and new lines all separate keys; lower case is fine.
    await keysField.fill(`${picked[0]},  ${picked[1]?.toLowerCase()}\n${picked[2]}`);
    await dialog.getByText('3 tickets listed.').waitFor();
    await dialog.getByTestId('bulk-submit').click();
    const status = dialog.getByTestId('bulk-status');
    await status.getByText('Linked 3 of 3 tickets.').waitFor();
    await dialog.getByText('The counts on the page are updated.').waitFor();
    expect(sorted(ownLinks(state, outcomeId).map((l) => l.key))).toEqual(sorted(picked));
    const afterKeys = issuesServing(state, outcomeId, 'CHK').linked;
    expect(await linkedCount(frame, outcomeId)).toBe(afterKeys);

    // Escape closes, and focus goes back to the button that opened the dialog.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await isFocused(frame, `bulk-link-${outcomeId}`)).toBe(true);

    // JQL: Jira's own error shows under the field, and nothing is linked.
    await frame.getByTestId(`bulk-link-${outcomeId}`).click();
    await dialog.waitFor();
    await dialog.getByTestId('bulk-target-jql').check();
    const jqlField = dialog.getByTestId('bulk-jql');
    await jqlField.fill('issuetype = = Bug');
    await dialog.getByTestId('bulk-submit').click();
    await dialog.getByTestId('bulk-jql-error').getByText('The JQL does not parse').waitFor();

    await jqlField.fill('issuetype = Bug');
    await dialog.getByTestId('bulk-submit').click();
    await dialog.getByTestId('bulk-progress').waitFor();
    await page.screenshot({ path: screenshotPath('project-bulk-link-progress') });
    await status.getByText(`Linked ${bugs.length} of ${bugs.length} tickets.`).waitFor();
    await dialog.getByText('The counts on the page are updated.').waitFor();
    await page.screenshot({ path: screenshotPath('project-bulk-link-done') });

    await env.sandbox.settle();
    const links = ownLinks(state, outcomeId);
    expect(sorted(links.map((l) => l.key))).toEqual(sorted([...picked, ...bugs]));
    expect(links.every((l) => l.linkedBy === USERS.evan)).toBe(true);
    const expected = issuesServing(state, outcomeId, 'CHK').linked;
    expect(expected).toBeGreaterThanOrEqual(afterKeys + bugs.length);
    expect(await linkedCount(frame, outcomeId)).toBe(expected);

    await dialog.getByTestId('bulk-close').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await isFocused(frame, `bulk-link-${outcomeId}`)).toBe(true);

    // A fresh load of the page shows the same number.
    await page.goto('/projects/CHK/outcomes');
    await appFrame(page, PROJECT).getByTestId(`linked-count-${outcomeId}`).waitFor();
    expect(await linkedCount(appFrame(page, PROJECT), outcomeId)).toBe(expected);
    await context.close();
  });

  it('a read-only user is refused with a clear message, and nothing changes', async () => {
    await env.sandbox.settle();
    const state = env.sandbox.jira.state;
    const before = JSON.stringify(state.issues.map((i) => i.properties));
    const target = keysOfType(state, 'Task', true)[0] as string;

    const { page, context } = await env.session(USERS.rita, { colorScheme: 'dark' });
    const { frame, dialog } = await openDialog(page, outcomeId);
    const count = await linkedCount(frame, outcomeId);
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
    expect(JSON.stringify(state.issues.map((i) => i.properties))).toBe(before);
    expect(await linkedCount(frame, outcomeId)).toBe(count);
    await context.close();
  });
});
