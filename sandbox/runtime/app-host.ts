import { DEFAULT_RUNTIME_BEHAVIOURS, functionTimeoutMs, type RuntimeBehaviours } from './behaviours';
import { runInvocation } from './invocation';
import type { AppManifest, UiModule } from './manifest';
import { parseHandler } from './manifest';

/** Refused as Jira refuses it: the module is not shown to this user, so nothing can invoke its resolver. */
export class ModuleAccessError extends Error {
  constructor(module: UiModule) {
    super(
      `${module.type} ${module.key} is not shown to this user: Jira shows it in Jira settings, to Jira administrators only.`,
    );
    this.name = 'ModuleAccessError';
  }
}

export interface AppHostOptions {
  behaviours?: RuntimeBehaviours;
  /** Whether Jira shows a UI module to an account at all (e.g. the admin page to Jira admins only). */
  shownTo?: (module: UiModule, accountId: string | undefined) => boolean;
}

type FunctionHandler = (payload: unknown, runtimePayload: unknown) => Promise<unknown>;

export interface HostCounters {
  resolverInvocations: number;
  functionInvocations: Record<string, number>;
}

/**
 * Runs the app's own entry points exactly as Forge calls them: the handler named in manifest.yml,
 * called with `{ call, context }` and a runtime payload holding the principal.
 */
export class AppHost {
  readonly counters: HostCounters = { resolverInvocations: 0, functionInvocations: {} };
  private readonly handlers = new Map<string, FunctionHandler>();

  readonly behaviours: RuntimeBehaviours;

  private constructor(
    readonly manifest: AppManifest,
    private readonly options: AppHostOptions,
  ) {
    this.behaviours = options.behaviours ?? DEFAULT_RUNTIME_BEHAVIOURS;
  }

  /** Loads every function named in the manifest from the app's own source, as Forge loads the bundle. */
  static async load(
    manifest: AppManifest,
    loadModule: (file: string) => Promise<Record<string, unknown>>,
    options: AppHostOptions = {},
  ): Promise<AppHost> {
    const host = new AppHost(manifest, options);
    for (const [key, fn] of manifest.functions) {
      const { file, exportName } = parseHandler(fn.handler);
      const exported = (await loadModule(file))[exportName];
      if (typeof exported !== 'function')
        throw new Error(`manifest function ${key}: ${fn.handler} is not an export`);
      host.handlers.set(key, exported as FunctionHandler);
    }
    return host;
  }

  uiModule(moduleKey: string): UiModule {
    const module = this.manifest.uiModules.find((m) => m.key === moduleKey);
    if (!module) throw new Error(`No UI module ${moduleKey} in manifest.yml`);
    return module;
  }

  /**
   * What `invoke(functionKey, payload)` from a Custom UI page reaches: the resolver function of the module
   * that rendered the page, and only that one.
   */
  async invokeResolver(
    moduleKey: string,
    call: { functionKey: string; payload: unknown },
    caller: { accountId?: string; extension: Record<string, unknown> },
  ): Promise<unknown> {
    const module = this.uiModule(moduleKey);
    if (
      this.behaviours.moduleAccess.enabled &&
      this.options.shownTo &&
      !this.options.shownTo(module, caller.accountId)
    ) {
      throw new ModuleAccessError(module);
    }
    this.counters.resolverInvocations++;
    return this.invokeFunction(
      module.resolverFunction,
      {
        call,
        context: { moduleKey, cloudId: 'sandbox-cloud', localId: moduleKey, extension: caller.extension },
      },
      caller.accountId,
      moduleKey,
      this.timeoutMs(module.resolverFunction),
    );
  }

  /** The time Forge gives a function, from the modules that use it. */
  timeoutMs(functionKey: string): number {
    return functionTimeoutMs(this.manifest, functionKey, this.behaviours);
  }

  /** Calls any manifest function (resolvers, triggers, consumers, scheduled jobs) inside its own invocation. */
  invokeFunction(
    functionKey: string,
    payload: unknown,
    accountId: string | undefined,
    moduleKey: string,
    timeoutMs: number,
  ): Promise<unknown> {
    const handler = this.handlers.get(functionKey);
    if (!handler) throw new Error(`No function ${functionKey} in manifest.yml`);
    this.counters.functionInvocations[functionKey] =
      (this.counters.functionInvocations[functionKey] ?? 0) + 1;
    const runtimePayload = {
      principal: accountId ? { accountId } : undefined,
      installContext: 'ari:cloud:jira::site/sandbox-cloud',
      license: { isActive: true },
    };
    return runInvocation({ functionKey, moduleKey, timeoutMs, ...(accountId ? { accountId } : {}) }, () =>
      handler(payload, runtimePayload),
    );
  }

  /** Fires a scheduled trigger as Forge does on its interval. */
  runScheduled(triggerKey: string): Promise<unknown> {
    const trigger = this.manifest.scheduled.find((t) => t.key === triggerKey);
    if (!trigger) throw new Error(`No scheduled trigger ${triggerKey} in manifest.yml`);
    return this.invokeFunction(
      trigger.function,
      { context: { cloudId: 'sandbox-cloud', moduleKey: trigger.key } },
      undefined,
      trigger.key,
      this.timeoutMs(trigger.function),
    );
  }

  resetCounters(): void {
    this.counters.resolverInvocations = 0;
    this.counters.functionInvocations = {};
  }
}
