import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startServer } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/site';
import { testSandbox } from './sandbox';
import { REPO_ROOT } from './source-files';

/** Debian's Chromium, installed by .ci/run; CHROMIUM_PATH overrides it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'screenshots');

export interface BrowserEnv {
  sandbox: Sandbox;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser session signed in to the sandbox as `accountId`. */
  session(
    accountId: string,
    options?: { colorScheme?: 'light' | 'dark' },
  ): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * The real thing in a real browser: the sandbox server (real resolvers, real SDKs) on a free port,
 * serving the built Custom UI apps, driven by Chromium through playwright-core.
 */
export async function startBrowserEnv(): Promise<BrowserEnv> {
  const sandbox = await testSandbox();
  const server = await startServer(sandbox, 0);
  const baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    sandbox,
    baseUrl,
    browser,
    async session(accountId, options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: baseUrl });
      await context.addCookies([
        { name: 'sandbox_user', value: encodeURIComponent(accountId), url: baseUrl },
      ]);
      if (options.colorScheme === 'dark') {
        await context.addInitScript({ content: "window.localStorage.setItem('sandbox-theme', 'dark');" });
      }
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('close', () => {
        if (errors.length > 0) throw new Error(`Page errors: ${errors.join('; ')}`);
      });
      return { context, page };
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The Custom UI app inside the shell's iframe (each surface renders in one, as in Jira). */
export function appFrame(page: Page, title: string) {
  return page.frameLocator(`iframe[title="${title}"]`);
}

export const screenshotPath = (name: string) => path.join(SCREENSHOTS, `${name}.png`);

/** The admin page's iframe title in the sandbox shell. */
export const ADMIN_APP = 'Outcome Bridge admin';

/** Opens the admin page as `accountId` and waits for the outcome list (the page an admin lands on). */
export async function openAdminPage(env: BrowserEnv, accountId: string) {
  const session = await env.session(accountId);
  await session.page.goto('/admin/outcome-bridge');
  const app = appFrame(session.page, ADMIN_APP);
  await app.getByTestId('create-outcome').waitFor();
  return { ...session, app };
}
