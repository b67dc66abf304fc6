import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { startServer } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/site';
import { launchChromium } from '../../scripts/chromium';
import { testSandbox } from './sandbox';
import { REPO_ROOT } from './source-files';

export const SCREENSHOTS = path.join(REPO_ROOT, 'screenshots');

const require = createRequire(path.join(REPO_ROOT, 'package.json'));

export interface BrowserEnv {
  /** The site of the current test: a new one after each `reset()`. */
  readonly sandbox: Sandbox;
  readonly baseUrl: string;
  browser: Browser;
  /** A fresh browser session signed in to the sandbox as `accountId`. */
  session(
    accountId: string,
    options?: { colorScheme?: 'light' | 'dark' },
  ): Promise<{ context: BrowserContext; page: Page }>;
  /**
   * Replaces the site with a fresh one (its own sandbox and server), keeping the browser: what a test
   * calls first so that it depends on no other test's data. Work the old site still had queued runs
   * to its end first.
   */
  reset(): Promise<void>;
  close(): Promise<void>;
}

interface Site {
  sandbox: Sandbox;
  baseUrl: string;
  stop(): Promise<void>;
}

/** A fresh test sandbox behind the sandbox server on a free port. */
async function startSite(): Promise<Site> {
  const sandbox = await testSandbox();
  const server = await startServer(sandbox, 0);
  return {
    sandbox,
    baseUrl: `http://localhost:${(server.address() as AddressInfo).port}`,
    async stop() {
      await sandbox.settle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The real thing in a real browser: the sandbox server (real resolvers, real SDKs) on a free port,
 * serving the built Custom UI apps, driven by Chromium through playwright-core.
 */
export async function startBrowserEnv(): Promise<BrowserEnv> {
  let site = await startSite();
  const browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    get sandbox() {
      return site.sandbox;
    },
    get baseUrl() {
      return site.baseUrl;
    },
    browser,
    async session(accountId, options = {}) {
      const baseUrl = site.baseUrl;
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
    async reset() {
      await site.stop();
      site = await startSite();
    },
    async close() {
      await browser.close();
      await site.stop();
    },
  };
}

/** The Custom UI app inside the shell's iframe (each surface renders in one, as in Jira). */
export function appFrame(page: Page, title: string) {
  return page.frameLocator(`iframe[title="${title}"]`);
}

/** A dialog the app opened as a Forge modal: its own frame over the whole page, named by its title. */
export function modalFrame(page: Page, title: string) {
  return page.frameLocator(`iframe[data-modal][title="${title}"]`);
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

/** The app's own document, for scripts such as axe. */
export function appDocument(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('/apps/') && f.name() !== 'main');
  const found = frame ?? page.frames().find((f) => f.url().includes('/apps/'));
  if (!found) throw new Error("The app's frame is not there.");
  return found;
}

/** axe-core's serious and critical findings on the app's document, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const frame = appDocument(page);
  await frame.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await frame.evaluate(async () => {
    const page = globalThis as unknown as {
      document: unknown;
      axe: { run: (context: unknown, options: unknown) => Promise<unknown> };
    };
    const result = (await page.axe.run(page.document, { resultTypes: ['violations'] })) as {
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.targets).slice(0, 400)}`);
}
