import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildDemoSite,
  DEMO_APP_ACCOUNT_ID,
  DEMO_USERS,
  type DemoUser,
  type JiraBehaviourOverrides,
  JiraEmulator,
  jiraBehaviours,
  mergeBehaviours,
} from './jira';
import { KvsEmulator } from './kvs';
import { loadFromBundle, loadFromSource } from './runtime/app-bundle';
import { AppHost } from './runtime/app-host';
import { type RuntimeBehaviourOverrides, runtimeBehaviours } from './runtime/behaviours';
import { setSandboxClock } from './runtime/clock';
import { installForgeGlobals } from './runtime/forge-globals';
import { type AppManifest, REPO_ROOT, readManifest } from './runtime/manifest';
import { QueueEmulator } from './runtime/queue';
import { TriggerDispatcher } from './runtime/triggers';

/** The Forge app's own Jira account: what `asApp()` calls act as, and what `ignoreSelf` filters out. */
export const APP_ACCOUNT_ID = DEMO_APP_ACCOUNT_ID;

export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.sandbox-data');

export interface SandboxOptions {
  /** Where state persists between runs; null keeps everything in memory (tests). */
  dataDir?: string | null;
  /** Ignore persisted state and build a fresh site. */
  reset?: boolean;
  /** "Today" for the demo data and the sandbox's clock (the app's too): the process's clock is set to it. */
  now?: Date;
  /** A site to start from instead of the demo site (benchmarks, focused tests). */
  site?: Parameters<typeof JiraEmulator.fromJSON>[0];
  /** Scales queue delays (`delayInSeconds`, retry back-off); tests use 0. */
  queueDelayScale?: number;
  /** Gives queue consumers this long instead of the manifest's timeout: tests of work split across events. */
  consumerTimeoutMs?: number;
  /** Runs the app from a folder Forge's bundler wrote (scripts/forge-bundle.ts) instead of from src/. */
  appBundle?: string;
  /**
   * How strictly Jira and Forge are emulated (sandbox/jira/README.md). The defaults are Jira Cloud's own;
   * a test may switch a behaviour off only to isolate something else, and says why.
   */
  platform?: { jira?: JiraBehaviourOverrides; runtime?: RuntimeBehaviourOverrides };
}

export interface Sandbox {
  manifest: AppManifest;
  jira: JiraEmulator;
  kvs: KvsEmulator;
  host: AppHost;
  queue: QueueEmulator;
  triggers: TriggerDispatcher;
  users: readonly DemoUser[];
  /** True when this run started from a new site rather than persisted state. */
  fresh: boolean;
  /**
   * Calls a resolver the way a Custom UI page's `invoke` does, as the given user, with the module's
   * extension context (a project settings page's `{ project: { key } }`).
   */
  invoke(
    moduleKey: string,
    functionKey: string,
    payload: unknown,
    accountId: string,
    extension?: Record<string, unknown>,
  ): Promise<unknown>;
  /** Writes the state to the data folder now (no-op in memory). */
  persist(): void;
  /** Asks for a write soon; many changes in a burst become one write. */
  changed(): void;
  /** Resolves once every trigger and queued event set off so far (and whatever they set off) has run. */
  settle(): Promise<void>;
  /** Runs a scheduled trigger now. */
  runScheduled(key: string): Promise<unknown>;
}

