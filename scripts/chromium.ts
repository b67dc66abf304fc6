import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Where the browser comes from, in this order: CHROMIUM_PATH; Debian's Chromium when it is
 * installed; otherwise the headless Chromium that `@sparticuz/chromium` ships inside its npm
 * package (it needs only libc, libexpat and libgcc from the system), so `npm install && npm test`
 * works on a fresh machine with no apt step.
 */
async function chromiumPath(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const bundled = await import('@sparticuz/chromium');
  return bundled.default.executablePath();
}

/**
 * Flags for a machine with a closed network: without the background-networking ones Chromium
 * keeps opening connections the machine refuses. No `--single-process` or web-security flags
 * (the bundled package suggests them for Lambda): the app's frames must be isolated as in Jira.
 */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: ARGS });
}
