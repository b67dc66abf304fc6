import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ACCOUNT_ID, type Sandbox } from '../../sandbox/site';
import { LINKS_PROPERTY_KEY } from '../../src/domain/links';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { appFrame, type BrowserEnv, screenshotPath, startBrowserEnv } from '../support/browser';
import { visibleTo } from '../support/jira-state';
import { as, ok, USERS } from '../support/sandbox';

const ADMIN = 'Outcome Bridge admin';

const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

interface StoredLinks {
  mapped?: { outcomeId: string; ruleId: string }[];
  effectiveOutcomeIds?: string[];
}
const linksOf = (issue: { properties: Record<string, unknown> }) =>
  issue.properties[LINKS_PROPERTY_KEY] as StoredLinks | undefined;

/** The CHK bugs, read straight from the emulated site: what `issuetype = Bug` on a CHK outcome matches for Alice. */
function chkBugsAll(sandbox: Sandbox) {
  const state = sandbox.jira.state;
  const chk = state.projects.find((p) => p.key === 'CHK')?.id;
  const bug = state.issueTypes.find((t) => t.name === 'Bug')?.id;
  return state.issues.filter((i) => i.projectId === chk && i.issueTypeId === bug);
}

/** Of them, those a rule can reach: the app's own account is not in CHK's Confidential level. */
const chkBugs = (sandbox: Sandbox) =>
  chkBugsAll(sandbox).filter(visibleTo(sandbox.jira.state, APP_ACCOUNT_ID));

/** Every issue of the site whose links property says it serves the outcome. */
const serving = (sandbox: Sandbox, outcomeId: string) =>
  sandbox.jira.state.issues.filter((i) => linksOf(i)?.effectiveOutcomeIds?.includes(outcomeId));

