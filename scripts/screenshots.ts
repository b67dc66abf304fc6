import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DEMO_ACCOUNTS } from '../sandbox/jira';
import { seedDemoOutcomes } from '../sandbox/seed-outcomes';
import { startServer } from '../sandbox/server';
import { createSandbox } from '../sandbox/site';
import { launchChromium } from './chromium';

/**
 * Regenerates the README's screenshots (docs/screenshots) from a fresh demo sandbox, in Chromium.
 * `npm run screenshots`; needs the built apps (`npm run build`); the browser comes from `scripts/chromium.ts`.
 */
const OUT = path.resolve(__dirname, '..', 'docs', 'screenshots');

async function main() {
  const sandbox = await createSandbox({ dataDir: null, reset: true });
  await seedDemoOutcomes(sandbox);
  const server = await startServer(sandbox, 0);
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const shoot = async (
    accountId: string,
    url: string,
    file: string,
    options: {
      dark?: boolean;
      height?: number;
      prepare?: (page: import('playwright-core').Page) => Promise<void>;
    } = {},
  ) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: options.height ?? 720 } });
    await context.addCookies([{ name: 'sandbox_user', value: encodeURIComponent(accountId), url: base }]);
    if (options.dark)
      await context.addInitScript({ content: "localStorage.setItem('sandbox-theme', 'dark');" });
    const page = await context.newPage();
    await page.goto(base + url);
    await page.waitForLoadState('networkidle');
    await options.prepare?.(page);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(OUT, file) });
    await context.close();
    console.log(`wrote docs/screenshots/${file}`);
  };

  const app = (page: import('playwright-core').Page, title: string) =>
    page.frameLocator(`iframe[title="${title}"]`);
  // A story under a linked epic: it inherits an outcome with KPIs, so the panel shows everything.
  const story = inheritingStory(sandbox);
  await shoot(DEMO_ACCOUNTS.evan, `/browse/${story}`, 'issue-panel.png', { height: 900 });
  await shoot(DEMO_ACCOUNTS.rita, `/browse/${story}`, 'issue-panel-dark.png', { dark: true, height: 900 });
  // The narrowest panel column Jira gives (small screens): everything still fits.
  await shoot(DEMO_ACCOUNTS.evan, `/browse/${story}?panelWidth=300`, 'issue-panel-narrow.png', {
    height: 1100,
    prepare: async (page) => {
      await app(page, 'Outcomes side panel').getByTestId('link-card').first().waitFor();
    },
  });
  // A dialog: Forge's modal over the whole Jira page, not inside the app's frame.
  await shoot(DEMO_ACCOUNTS.evan, '/projects/CHK/outcomes', 'bulk-link-dialog.png', {
    height: 800,
    prepare: async (page) => {
      await app(page, 'Project outcomes').locator('[data-testid^="bulk-link-o-"]').first().click();
      await page.frameLocator('iframe[data-modal]').getByTestId('bulk-dialog').waitFor();
    },
  });
  await shoot(DEMO_ACCOUNTS.priya, '/projects/CHK/outcomes', 'project-page.png', {
    height: 1000,
    prepare: async (page) => {
      await app(page, 'Project outcomes').getByTestId('project-outcomes--table').waitFor();
    },
  });
  await shoot(DEMO_ACCOUNTS.priya, '/projects/CHK/outcomes', 'project-page-detail.png', {
    height: 1400,
    prepare: async (page) => {
      const frame = app(page, 'Project outcomes');
      await frame.locator('[data-testid^="open-outcome-"]').first().click();
      await frame.getByTestId('breakdown').waitFor();
    },
  });
  await shoot(DEMO_ACCOUNTS.rita, '/projects/CHK/outcomes', 'project-page-dark.png', {
    dark: true,
    height: 1000,
    prepare: async (page) => {
      await app(page, 'Project outcomes').getByTestId('project-outcomes--table').waitFor();
    },
  });
  await shoot(DEMO_ACCOUNTS.alice, '/admin/outcome-bridge', 'admin-page.png', { height: 620 });
  await shoot(DEMO_ACCOUNTS.alice, '/admin/outcome-bridge', 'admin-outcome.png', {
    height: 1300,
    prepare: async (page) => {
      const frame = app(page, 'Outcome Bridge admin');
      await frame.locator('[data-testid^="open-outcome-"]').first().click();
      await frame.getByTestId('kpi-section').waitFor();
    },
  });
  await shoot(DEMO_ACCOUNTS.alice, '/admin/outcome-bridge', 'admin-editor.png', {
    height: 1500,
    prepare: async (page) => {
      const frame = app(page, 'Outcome Bridge admin');
      await frame.getByTestId('create-outcome').click();
      await frame.getByTestId('outcome-editor').waitFor();
    },
  });
  await shoot(DEMO_ACCOUNTS.alice, '/admin/outcome-bridge', 'admin-rules.png', {
    height: 620,
    prepare: async (page) => {
      const frame = app(page, 'Outcome Bridge admin');
      await frame.getByTestId('open-rules').click();
      await frame.getByTestId('rules-view').waitFor();
    },
  });
  await browser.close();
  server.close();
}

/** The first story (by key) that inherits its outcome from a linked epic. */
function inheritingStory(sandbox: Awaited<ReturnType<typeof createSandbox>>): string {
  const story = sandbox.jira.state.issues.find((issue) => {
    const links = issue.properties['outcome-bridge-links'] as { inherited?: unknown[] } | undefined;
    return (links?.inherited?.length ?? 0) > 0 && issue.key.startsWith('CHK-');
  });
  if (!story) throw new Error('The demo site has no story inheriting an outcome.');
  return story.key;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
