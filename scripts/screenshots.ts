import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../sandbox/jira';
import { seedDemoOutcomes } from '../sandbox/seed-outcomes';
import { startServer } from '../sandbox/server';
import { createSandbox } from '../sandbox/site';

/**
 * Regenerates the README's screenshots (docs/screenshots) from a fresh demo sandbox, in Chromium.
 * `npm run screenshots`; needs the built apps (`npm run build`) and Debian's Chromium.
 */
const OUT = path.resolve(__dirname, '..', 'docs', 'screenshots');

async function main() {
  const sandbox = await createSandbox({ dataDir: null, reset: true });
  await seedDemoOutcomes(sandbox);
  const server = await startServer(sandbox, 0);
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
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

  await shoot(DEMO_ACCOUNTS.evan, '/browse/CHK-1', 'issue-panel.png');
  await shoot(DEMO_ACCOUNTS.rita, '/browse/CHK-1', 'issue-panel-dark.png', { dark: true });
  await shoot(DEMO_ACCOUNTS.priya, '/projects/CHK/outcomes', 'project-page.png', { height: 520 });
  await shoot(DEMO_ACCOUNTS.alice, '/admin/outcome-bridge', 'admin-page.png', { height: 520 });
  await shoot(DEMO_ACCOUNTS.alice, '/admin/outcome-bridge', 'admin-editor.png', {
    height: 900,
    prepare: async (page) => {
      const frame = page.frameLocator('iframe[title="Outcome Bridge admin"]');
      await frame.getByTestId('create-outcome').click();
      await frame.getByTestId('outcome-editor').waitFor();
    },
  });
  await browser.close();
  server.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
