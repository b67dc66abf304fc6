import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildDraft } from '../builders/outcome-draft';
import { appFrame, type BrowserEnv, screenshotPath, startBrowserEnv } from '../support/browser';
import { issueKeys, issuesServing } from '../support/jira-state';
import { as, ok, USERS } from '../support/sandbox';

const TITLE = 'Halve failed card payments';
const ADMIN = 'Outcome Bridge admin';
const PANEL = 'Outcomes side panel';
const PROJECT = 'Project outcomes';

// The skeleton's slice, clicked through the three surfaces: an admin creates an outcome on the admin
// page, links a ticket from the issue panel, and the project page counts it; then a read-only user.
// Each step is its own test on its own site: what the steps before it did in the UI, it arranges
// through the resolvers.
describe('the slice across the three surfaces, in Chromium', () => {
  let env: BrowserEnv;
  let issueKey: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  beforeEach(async () => {
    await env.reset();
    issueKey = issueKeys(env.sandbox.jira.state, 'CHK', 'done')[1] as string;
  });
  afterAll(async () => env?.close());

  /** The outcome the first step creates on the admin page. */
  const createOutcome = async () =>
    ok(
      await as(env.sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({
          title: TITLE,
          statement: 'Every declined card we recover is a sale we keep.',
          projectKeys: ['CHK'],
          startDate: '2026-07-01',
          dueDate: '2026-12-31',
        }),
      }),
    ).id;
  /** ... and the ticket the second step links to it from the issue panel. */
  const createLinkedOutcome = async () => {
    const outcomeId = await createOutcome();
    ok(await as(env.sandbox, USERS.alice).panel('links/add', { issueKey, outcomeId }));
    await env.sandbox.settle();
    return outcomeId;
  };

  it('admin creates an outcome on the admin page, with errors shown next to the fields', async () => {
    const { page, context } = await env.session(USERS.alice);
    await page.goto('/admin/outcome-bridge');
    const admin = appFrame(page, ADMIN);
    await admin.getByTestId('create-outcome').click();
    const editor = admin.getByTestId('outcome-editor');
    await editor.waitFor();

    await editor.getByLabel('Title').fill(TITLE);
    await editor.getByLabel('Statement').fill('Every declined card we recover is a sale we keep.');
    await pick(editor.getByLabel('Projects'), 'CHK', /Checkout/);
    await pick(editor.getByLabel('Business owner'), 'Priya', /Priya Project-Admin/);
    await pick(editor.getByLabel('Technology owner'), 'Maya', /Maya Chen/);
    await pick(editor.getByLabel('Who decides'), 'Priya', /Priya Project-Admin/);
    await editor.getByLabel('Start date').fill('2026-07-01');
    await editor.getByLabel('Due date').fill('2026-06-01');
    await editor.getByTestId('outcome-save').click();
    // The server's rule, shown under the field it concerns; nothing typed is lost.
    await admin.getByText('The due date must come after the start date.').waitFor();
    expect(await editor.getByLabel('Title').inputValue()).toBe(TITLE);

    await editor.getByLabel('Due date').fill('2026-12-31');
    await editor.getByTestId('outcome-save').click();
    await editor.waitFor({ state: 'detached' });
    // A new outcome opens in its detail view, ready for its KPIs.
    await admin.getByTestId('outcome-detail').first().waitFor();
    await admin.getByRole('heading', { name: TITLE }).first().waitFor();
    const listed = ok(await as(env.sandbox, USERS.alice).admin('admin/load', {})).outcomes;
    const created = listed.find((o) => o.title === TITLE);
    expect(created).toMatchObject({ projectKeys: ['CHK'], startDate: '2026-07-01', dueDate: '2026-12-31' });
    expect(created?.businessOwner?.displayName).toBe('Priya Project-Admin');
    await page.screenshot({ path: screenshotPath('admin-page'), fullPage: true });
    await context.close();
  });

  it('admin links a ticket to it from the issue panel', async () => {
    const outcomeId = await createOutcome();
    const { page, context } = await env.session(USERS.alice);
    await page.goto(`/browse/${issueKey}`);
    const panel = appFrame(page, PANEL);
    await panel.getByRole('button', { name: 'Link to an outcome' }).click();
    await panel.getByRole('option', { name: new RegExp(TITLE) }).click();
    await panel.getByRole('button', { name: 'Link', exact: true }).click();
    await panel.getByRole('heading', { name: TITLE }).waitFor();
    expect(issuesServing(env.sandbox.jira.state, outcomeId, 'CHK').issues.map((i) => i.key)).toContain(
      issueKey,
    );
    await context.close();
  });

  it('the project page counts the ticket, matching the site', async () => {
    const outcomeId = await createLinkedOutcome();
    const { page, context } = await env.session(USERS.alice);
    await page.goto('/projects/CHK/outcomes');
    const project = appFrame(page, PROJECT);
    const linked = project.getByTestId(`linked-count-${outcomeId}`);
    await linked.waitFor();
    const expected = issuesServing(env.sandbox.jira.state, outcomeId, 'CHK');
    expect(expected).toMatchObject({ linked: 1, done: 1 });
    expect((await linked.textContent())?.trim()).toBe(String(expected.linked));
    expect((await project.getByTestId(`done-count-${outcomeId}`).textContent())?.trim()).toContain(
      String(expected.done),
    );
    await page.screenshot({ path: screenshotPath('project-page'), fullPage: true });
    await context.close();
  });

  it('a read-only user sees the outcome but cannot link, and the admin page turns them away', async () => {
    const outcomeId = await createLinkedOutcome();
    const { page, context } = await env.session(USERS.rita);
    const otherKey = issueKeys(env.sandbox.jira.state, 'CHK', 'new')[5] as string;
    await page.goto(`/browse/${otherKey}`);
    const panel = appFrame(page, PANEL);
    await panel.getByText(`${otherKey} does not serve an outcome yet.`).waitFor();
    expect(await panel.getByRole('button', { name: 'Link to an outcome' }).count()).toBe(0);

    await page.goto(`/browse/${issueKey}`);
    await appFrame(page, PANEL).getByRole('heading', { name: TITLE }).waitFor();
    expect(
      await appFrame(page, PANEL)
        .getByRole('button', { name: /Unlink/ })
        .count(),
    ).toBe(0);

    await page.goto('/projects/CHK/outcomes');
    await appFrame(page, PROJECT).getByTestId(`linked-count-${outcomeId}`).waitFor();

    // Jira itself turns her away from Jira settings and from CHK's settings: the app is never shown.
    const jiraSettings = await page.goto('/admin/outcome-bridge');
    expect(jiraSettings?.status()).toBe(403);
    await page.getByRole('heading', { name: "You don't have access to Jira settings" }).waitFor();
    const projectSettings = await page.goto('/projects/CHK/settings/outcome-bridge');
    expect(projectSettings?.status()).toBe(403);
    await page.getByRole('heading', { name: "You don't have access to Checkout's settings" }).waitFor();
    expect(await page.locator('iframe').count()).toBe(0);
    await context.close();
  });

  it("a project admin manages her project's outcomes on its settings page", async () => {
    await createLinkedOutcome();
    const { page, context } = await env.session(USERS.priya);
    await page.goto('/projects/CHK/settings/outcome-bridge');
    const settings = appFrame(page, 'Outcome Bridge project settings');
    await settings.getByText(TITLE).first().waitFor();
    expect(await settings.getByTestId('admin-forbidden').count()).toBe(0);
    await context.close();
  });
});

/** Types into an Atlaskit select and chooses the option that appears. */
async function pick(input: import('playwright-core').Locator, text: string, option: RegExp) {
  await input.click();
  await input.fill(text);
  const frame = input.locator('xpath=ancestor::html');
  await frame.getByRole('option', { name: option }).first().click();
}
