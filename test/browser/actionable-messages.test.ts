import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OUTCOME_TITLE } from '../../src/contract/limits';
import { buildDraft } from '../builders/outcome-draft';
import { appFrame, type BrowserEnv, openAdminPage, startBrowserEnv } from '../support/browser';
import { issueKeys, linksPropertyOf } from '../support/jira-state';
import { as, ok, USERS } from '../support/sandbox';

const PANEL = 'Outcomes side panel';

// Messages a person can act on, in Chromium: a JQL error points into what they typed, an over-long title
// is an error (not a hint), a button's accessible name starts with its visible words, and a panel action
// that fails says which one and offers to run it again.
const TITLE_MAX = OUTCOME_TITLE.max;

describe('messages people can act on, in Chromium', () => {
  let env: BrowserEnv;
  let outcomeId: string;
  const title = 'Fewer shoppers abandon checkout';
  const admin = () => as(env.sandbox, USERS.alice).admin;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  beforeEach(async () => {
    await env.reset();
    outcomeId = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title, projectKeys: ['CHK'] }) }),
    ).id;
  });
  afterAll(async () => env?.close());

  it('points a JQL error at the character the admin typed, quoting it, not at the query the app wraps', async () => {
    const { context, app } = await openAdminPage(env, USERS.alice);
    await app.getByTestId('open-rules').click();
    await app.getByTestId('create-rule').click();
    await app.getByTestId('rule-outcome').selectOption(outcomeId);
    // 30 characters; the ")" they typed last is character 30 of theirs (the app's wrapping puts it at 51).
    const typed = 'issuetype = Bug AND status = )';
    expect(typed.length).toBe(30);
    await app.getByTestId('rule-jql').fill(typed);
    const check = app.getByTestId('rule-jql-check');
    await expect
      .poll(async () => (await check.textContent()) ?? '', { timeout: 10_000 })
      .toContain('character 30 of what you typed, at “)”');
    expect(await check.textContent()).not.toMatch(/character (4\d|5\d)\b/);
    await context.close();
  });

  it('names "Apply to existing tickets" by its visible words first', async () => {
    const rule = ok(await admin()('rules/create', { draft: { outcomeId, jql: 'issuetype = Bug' } }));
    const { context, app } = await openAdminPage(env, USERS.alice);
    await app.getByTestId('open-rules').click();
    const apply = app.getByTestId(`rule-backfill-${rule.id}`);
    await apply.waitFor();
    const name = (await apply.getAttribute('aria-label')) ?? '';
    const visible = ((await apply.textContent()) ?? '').trim();
    expect(visible).toBe('Apply to existing tickets');
    expect(name.startsWith(visible)).toBe(true);
    expect(name).toContain(title);
    await context.close();
  });

  it('shows a title over the limit as an error on the field, with how many characters too many', async () => {
    const { context, app } = await openAdminPage(env, USERS.alice);
    await app.getByTestId('create-outcome').click();
    const field = app.getByTestId('outcome-title');
    const long = 'x'.repeat(TITLE_MAX + 7);
    await field.fill(long);
    await app
      .getByText(`${TITLE_MAX + 7} of ${TITLE_MAX} characters: 7 too many.`)
      .first()
      .waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // The error is what describes the field to a screen reader, not only a colour.
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    const descriptions = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map(async (id) => (await app.locator(`[id="${id}"]`).textContent()) ?? ''),
    );
    expect(descriptions.join(' ')).toContain('7 too many');
    // Back within the limit, the error goes.
    await field.fill('x'.repeat(TITLE_MAX));
    await app.getByText(`${TITLE_MAX} of ${TITLE_MAX} characters.`).first().waitFor();
    expect(await field.getAttribute('aria-invalid')).not.toBe('true');
    await context.close();
  });

  it('says which panel action failed and runs that action again on “Try again”', async () => {
    const issueKey = issueKeys(env.sandbox.jira.state, 'CHK', 'new')[2] as string;
    ok(await as(env.sandbox, USERS.evan).panel('links/add', { issueKey, outcomeId }));
    const { page, context } = await env.session(USERS.evan);
    await page.goto(`/browse/${issueKey}`);
    const panel = appFrame(page, PANEL);
    await panel.getByRole('heading', { name: title }).waitFor();

    // Jira fails the ticket's next property write once, as it does when it is briefly down.
    env.sandbox.jira.faults.add({
      match: { method: 'PUT', pathPrefix: `/rest/api/3/issue/${issueKey}/properties` },
      status: 500,
      times: 1,
    });
    await panel.getByRole('button', { name: `Unlink from ${title}` }).click();
    const failure = panel.getByTestId('panel-action-error');
    await failure.getByText(`Could not remove “${title}”.`, { exact: false }).waitFor();
    expect(linksPropertyOf(env.sandbox.jira.state, issueKey)).toMatchObject({ linkCount: 1 });

    await failure.getByRole('button', { name: 'Try again' }).click();
    await panel.getByText(`${issueKey} does not serve an outcome yet.`).waitFor();
    expect(linksPropertyOf(env.sandbox.jira.state, issueKey)).toMatchObject({ linkCount: 0 });
    expect(await panel.getByTestId('panel-action-error').count()).toBe(0);
    await context.close();
  });
});