// Mapping rules on the admin page, in Chromium: rules made and applied in the UI, checked against what the
// emulated Jira site stores on its tickets.
describe('admin page mapping rules in Chromium', () => {
  let env: BrowserEnv;
  const admin = () => as(env.sandbox, USERS.alice).admin;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => env?.close());

  async function openRules() {
    const session = await env.session(USERS.alice);
    await session.page.goto('/admin/outcome-bridge');
    const app = appFrame(session.page, ADMIN);
    await app.getByTestId('open-rules').click();
    await app.getByTestId('rules-view').waitFor();
    return { ...session, app };
  }

  it('creates a rule for CHK bugs in the UI, says which the app cannot see, applies it, and every bug it can reach serves the outcome', async () => {
    const outcome = ok(
      await admin()('outcomes/create', {
        draft: buildDraft({ title: 'Fewer checkout defects', projectKeys: ['CHK'] }),
      }),
    );
    const kpiId = ok(await admin()('kpis/create', { draft: buildKpi(outcome.id) })).kpis[0]?.id ?? '';
    const bugs = chkBugs(env.sandbox);
    const hidden = chkBugsAll(env.sandbox).length - bugs.length;
    expect(bugs.length).toBeGreaterThan(5);
    expect(hidden).toBeGreaterThan(0);
    expect(serving(env.sandbox, outcome.id)).toEqual([]);

    const { page, context, app } = await openRules();
    // The view takes focus on its heading, and says that people's own choices win.
    expect(await app.locator(':focus').getAttribute('id')).toBe('rules-heading');
    await app.getByTestId('rules-choice-wins').waitFor();

    await app.getByTestId('create-rule').click();
    await app.getByTestId('rule-editor').waitFor();
    await app.getByTestId('rule-outcome').selectOption(outcome.id);
    await app.getByTestId('rule-jql').fill('issuetype = Bug');
    // Checked with Jira as it is typed, within the outcome's projects: the CHK bugs Alice sees, and how many
    // of them the app's user cannot (so the rule cannot link them).
    const check = app.getByTestId('rule-jql-check');
    await check.getByText(`Matches ${bugs.length + hidden} tickets now.`).waitFor();
    expect(await textOf(check.getByTestId('jql-hidden-from-app'))).toBe(
      `Outcome Bridge's user cannot see ${hidden === 1 ? '1 of them' : `${hidden} of them`} (a project or issue security level it is not in): no rule links ${hidden === 1 ? 'it' : 'them'} and no figure counts ${hidden === 1 ? 'it' : 'them'}.`,
    );
    expect(await textOf(app.getByTestId('rule-effective-jql'))).toBe(
      'project in ("CHK") AND (issuetype = Bug)',
    );
    await app.getByTestId(`rule-kpi-${kpiId}`).check();
    expect(await app.getByTestId('rule-enabled').isChecked()).toBe(true);
    await app.getByTestId('rule-save').click();
    await app.getByTestId('rule-editor').waitFor({ state: 'detached' });

    const rule = ok(await admin()('rules/list', {})).rules.find((r) => r.outcomeId === outcome.id);
    expect(rule).toMatchObject({
      jql: 'issuetype = Bug',
      effectiveJql: 'project in ("CHK") AND (issuetype = Bug)',
      kpiIds: [kpiId],
      enabled: true,
      lastRun: null,
    });
    const ruleId = rule?.id ?? '';
    const row = app.getByTestId(`rule-row-${ruleId}`);
    await row.waitFor();
    expect(await textOf(row)).toContain('Fewer checkout defects');
    expect(await textOf(row)).toContain('Checkout abandonment rate');
    // Focus lands on what comes next for a new rule: applying it.
    expect(await app.locator(':focus').getAttribute('data-testid')).toBe(`rule-backfill-${ruleId}`);

    await app.getByTestId(`rule-backfill-${ruleId}`).click();
    const progress = app.getByTestId('run-progress');
    await progress.waitFor();
    await app.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 20_000 });
    await env.sandbox.settle();

    // Every CHK bug now serves the outcome, mapped by this rule; and the run's numbers say so.
    for (const bug of bugs) {
      expect(linksOf(bug)?.effectiveOutcomeIds, bug.key).toContain(outcome.id);
      const byRule = (linksOf(bug)?.mapped ?? []).filter((m) => m.ruleId === ruleId);
      expect(byRule, bug.key).toEqual([expect.objectContaining({ outcomeId: outcome.id })]);
    }
    const servingKeys = new Set(serving(env.sandbox, outcome.id).map((i) => i.key));
    for (const bug of bugs) expect(servingKeys.has(bug.key)).toBe(true);
    const run = ok(await admin()('rules/list', {})).rules.find((r) => r.id === ruleId)?.lastRun;
    expect(run).toMatchObject({
      kind: 'backfill',
      status: 'done',
      matched: bugs.length,
      changed: bugs.length,
      error: null,
    });
    expect(await textOf(app.getByTestId('run-matched'))).toBe(String(bugs.length));
    expect(await textOf(app.getByTestId('run-changed'))).toBe(String(bugs.length));
    expect(await textOf(app.getByTestId('run-status'))).toBe(
      `Done: ${bugs.length} tickets match the rule; this run linked or updated ${bugs.length}.`,
    );
    await row.getByText(`${bugs.length} tickets match; ${bugs.length} changed`).waitFor();
    await page.screenshot({ path: screenshotPath('admin-rules'), fullPage: true });
    await context.close();
  });

  it('shows Jira’s verdict on bad JQL under the field and stores nothing', async () => {
    const outcome = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title: 'Rules need real JQL' }) }),
    );
    const before = ok(await admin()('rules/list', {})).rules.length;
    const { context, app } = await openRules();
    await app.getByTestId('create-rule').click();
    await app.getByTestId('rule-outcome').selectOption(outcome.id);
    await app.getByTestId('rule-jql').fill('nosuchfield = 1');
    await app
      .getByTestId('rule-jql-check')
      .getByText(/^Jira says: .*nosuchfield/)
      .waitFor();
    await app.getByTestId('rule-save').click();
    await app
      .getByTestId('rule-jql-field-error')
      .getByText(/nosuchfield/)
      .waitFor();
    // The field with the error takes focus; what was typed stays.
    expect(await app.locator(':focus').getAttribute('data-testid')).toBe('rule-jql');
    expect(await app.getByTestId('rule-jql').inputValue()).toBe('nosuchfield = 1');
    expect(ok(await admin()('rules/list', {})).rules.length).toBe(before);
    await context.close();
  });

  it('shows that Jira rate-limited a backfill and that it resumed by itself', async () => {
    const outcome = ok(
      await admin()('outcomes/create', {
        draft: buildDraft({ title: 'Stable platform', projectKeys: ['PLAT'] }),
      }),
    );
    const rule = ok(
      await admin()('rules/create', { draft: { outcomeId: outcome.id, jql: 'issuetype = Bug' } }),
    );
    const { context, app } = await openRules();
    await app.getByTestId(`rule-row-${rule.id}`).waitFor();
    // More 429s in a row than the Jira client retries one call: the run itself has to wait and resume.
    env.sandbox.jira.faults.add({
      match: { method: 'POST', pathPrefix: '/rest/api/3/search/jql' },
      status: 429,
      times: 12,
      retryAfterSeconds: 0,
    });
    await app.getByTestId(`rule-backfill-${rule.id}`).click();
    await app.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 30_000 });
    await env.sandbox.settle();
    const run = ok(await admin()('rules/list', {})).rules.find((r) => r.id === rule.id)?.lastRun;
    expect(run?.status).toBe('done');
    expect(run?.rateLimited).toBeGreaterThanOrEqual(1);
    expect(await textOf(app.getByTestId('run-rate-limited'))).toBe(
      `Rate limited ${run?.rateLimited} ${run?.rateLimited === 1 ? 'time' : 'times'} by Jira; it resumed automatically.`,
    );
    const platBugs = env.sandbox.jira.state.issues.filter(
      (i) =>
        i.projectId === env.sandbox.jira.state.projects.find((p) => p.key === 'PLAT')?.id &&
        i.issueTypeId === env.sandbox.jira.state.issueTypes.find((t) => t.name === 'Bug')?.id,
    );
    for (const bug of platBugs) expect(linksOf(bug)?.effectiveOutcomeIds, bug.key).toContain(outcome.id);
    await context.close();
  });

  it('deletes a rule after confirmation and takes its links off the tickets it mapped', async () => {
    const outcome = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title: 'Short-lived rule' }) }),
    );
    const rule = ok(
      await admin()('rules/create', { draft: { outcomeId: outcome.id, jql: 'issuetype = Bug' } }),
    );
    ok(await admin()('rules/backfill', { id: rule.id }));
    await env.sandbox.settle();
    const mappedBy = (ruleId: string) =>
      env.sandbox.jira.state.issues.filter((i) =>
        (linksOf(i)?.mapped ?? []).some((m) => m.ruleId === ruleId),
      );
    const mapped = mappedBy(rule.id).length;
    expect(mapped).toBe(chkBugs(env.sandbox).length);

    const { context, app } = await openRules();
    await app.getByTestId(`rule-delete-${rule.id}`).click();
    const dialog = app.getByTestId('delete-rule-dialog');
    await dialog.waitFor();
    expect(await textOf(app.getByTestId('delete-rule-effect'))).toContain(
      'Its links will be removed from the tickets it mapped',
    );
    await app.getByTestId('rule-delete-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await app.getByTestId(`rule-row-${rule.id}`).waitFor({ state: 'detached' });
    await app.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 20_000 });
    await env.sandbox.settle();

    expect(ok(await admin()('rules/list', {})).rules.some((r) => r.id === rule.id)).toBe(false);
    expect(serving(env.sandbox, outcome.id)).toEqual([]);
    expect(mappedBy(rule.id).map((i) => i.key)).toEqual([]);
    expect(await textOf(app.getByTestId('run-status'))).toBe(
      `Done: the rule’s links are off ${mapped} tickets.`,
    );
    await context.close();
  });
});
