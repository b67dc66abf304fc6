import type { JiraEmulator, Principal } from '../jira';
import type { KvsEmulator } from '../kvs';
import { kvsFetchHandler } from '../kvs';
import { currentInvocation } from './invocation';

export interface PlatformEmulators {
  jira: JiraEmulator;
  kvs: KvsEmulator;
  appId: string;
  /** Handles Forge's async-events queue calls (`/webhook/queue/...` on the stargate remote). */
  queue?: (path: string, body: unknown) => Promise<{ status: number; body: unknown }>;
}

interface ForgeFetchMeta {
  type: string;
  provider?: 'app' | 'user' | 'none';
  remote?: string;
  accountId?: string;
}

interface FetchInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string> | [string, string][];
}

type ForgeGlobals = typeof globalThis & {
  __forge_fetch__?: (meta: ForgeFetchMeta, path: string, init?: FetchInit) => Promise<Response>;
  __forge_runtime__?: unknown;
};

let installed: PlatformEmulators | undefined;

/**
 * Supplies the platform underneath the real Forge SDKs: `@forge/api`, `@forge/kvs` and `@forge/events`
 * call `global.__forge_fetch__` and read `global.__forge_runtime__`; here both lead to the emulators.
 * Installing again swaps the emulators (tests use a fresh site per file).
 */
export function installForgeGlobals(platform: PlatformEmulators): void {
  installed = platform;
  const g = globalThis as ForgeGlobals;
  g.__forge_fetch__ = forgeFetch;
  if (!Object.getOwnPropertyDescriptor(g, '__forge_runtime__')?.get) {
    Object.defineProperty(g, '__forge_runtime__', { configurable: true, get: runtimeForCurrentInvocation });
  }
}

async function forgeFetch(meta: ForgeFetchMeta, path: string, init: FetchInit = {}): Promise<Response> {
  const platform = installed;
  if (!platform) throw new Error('The sandbox platform is not installed.');
  const body = typeof init.body === 'string' ? init.body : undefined;
  if (meta.type === 'kvs') return kvsFetchHandler(platform.kvs)(path, { method: init.method, body });
  if (meta.type === 'fpp' && meta.remote === 'jira') {
    const principal = principalFor(meta);
    if (!principal) {
      return new Response('', { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } });
    }
    const reply = await platform.jira.handle(
      {
        method: init.method ?? 'GET',
        url: path,
        headers: headerRecord(init.headers),
        ...(body ? { body } : {}),
      },
      principal,
    );
    return new Response(reply.status === 204 ? null : reply.body, {
      status: reply.status,
      headers: reply.headers,
    });
  }
  if (
    meta.type === 'fpp' &&
    meta.remote === 'stargate' &&
    path.startsWith('/webhook/queue/') &&
    platform.queue
  ) {
    const reply = await platform.queue(path, body ? JSON.parse(body) : undefined);
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  }
  return new Response(
    JSON.stringify({ message: `The sandbox does not emulate ${meta.type}/${meta.remote} ${path}` }),
    {
      status: 501,
      headers: { 'content-type': 'application/json' },
    },
  );
}

function principalFor(meta: ForgeFetchMeta): Principal | null {
  if (meta.provider === 'app') return { type: 'app' };
  if (meta.provider === 'none') return { type: 'anonymous', viaApp: true };
  // asUser() without an id acts as the invocation's user, as on Forge.
  const accountId = meta.accountId ?? currentInvocation()?.accountId;
  return accountId ? { type: 'user', accountId, viaApp: true } : null;
}

function headerRecord(headers: FetchInit['headers']): Record<string, string> {
  if (!headers) return {};
  return Array.isArray(headers) ? Object.fromEntries(headers) : headers;
}

const noopMetric = { incr() {}, measure: () => ({ stop() {} }) };

function runtimeForCurrentInvocation() {
  const invocation = currentInvocation();
  const appId = installed?.appId ?? 'sandbox';
  return {
    appContext: {
      appId,
      appVersion: '1.0.0',
      environmentId: 'sandbox',
      environmentType: 'DEVELOPMENT',
      invocationId: invocation?.invocationId ?? 'outside-invocation',
      installationId: 'sandbox-installation',
      moduleKey: invocation?.moduleKey ?? '',
      permissions: { scopes: [], external: {} },
    },
    lambdaContext: {
      getRemainingTimeInMillis: () => (invocation ? Math.max(0, invocation.deadline - Date.now()) : 0),
    },
    metrics: { counter: () => noopMetric, timing: () => noopMetric },
    tracing: { traceId: invocation?.invocationId ?? '', spanId: '' },
    proxy: { token: '' },
  };
}
