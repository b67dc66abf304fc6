import type { FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOutcomes } from '../../sandbox/seed-outcomes';
import type { RollupSettings } from '../../src/contract/outcome';
import { buildDraft } from '../builders/outcome-draft';
import { type BrowserEnv, openAdminPage, screenshotPath, startBrowserEnv } from '../support/browser';
import { issuesServing } from '../support/jira-state';
import { as, FIXED_NOW, failure, ok, USERS } from '../support/sandbox';

const SEEDED = 'Reduce checkout abandonment by 15% by Q3';
/** Where the app remembers the story points field it found (for a day). */
const POINTS_CACHE_KEY = 'jira-field:story-points';

const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Scrolls the shell page to a control of the app's (fixed, tall) dialog, then clicks it, as a user would. */
async function clickInApp(page: Page, target: Locator) {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (box) await page.evaluate(`window.scrollBy(0, ${Math.round(box.y + box.height / 2 - 450)})`);
  await target.click();
}

const isFocused = (target: Locator) => target.evaluate((el) => el === el.ownerDocument.activeElement);

/** Waits until the choices from Jira have loaded: the "Tickets done" method can be chosen. */
async function choicesLoaded(app: FrameLocator) {
  const count = app.getByTestId('rollup-method-count');
  await expect.poll(() => count.isDisabled(), { timeout: 5_000 }).toBe(false);
}

/**
 * What the weights method must report, computed from the emulated site alone: every ticket serving the
 * outcome except epics, subtasks included, Story weighing 3 and every other type 1.
 */
function weightedDelivery(env: BrowserEnv, outcomeId: string) {
  const state = env.sandbox.jira.state;
  const types = new Map(state.issueTypes.map((t) => [t.id, t]));
  const done = new Set(state.statuses.filter((s) => s.category === 'done').map((s) => s.id));
  let total = 0;
  let doneUnits = 0;
  let subtasks = 0;
  let plainTickets = 0;
  for (const issue of issuesServing(state, outcomeId, null).issues) {
    const type = types.get(issue.issueTypeId);
    if (!type || type.hierarchyLevel >= 1) continue;
    const weight = type.name === 'Story' ? 3 : 1;
    total += weight;
    if (done.has(issue.statusId)) doneUnits += weight;
    if (type.hierarchyLevel < 0) subtasks++;
    else plainTickets++;
  }
  return { total, done: doneUnits, subtasks, plainTickets };
}

