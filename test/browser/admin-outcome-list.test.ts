import type { FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDraft } from '../builders/outcome-draft';
import { type BrowserEnv, choose, openAdminPage, startBrowserEnv } from '../support/browser';
import { as, ok, USERS } from '../support/sandbox';

/** The outcome titles the admin's table shows, in order. */
const shownTitles = (app: FrameLocator) =>
  app.locator('[data-testid^="outcome-title-"]').evaluateAll((els) => els.map((el) => el.textContent ?? ''));

// The admin page's outcome list filtered by project and by state, in Chromium, against the outcomes stored.
describe('admin outcome list filters, in Chromium', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await startBrowserEnv();
    const admin = as(env.sandbox, USERS.alice).admin;
    ok(await admin('outcomes/create', { draft: buildDraft({ title: 'Faster checkout' }) }));
    ok(
      await admin('outcomes/create', {
        draft: buildDraft({ title: 'Calmer on-call', projectKeys: ['PLAT'] }),
      }),
    );
    ok(
      await admin('outcomes/create', { draft: buildDraft({ title: 'Cleaner baskets', state: 'achieved' }) }),
    );
  });
  afterAll(async () => env?.close());

  it('shows only the outcomes of the chosen project and state, says how many, and clears', async () => {
    const { app, context } = await openAdminPage(env, USERS.alice);
    const stored = ok(await as(env.sandbox, USERS.alice).admin('admin/load', {})).outcomes;
    const titles = (keep: (o: (typeof stored)[number]) => boolean) =>
      stored
        .filter(keep)
        .map((o) => o.title)
        .sort();
    expect((await shownTitles(app)).sort()).toEqual(titles(() => true));

    await choose(app, 'filter-project', /\(PLAT\)$/);
    expect(await shownTitles(app)).toEqual(titles((o) => o.projectKeys.includes('PLAT')));
    expect(await app.getByTestId('outcomes-count').textContent()).toBe(
      `Showing 1 of ${stored.length} outcomes`,
    );

    await choose(app, 'filter-project', /\(CHK\)$/);
    await choose(app, 'filter-state', 'Achieved');
    expect(await shownTitles(app)).toEqual(['Cleaner baskets']);

    await app.getByTestId('clear-filters').click();
    expect((await shownTitles(app)).sort()).toEqual(titles(() => true));
    expect(await app.getByTestId('outcomes-count').textContent()).toBe(`${stored.length} outcomes`);
    await context.close();
  });
});
