import { DEMO_ACCOUNTS } from '../../sandbox/jira';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/site';
import type { AdminPageContract } from '../../src/contract/admin-page';
import type { Reply } from '../../src/contract/envelope';
import type { IssuePanelContract } from '../../src/contract/issue-panel';
import type { ProjectPageContract } from '../../src/contract/project-page';
import type { InputOf, OutputOf, SurfaceContract } from '../../src/contract/surface';
import { watchContract } from './jira-contract';

/** A fixed "today" so dates in the demo data and the app's numbers are reproducible. */
export const FIXED_NOW = new Date('2026-06-15T09:00:00.000Z');

export const MODULES = {
  panel: 'outcome-bridge-issue-panel',
  project: 'outcome-bridge-project-page',
  admin: 'outcome-bridge-admin-page',
  settings: 'outcome-bridge-project-settings',
} as const;

/** The extension context Jira gives a module rendered in a project's settings. */
export const settingsPageOf = (projectKey: string) => ({
  type: 'jira:projectSettingsPage',
  project: { key: projectKey },
});

export const USERS = DEMO_ACCOUNTS;

/**
 * The app under test: its source, or with SANDBOX_APP_BUNDLE set, the folder Forge's bundler wrote
 * (scripts/forge-bundle.ts; `.ci/run` runs the integration tests both ways).
 */
const APP_BUNDLE = process.env.SANDBOX_APP_BUNDLE ? { appBundle: process.env.SANDBOX_APP_BUNDLE } : {};

/**
 * The hourly quota a test's site announces unless the test sets one. A test spends in its one pinned hour
 * what a site spends in days, and background work keeps to a share of the quota (the points budget), so at
 * Jira's 65,000 it would wait for an hour that never comes. Tests of the quota and of the budget set theirs.
 */
const TEST_QUOTA = { hourlyQuota: 10_000_000 };

/**
 * A fresh, in-memory sandbox: real SDKs, real resolvers, emulated Jira and storage underneath, with the
 * platform's default (strict) behaviours. The app's Jira traffic is checked against the REST v3 contract.
 */
export async function testSandbox(options: SandboxOptions = {}) {
  const jira = options.platform?.jira;
  const sandbox = await createSandbox({
    dataDir: null,
    reset: true,
    now: FIXED_NOW,
    queueDelayScale: 0,
    ...APP_BUNDLE,
    ...options,
    platform: {
      ...options.platform,
      jira: {
        ...jira,
        rateLimits: { ...jira?.rateLimits, quota: { ...TEST_QUOTA, ...jira?.rateLimits?.quota } },
      },
    },
  });
  watchContract(sandbox.jira);
  return sandbox;
}

type Caller<C extends SurfaceContract> = <K extends keyof C & string>(
  key: K,
  input: InputOf<C, K>,
) => Promise<Reply<OutputOf<C, K>>>;

const caller =
  <C extends SurfaceContract>(
    sandbox: Sandbox,
    moduleKey: string,
    accountId: string,
    extension: Record<string, unknown> = {},
  ): Caller<C> =>
  (key, input) =>
    sandbox.invoke(moduleKey, key, input, accountId, extension) as Promise<Reply<OutputOf<C, typeof key>>>;

/**
 * Calls the surfaces' resolvers as one user, exactly as their Custom UI pages would: `admin` is the admin
 * page in Jira settings (Jira admins only), `settings(key)` the same page in that project's settings.
 */
export function as(sandbox: Sandbox, accountId: string) {
  return {
    admin: caller<AdminPageContract>(sandbox, MODULES.admin, accountId),
    settings: (projectKey: string) =>
      caller<AdminPageContract>(sandbox, MODULES.settings, accountId, settingsPageOf(projectKey)),
    panel: caller<IssuePanelContract>(sandbox, MODULES.panel, accountId),
    project: caller<ProjectPageContract>(sandbox, MODULES.project, accountId),
  };
}

/** Unwraps a successful reply or fails the test with the error it carried. */
export function ok<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`Expected success, got ${reply.error.code}: ${reply.error.message}`);
  return reply.data;
}

export function failure<T>(reply: Reply<T>) {
  if (reply.ok) throw new Error('Expected an error reply, got success');
  return reply.error;
}

/**
 * Waits, on the sandbox's clock, until Jira's search index has caught up with every write so far (search
 * lags behind writes by `searchLag.delayMs`): for a test that reads the site by search as a person coming
 * back later would, or whose story starts from tickets that already exist. Fails after `timeoutMs`.
 */
export async function searchCaughtUp(sandbox: Sandbox, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!sandbox.jira.searchIndexCaughtUp()) {
    if (Date.now() > deadline) throw new Error('Jira’s search index did not catch up in time.');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** An epic in CHK, created on 1 May 2026, that Evan links to the outcome from the panel (no KPIs named). */
export async function linkedEpic(sandbox: Sandbox, outcomeId: string): Promise<string> {
  const { key } = sandbox.jira.createIssue(
    { project: 'CHK', issueType: 'Epic', summary: 'Faster checkout', created: '2026-05-01T09:00:00.000Z' },
    USERS.evan,
  );
  ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: key, outcomeId, kpiIds: [] }));
  return key;
}
