import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countText } from '../../src/domain/units';
import { ADMIN_APP, appFrame, axeViolations, type BrowserEnv, startBrowserEnv } from '../support/browser';
import { as, ok, USERS } from '../support/sandbox';

// What the app spent of Jira's hourly points quota, on the admin page's settings, in Chromium and in both
// themes: the figures are the points the Jira emulator metered for the app, counted there.
describe('the points the app used, on the admin page, in Chromium', () => {
  let env: BrowserEnv;
  const appPoints = () => env.sandbox.jira.rateLimits.snapshot().byPrincipal.app ?? 0;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => env?.close());

  for (const theme of ['light', 'dark'] as const) {
    it(`says this hour's and the day's points next to the share (${theme})`, async () => {
      // What one usage/get costs the app (its access checks), measured on the emulator.
      const before = appPoints();
      ok(await as(env.sandbox, USERS.alice).admin('usage/get', {}));
      const oneAsk = appPoints() - before;

      const { page, context } = await env.session(USERS.alice, { colorScheme: theme });
      await page.goto('/admin/outcome-bridge');
      const app = appFrame(page, ADMIN_APP);
      await app.getByTestId('open-settings').click();
      const hour = app.getByTestId('usage-hour');
      await hour.waitFor();
      // The ledger holds every invocation that ended before the figures were asked for: all the app's
      // points so far but those of the asking itself.
      const shown = appPoints() - oneAsk;
      const { hourlyQuota } = env.sandbox.jira.rateLimits.snapshot();
      expect(await hour.textContent()).toBe(
        `Used ${countText(shown)} of its ${countText(hourlyQuota / 10)}-point share this hour, since 09:00 UTC (10% of your site's hourly allowance). Background work may spend ${countText(hourlyQuota / 10 - shown)} more points before the next hour.`,
      );
      expect(await app.getByTestId('usage-day').textContent()).toBe(
        `Used ${countText(shown)} points in the last 24 hours.`,
      );
      expect(await app.getByTestId('usage-allowance').textContent()).toBe(
        `Your site's hourly allowance: ${countText(hourlyQuota)} points (as Jira announced it).`,
      );
      expect(await app.getByTestId('settings-background-share').inputValue()).toBe('10');
      expect(await axeViolations(page), `usage (${theme})`).toEqual([]);
      await context.close();
    });
  }
});
