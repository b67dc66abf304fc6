import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { startServer } from '../../sandbox/server';
import type { Sandbox, SandboxOptions } from '../../sandbox/site';
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
async function startSite(options: SandboxOptions): Promise<Site> {
  const sandbox = await testSandbox(options);
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
 * serving the built Custom UI apps, driven by Chromium through playwright-core. `options` make every site
 * of it (the first, and each after `reset()`): a focused site, say.
 */
export async function startBrowserEnv(options: SandboxOptions = {}): Promise<BrowserEnv> {
  let site = await startSite(options);
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
      site = await startSite(options);
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

/** Chooses `option` (its words, or a pattern of them) in an Atlaskit select named by its test id. */
export async function choose(frame: FrameLocator | Locator, testId: string, option: string | RegExp) {
  await frame.getByTestId(`${testId}-select--control`).click();
  const listbox = frame.getByTestId(`${testId}-select--listbox`);
  await listbox
    .getByRole('option', {
      name: typeof option === 'string' ? option : option,
      exact: typeof option === 'string',
    })
    .first()
    .click();
}

/** The Custom UI frame a locator-based test talks to, as a Frame for scripts (by its iframe title). */
export async function frameNamed(page: Page, title: string): Promise<Frame> {
  const handle = await page.locator(`iframe[title="${title}"]`).first().elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`No frame titled "${title}".`);
  return frame;
}

// The checks below run in the browser: plain JavaScript, as the page would run it.
const OVERFLOW_SCRIPT = `(() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  const name = (el) => {
    const id = el.getAttribute('data-testid');
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return '<' + el.tagName.toLowerCase() + (id ? ' data-testid="' + id + '"' : '') + '> “' + text + '”';
  };
  // The nearest ancestor that cuts or scrolls what passes its sides; one that ends its text with an
  // ellipsis means to cut it, and a visually hidden one (1 px) shows nothing anyway.
  const clippingAncestor = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible') continue;
      if (s.textOverflow === 'ellipsis' || a.clientWidth <= 1) return null;
      return a;
    }
    return null;
  };
  if (document.documentElement.scrollWidth > width + 1)
    found.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px in ' + width + ' px');
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    if (box.right > width + 1 || box.left < -1) {
      // One line per outermost offender: what is inside it overflows with it.
      if (offenders.some((o) => o.contains(el))) continue;
      offenders.push(el);
      found.push(name(el) + ' spans ' + Math.round(box.left) + '–' + Math.round(box.right) + ' px of ' + width + ' px');
      continue;
    }
    // Inside the frame but past the edge of a box that clips or scrolls it (a select sticking out of its
    // form, a button cut by its card): hidden, or reachable only by scrolling that box sideways.
    const clipper = clippingAncestor(el);
    if (clipper && !offenders.some((o) => o.contains(el))) {
      const edge = clipper.getBoundingClientRect();
      const left = edge.left + clipper.clientLeft;
      const right = left + clipper.clientWidth;
      if (box.right > right + 1 || box.left < left - 1) {
        offenders.push(el);
        found.push(name(el) + ' spans ' + Math.round(box.left) + '–' + Math.round(box.right) + ' px, past ' + name(clipper) + ' (' + Math.round(left) + '–' + Math.round(right) + ' px)');
        continue;
      }
    }
    const clips = style.overflowX === 'hidden' || style.overflowX === 'clip';
    const control = el.matches('button, a, [role="button"], label');
    if (control && clips && style.textOverflow !== 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
      found.push(name(el) + ' cuts its text: ' + el.scrollWidth + ' px in ' + el.clientWidth + ' px');
  }
  return found.slice(0, 20);
})()`;

const DIALOG_SCRIPT = `(() => {
  let dx = 0;
  let dy = 0;
  for (let w = window; w !== w.parent && w.frameElement; w = w.parent) {
    const r = w.frameElement.getBoundingClientRect();
    dx += r.left;
    dy += r.top;
  }
  return [...document.querySelectorAll('[role="dialog"], [role="alertdialog"]')]
    .map((el) => ({ el, r: el.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && r.height > 0)
    .map(({ el, r }) => ({
      label: el.getAttribute('aria-label') || el.getAttribute('data-testid') || el.tagName,
      left: r.left + dx, top: r.top + dy, right: r.right + dx, bottom: r.bottom + dy,
    }));
})()`;

const FOCUS_SCRIPT = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { element: 'the page body', ring: null };
  const style = getComputedStyle(el);
  const element = '<' + el.tagName.toLowerCase() + '> “' + (el.textContent || '').trim().slice(0, 40) + '”';
  const transparent = (c) => c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c);
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !transparent(style.outlineColor))
    return { element, ring: 'outline ' + style.outlineWidth + ' ' + style.outlineStyle + ' ' + style.outlineColor };
  if (style.boxShadow && style.boxShadow !== 'none') return { element, ring: 'box-shadow ' + style.boxShadow };
  return { element, ring: null };
})()`;

/**
 * What does not fit the app's frame, in words: the document scrolling sideways, any visible element whose
 * box passes the frame's left or right edge (clipped, or reachable only by scrolling sideways, even inside
 * a scrolling table), any element past the sides of an ancestor that clips or scrolls it (a select sticking
 * out of its form), and any control whose own text is cut off without an ellipsis (a button reading "Ren").
 * Empty when everything fits.
 */
export const overflowIn = (frame: Frame): Promise<string[]> => frame.evaluate<string[]>(OVERFLOW_SCRIPT);

interface Box {
  label: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Dialogs not wholly on screen: every open dialog of the page and of its app frames (role="dialog"), in
 * the top window's coordinates, must sit inside the viewport. Empty when all fit.
 */
export async function dialogsOffScreen(page: Page): Promise<string[]> {
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const found: string[] = [];
  for (const frame of page.frames()) {
    const boxes = await frame.evaluate<Box[]>(DIALOG_SCRIPT).catch((): Box[] => []);
    for (const b of boxes) {
      if (b.left < -1 || b.top < -1 || b.right > viewport.width + 1 || b.bottom > viewport.height + 1)
        found.push(
          `dialog “${b.label}” at ${Math.round(b.left)},${Math.round(b.top)}–${Math.round(b.right)},${Math.round(b.bottom)} in ${viewport.width}×${viewport.height}`,
        );
    }
  }
  return found;
}

/**
 * How the focused element of a frame shows its focus: `ring` null when it shows none (no outline, no
 * focus shadow). Checks what the user sees, not what the stylesheet means to do.
 */
export const focusRing = (frame: Frame): Promise<{ element: string; ring: string | null }> =>
  frame.evaluate<{ element: string; ring: string | null }>(FOCUS_SCRIPT);