/**
 * Builds a sandbox: the Jira and storage emulators, the Forge SDK globals pointing at them,
 * and the app's own entry points loaded through manifest.yml.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const manifest = readManifest();
  if (options.now) setSandboxClock(options.now);
  const dataDir = options.dataDir === undefined ? DEFAULT_DATA_DIR : options.dataDir;
  const jiraFile = dataDir ? path.join(dataDir, 'jira.json') : null;
  const kvsFile = dataDir ? path.join(dataDir, 'kvs.json') : null;
  const platform = withPlatformFromEnvironment(options.platform);
  const jiraOptions = {
    indexedProperties: manifest.indexedProperties,
    appAccountId: APP_ACCOUNT_ID,
    ...(platform.jira ? { behaviours: platform.jira } : {}),
  };
  const runtime = runtimeBehaviours(platform.runtime);
  const kvsOptions = { entities: manifest.entities };

  const persisted =
    !options.reset && !options.site && jiraFile && kvsFile && existsSync(jiraFile) && existsSync(kvsFile)
      ? restorePersisted(jiraFile, kvsFile, jiraOptions, kvsOptions)
      : null;
  const restore = persisted !== null;
  const jira =
    persisted?.jira ??
    (options.site
      ? JiraEmulator.fromJSON(options.site, jiraOptions)
      : new JiraEmulator(
          buildDemoSite({
            now: options.now ?? new Date(),
            confidentialWork: jiraBehaviours(platform.jira).confidentialWork.enabled,
          }),
          jiraOptions,
        ));
  const kvs = persisted?.kvs ?? new KvsEmulator(kvsOptions);

  // The queue needs the host to deliver events and the host needs the globals first: wire through a reference.
  let hostRef: AppHost | undefined;
  const queue = new QueueEmulator(
    manifest,
    (fn, consumerKey, event) => {
      if (!hostRef) throw new Error('The app is not loaded yet.');
      return hostRef.invokeFunction(
        fn,
        event,
        undefined,
        consumerKey,
        options.consumerTimeoutMs ?? hostRef.timeoutMs(fn),
      );
    },
    { delayScale: options.queueDelayScale ?? 1 },
  );
  installForgeGlobals({ jira, kvs, appId: manifest.appId, queue: (path, body) => queue.handle(path, body) });
  // Loaded only now, after the globals exist, exactly as Forge loads the bundle into a prepared runtime.
  const host = await AppHost.load(
    manifest,
    options.appBundle ? loadFromBundle(options.appBundle) : loadFromSource,
    {
      behaviours: runtime,
      // Jira shows its settings, and so the app's admin page, to Jira administrators only.
      shownTo: (module, accountId) =>
        module.type !== 'jira:adminPage' || (accountId !== undefined && jira.isJiraAdmin(accountId)),
    },
  );
  hostRef = host;
  const triggers = new TriggerDispatcher(manifest, host, APP_ACCOUNT_ID);
  jira.onIssueEvent((event, meta) =>
    triggers.dispatch(event, {
      visibleToApp: meta.visibleToApp,
      withholdInvisible: jira.behaviours.eventVisibility.enabled,
    }),
  );

  let timer: NodeJS.Timeout | undefined;
  const persist = () => {
    if (!dataDir || !jiraFile || !kvsFile) return;
    mkdirSync(dataDir, { recursive: true });
    writeAtomically(jiraFile, JSON.stringify(jira.toJSON()));
    writeAtomically(kvsFile, JSON.stringify(kvs.snapshot()));
  };

  return {
    manifest,
    jira,
    kvs,
    host,
    queue,
    triggers,
    users: DEMO_USERS,
    fresh: !restore,
    invoke: (moduleKey, functionKey, payload, accountId, extension = {}) =>
      host.invokeResolver(moduleKey, { functionKey, payload }, { accountId, extension }),
    persist,
    settle: async () => {
      while (triggers.busy() || queue.busy()) {
        await triggers.idle();
        await queue.idle();
      }
    },
    runScheduled: (key) => host.runScheduled(key),
    changed: () => {
      if (!dataDir) return;
      clearTimeout(timer);
      timer = setTimeout(persist, 250);
    },
  };
}

type PlatformOverrides = NonNullable<SandboxOptions['platform']>;

/**
 * `SANDBOX_PLATFORM='{"jira":{"searchLag":{"enabled":true}}}' npx vitest run ...` runs any test with a
 * behaviour switched, to see what the app does on a stricter (or kinder) platform. It applies on top of
 * what the test itself chose.
 */
function withPlatformFromEnvironment(platform: PlatformOverrides | undefined): PlatformOverrides {
  const raw = process.env.SANDBOX_PLATFORM;
  if (!raw) return platform ?? {};
  const fromEnv = JSON.parse(raw) as PlatformOverrides;
  return {
    jira: mergeBehaviours(platform?.jira ?? {}, fromEnv.jira),
    runtime: mergeBehaviours(platform?.runtime ?? {}, fromEnv.runtime),
  };
}

/** Persisted state, or null (with a word why) when it was written by an older emulator. */
function restorePersisted(
  jiraFile: string,
  kvsFile: string,
  jiraOptions: ConstructorParameters<typeof JiraEmulator>[1],
  kvsOptions: ConstructorParameters<typeof KvsEmulator>[0],
): { jira: JiraEmulator; kvs: KvsEmulator } | null {
  let jira: JiraEmulator;
  try {
    jira = JiraEmulator.fromJSON(JSON.parse(readFileSync(jiraFile, 'utf8')), jiraOptions);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    console.warn(`[sandbox] Starting a fresh demo site: the saved one cannot be used (${why}).`);
    return null;
  }
  return { jira, kvs: KvsEmulator.restore(JSON.parse(readFileSync(kvsFile, 'utf8')), kvsOptions) };
}

function writeAtomically(file: string, text: string) {
  const temp = `${file}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