// How delivery is measured, set in the outcome editor in Chromium and checked where it lands: the stored
// outcome, and the project page's numbers after the background recompute, against the site itself.
describe('rollup settings in the outcome editor, in Chromium', () => {
  let env: BrowserEnv;
  const admin = () => as(env.sandbox, USERS.alice).admin;
  const project = () => as(env.sandbox, USERS.alice).project;

  beforeAll(async () => {
    env = await startBrowserEnv();
    await seedDemoOutcomes(env.sandbox, FIXED_NOW);
  });
  afterAll(async () => env?.close());

  const openAdmin = () => openAdminPage(env, USERS.alice);

  /** Opens the editor of an outcome from the table and waits for the choices from Jira. */
  async function openEditor(outcomeId: string, options: { loaded?: boolean } = {}) {
    const session = await openAdmin();
    await clickInApp(session.page, session.app.getByTestId(`edit-outcome-${outcomeId}`));
    const editor = session.app.getByTestId('outcome-editor');
    await editor.waitFor();
    if (options.loaded !== false) await choicesLoaded(session.app);
    return { ...session, editor };
  }

  it('switches a seeded outcome to weights with subtasks, and the project page recomputes to match the site', async () => {
    const seeded = ok(await admin()('admin/load', {})).outcomes.find((o) => o.title === SEEDED);
    const outcomeId = seeded?.id ?? '';
    expect(seeded?.rollup).toEqual({ method: 'count', countSubtasks: false, weights: {} });

    // The detail view says how delivery is measured now.
    const { page, context, app } = await openAdmin();
    await app.getByTestId(`open-outcome-${outcomeId}`).click();
    await app.getByTestId('outcome-facts').waitFor();
    expect(await textOf(app.getByTestId('detail-rollup'))).toBe(
      'Delivery measured by tickets done; subtasks count through their parents.',
    );
    await clickInApp(page, app.getByTestId('detail-edit-outcome'));
    await app.getByTestId('outcome-editor').waitFor();
    await choicesLoaded(app);
    expect(await app.getByTestId('rollup-method-count').isChecked()).toBe(true);
    expect(await app.getByTestId('rollup-recompute-note').count()).toBe(0);
    // Epics never count themselves, so they get no weight; subtasks only once they count on their own.
    await clickInApp(page, app.getByTestId('rollup-method-weights'));
    await app.getByTestId('rollup-weights').waitFor();
    expect(await app.getByTestId('rollup-weight-Epic').count()).toBe(0);
    expect(await app.getByTestId('rollup-weight-Subtask').count()).toBe(0);
    expect(await app.getByTestId('rollup-weight-Task').inputValue()).toBe('1');

    await app.getByTestId('rollup-weight-Story').fill('3');
    expect(await textOf(app.getByTestId('rollup-example'))).toBe('A Story counts 3× a Bug or a Task.');
    await clickInApp(page, app.getByTestId('rollup-count-subtasks'));
    await app.getByTestId('rollup-weight-Subtask').waitFor();
    expect(await app.getByTestId('rollup-weight-Subtask').inputValue()).toBe('1');
    // Changing how delivery is measured says what saving sets off.
    await app.getByTestId('rollup-recompute-note').waitFor();
    await page.screenshot({ path: screenshotPath('admin-rollup-settings'), fullPage: true });

    await clickInApp(page, app.getByTestId('outcome-save'));
    await app.getByTestId('outcome-editor').waitFor({ state: 'detached' });
    await app.getByTestId('admin-flash').waitFor();

    // Stored exactly as set: no weight of 1 added for the types left alone.
    const stored = ok(await admin()('outcomes/get', { id: outcomeId })).outcome;
    expect(stored.rollup).toEqual({ method: 'weights', countSubtasks: true, weights: { Story: 3 } });
    expect(await textOf(app.getByTestId('detail-rollup'))).toBe(
      'Delivery measured by weight per issue type (Story 3; other types 1); subtasks count on their own.',
    );
    await context.close();

    // The recompute runs in the background; once it has, the project page reports the new method and
    // the same totals as a count straight from the site.
    await env.sandbox.settle();
    const row = ok(await project()('project/load', { projectKey: 'CHK' })).outcomes.find(
      (o) => o.id === outcomeId,
    );
    const expected = weightedDelivery(env, outcomeId);
    // The weights and the subtasks make a difference here, or this test would prove nothing.
    expect(expected.subtasks).toBeGreaterThan(0);
    expect(expected.total).not.toBe(expected.plainTickets);
    expect(row?.figures).toMatchObject({
      method: 'weights',
      countSubtasks: true,
      deliveryTotal: expected.total,
      deliveryDone: expected.done,
    });
    expect(row?.recomputing).toBe(false);
  });

  it('shows an invalid weight under its field and saves nothing', async () => {
    const created = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title: 'Weights that must be sane' }) }),
    );
    const { page, context, app } = await openEditor(created.id);
    await clickInApp(page, app.getByTestId('rollup-method-weights'));
    await app.getByTestId('rollup-weight-Story').fill('5000');
    await clickInApp(page, app.getByTestId('outcome-save'));

    const error = app.getByTestId('rollup-weight-Story-field-error');
    await error.waitFor();
    expect(await textOf(error)).toBe('A weight can be at most 1000.');
    expect(await isFocused(app.getByTestId('rollup-weight-Story'))).toBe(true);
    expect(await app.getByTestId('rollup-weight-Story').getAttribute('aria-describedby')).toContain(
      await error.getAttribute('id'),
    );
    expect(await app.getByTestId('outcome-editor').count()).toBe(1);
    const after = ok(await admin()('outcomes/get', { id: created.id })).outcome;
    expect(after.version).toBe(created.version);
    expect(after.rollup).toEqual(created.rollup);

    // Typing again clears the message; the server's own check names the same path the editor places.
    await app.getByTestId('rollup-weight-Story').fill('2');
    await error.waitFor({ state: 'detached' });
    const refused = failure(
      await admin()('outcomes/update', {
        id: created.id,
        expectedVersion: created.version,
        draft: buildDraft({
          title: 'Weights that must be sane',
          rollup: { method: 'weights', countSubtasks: false, weights: { Story: 5000 } },
        }),
      }),
    );
    expect(refused.fieldErrors.map((e) => e.path)).toEqual(['draft.rollup.weights.Story']);
    await context.close();
  });

  it('keeps the rollup settings when only the title is edited', async () => {
    const rollup: RollupSettings = { method: 'points', countSubtasks: true, weights: { Task: 2, Bug: 0 } };
    const created = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title: 'Points stay points', rollup }) }),
    );
    expect(created.rollup).toEqual(rollup);
    const { page, context, app } = await openEditor(created.id);
    expect(await app.getByTestId('rollup-method-points').isChecked()).toBe(true);
    expect(await app.getByTestId('rollup-count-subtasks').isChecked()).toBe(true);

    await app.getByTestId('outcome-title').fill('Points stay points, renamed');
    expect(await app.getByTestId('rollup-recompute-note').count()).toBe(0);
    await clickInApp(page, app.getByTestId('outcome-save'));
    await app.getByTestId('outcome-editor').waitFor({ state: 'detached' });

    const stored = ok(await admin()('outcomes/get', { id: created.id })).outcome;
    expect(stored.title).toBe('Points stay points, renamed');
    expect(stored.version).toBe(created.version + 1);
    expect(stored.rollup).toEqual(rollup);
    await context.close();
  });

  it('keeps the method and still saves the rest when the choices cannot load; Try again loads them', async () => {
    const rollup: RollupSettings = { method: 'weights', countSubtasks: false, weights: { Story: 2 } };
    const created = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title: 'Choices may fail', rollup }) }),
    );
    const fault = { match: { method: 'GET', pathPrefix: '/rest/api/3/issuetype' }, status: 500 as const };

    env.sandbox.jira.faults.add({ ...fault, times: 1 });
    const first = await openEditor(created.id, { loaded: false });
    const notice = first.app.getByTestId('rollup-options-error');
    await notice.waitFor();
    expect(await textOf(notice)).toContain(
      'how delivery is measured stays as it is: Delivery measured by weight per issue type (Story 2; other types 1); subtasks count through their parents.',
    );
    for (const method of ['count', 'points', 'weights']) {
      expect(await first.app.getByTestId(`rollup-method-${method}`).isDisabled()).toBe(true);
    }
    expect(await first.app.getByTestId('rollup-method-weights').isChecked()).toBe(true);
    await first.app.getByTestId('outcome-title').fill('Choices may fail, saved anyway');
    await clickInApp(first.page, first.app.getByTestId('outcome-save'));
    await first.editor.waitFor({ state: 'detached' });
    const stored = ok(await admin()('outcomes/get', { id: created.id })).outcome;
    expect(stored.title).toBe('Choices may fail, saved anyway');
    expect(stored.rollup).toEqual(rollup);
    await first.context.close();

    env.sandbox.jira.faults.add({ ...fault, times: 1 });
    const second = await openEditor(created.id, { loaded: false });
    await second.app.getByTestId('rollup-options-error').waitFor();
    await clickInApp(second.page, second.app.getByTestId('rollup-options-retry'));
    await choicesLoaded(second.app);
    expect(await second.app.getByTestId('rollup-options-error').count()).toBe(0);
    expect(await second.app.getByTestId('rollup-weight-Story').inputValue()).toBe('2');
    await second.context.close();
  });

  it('offers story points only when the site has a story points field, and says why not', async () => {
    const created = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title: 'A site without points' }) }),
    );
    const state = env.sandbox.jira.state;
    const fields = [...state.customFields];
    const forgetField = () => env.sandbox.kvs.handle('/api/v1/delete', { key: POINTS_CACHE_KEY });
    // A site whose story points field is gone (as on a Jira without Jira Software's estimation).
    state.customFields = fields.filter((f) => !f.customType.endsWith(':jsw-story-points'));
    await forgetField();
    try {
      expect(ok(await admin()('outcomes/rollup-options', {})).storyPoints).toBe(false);
      const { context, app } = await openEditor(created.id);
      const points = app.getByTestId('rollup-method-points');
      expect(await points.isDisabled()).toBe(true);
      expect(await textOf(app.getByTestId('rollup-method-points-hint'))).toBe(
        'Not available: this Jira site has no story points field.',
      );
      expect(await points.getAttribute('aria-describedby')).toBe(
        await app.getByTestId('rollup-method-points-hint').getAttribute('id'),
      );
      expect(await app.getByTestId('rollup-method-weights').isDisabled()).toBe(false);
      await context.close();
    } finally {
      state.customFields = fields;
      await forgetField();
    }
    expect(ok(await admin()('outcomes/rollup-options', {})).storyPoints).toBe(true);
  });
});
