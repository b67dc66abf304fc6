import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDraft } from '../builders/outcome-draft';
import { type BrowserEnv, openAdminPage, startBrowserEnv } from '../support/browser';
import { as, ok, USERS } from '../support/sandbox';

// Two admins at work on the same record, in Chromium: the editor's own write races one made meanwhile
// (through the real resolver, as the other admin's browser would). Nothing either of them typed may be
// lost without their say-so, and what is stored is checked after each step.
describe('admin editors when someone else saves first, in Chromium', () => {
  let env: BrowserEnv;
  const admin = () => as(env.sandbox, USERS.alice).admin;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => env?.close());

  const openAdmin = () => openAdminPage(env, USERS.alice);

  const scrollTo = async (page: Page, y: number) => page.evaluate(`window.scrollTo(0, ${y})`);

  it('answers a save over a newer version with their version, replacing the edits only when asked', async () => {
    const created = ok(await admin()('outcomes/create', { draft: buildDraft({ title: 'Faster refunds' }) }));
    const { page, context, app } = await openAdmin();
    await app.getByTestId(`edit-outcome-${created.id}`).click();
    const editor = app.getByTestId('outcome-editor');
    await editor.waitFor();
    await app.getByTestId('outcome-title').fill('Faster refunds, mine');

    // The other admin saves first.
    const theirs = ok(
      await admin()('outcomes/update', {
        id: created.id,
        expectedVersion: created.version,
        draft: buildDraft({ title: 'Faster refunds, theirs' }),
      }),
    );
    await scrollTo(page, 0);
    await app.getByTestId('outcome-save').click();
    await app.getByTestId('reload-their-version').waitFor();
    // Refused, not overwritten: their version is what is stored, and the form still holds the user's edits.
    expect(ok(await admin()('outcomes/get', { id: created.id })).outcome.title).toBe(
      'Faster refunds, theirs',
    );
    expect(await app.getByTestId('outcome-title').inputValue()).toBe('Faster refunds, mine');

    // The user has edits, so loading theirs asks first; keeping the edits changes nothing.
    await app.getByTestId('reload-their-version').click();
    await app.getByText('Keep my edits').click();
    expect(await app.getByTestId('confirm-reload').count()).toBe(0);
    expect(await app.getByTestId('outcome-title').inputValue()).toBe('Faster refunds, mine');

    await app.getByTestId('reload-their-version').click();
    await app.getByTestId('confirm-reload').click();
    await app.getByTestId('editor-info').waitFor();
    expect(await app.getByTestId('outcome-title').inputValue()).toBe('Faster refunds, theirs');
    expect(await app.getByTestId('editor-info').textContent()).toContain('This is the version');

    // Saved on top of their version, it goes through.
    await app.getByTestId('outcome-title').fill('Faster refunds, agreed');
    await app.getByTestId('outcome-save').click();
    await editor.waitFor({ state: 'detached' });
    const stored = ok(await admin()('outcomes/get', { id: created.id })).outcome;
    expect(stored.title).toBe('Faster refunds, agreed');
    expect(stored.version).toBe(theirs.version + 1);
    await context.close();
  });

  it('asks before Cancel or Escape discards edits, and keeps them when told to', async () => {
    const created = ok(
      await admin()('outcomes/create', { draft: buildDraft({ title: 'Fewer chargebacks' }) }),
    );
    const { context, app, page } = await openAdmin();
    await app.getByTestId(`edit-outcome-${created.id}`).click();
    const editor = app.getByTestId('outcome-editor');
    await editor.waitFor();

    // Without edits, Cancel just closes.
    await app.getByTestId('outcome-cancel').click();
    await editor.waitFor({ state: 'detached' });

    await app.getByTestId(`edit-outcome-${created.id}`).click();
    await editor.waitFor();
    await app.getByTestId('outcome-title').fill('Fewer chargebacks, half typed');
    await page.keyboard.press('Escape');
    await app.getByTestId('confirm-discard').waitFor();
    await app.getByText('Keep editing').click();
    expect(await app.getByTestId('outcome-title').inputValue()).toBe('Fewer chargebacks, half typed');

    await app.getByTestId('outcome-cancel').click();
    await app.getByTestId('confirm-discard').click();
    await editor.waitFor({ state: 'detached' });
    const stored = ok(await admin()('outcomes/get', { id: created.id })).outcome;
    expect(stored.title).toBe('Fewer chargebacks');
    expect(stored.version).toBe(created.version);
    await context.close();
  });

  it('offers to save the edits of a rule deleted meanwhile as a new rule', async () => {
    const outcome = ok(await admin()('outcomes/create', { draft: buildDraft({ title: 'Quieter on-call' }) }));
    const rule = ok(
      await admin()('rules/create', { draft: { outcomeId: outcome.id, jql: 'issuetype = Bug' } }),
    );
    const { context, app } = await openAdmin();
    await app.getByTestId('open-rules').click();
    await app.getByTestId(`rule-edit-${rule.id}`).click();
    const editor = app.getByTestId('rule-editor');
    await editor.waitFor();
    await app.getByTestId('rule-jql').fill('issuetype = Story');

    ok(await admin()('rules/delete', { id: rule.id, expectedVersion: rule.version }));
    await app.getByTestId('rule-save').click();
    const saveAsNew = app.getByTestId('rule-save').filter({ hasText: 'Save as new rule' });
    await saveAsNew.waitFor();
    expect(await app.getByTestId('rule-editor-error').textContent()).toMatch(/deleted|no longer/i);
    expect(ok(await admin()('rules/list', {})).rules.filter((r) => r.outcomeId === outcome.id)).toEqual([]);

    await saveAsNew.click();
    await editor.waitFor({ state: 'detached' });
    const rules = ok(await admin()('rules/list', {})).rules.filter((r) => r.outcomeId === outcome.id);
    expect(rules.map((r) => r.jql)).toEqual(['issuetype = Story']);
    expect(rules[0]?.id).not.toBe(rule.id);
    await context.close();
  });
});
