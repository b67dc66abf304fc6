import { AsyncLocalStorage } from 'node:async_hooks';
import { type APIResponse, asApp } from '@forge/api';
import { hourOf, quotaSignalOf, requestPoints, type UsageEntry } from '../../domain/points-budget';
import { readClock } from '../clock';
import { recordUsage } from '../storage/usage-ledger';

/** What one invocation has spent as the app, per hour, and what Jira last said of the quota. */
interface Meter {
  byHour: Map<string, UsageEntry>;
}

// The sandbox runs many invocations at once in one process; each counts into its own meter.
const meters = new AsyncLocalStorage<Meter>();

type Requester = Pick<ReturnType<typeof asApp>, 'requestJira'>;
type RequestJira = Requester['requestJira'];

/**
 * A successful response read once, so its objects can be counted and its caller still read it. (Forge's
 * `Response` has no `clone()`.) The body is parsed once and shared: callers only validate it.
 */
async function buffered(response: APIResponse): Promise<{ response: APIResponse; body: unknown }> {
  if (!response.ok) return { response, body: null };
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    body = null;
  }
  const again: APIResponse = {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    text: () => Promise.resolve(text),
    json: () =>
      body === null ? Promise.resolve().then(() => JSON.parse(text) as unknown) : Promise.resolve(body),
    arrayBuffer: () => Promise.resolve(new TextEncoder().encode(text).buffer),
  };
  return { response: again, body };
}

function count(meter: Meter, method: string, path: string, response: APIResponse, body: unknown): void {
  const points = requestPoints({ method, path, status: response.status, body });
  const signal = quotaSignalOf((name) => response.headers.get(name));
  const at = readClock();
  const hour = hourOf(at);
  const entry = meter.byHour.get(hour) ?? {
    hour,
    points: 0,
    quota: null,
    remaining: null,
    at: at.toISOString(),
  };
  meter.byHour.set(hour, {
    hour,
    points: entry.points + points,
    quota: signal.quota ?? entry.quota,
    remaining: signal.remaining ?? entry.remaining,
    at: at.toISOString(),
  });
}

/**
 * `asApp()`, its points counted into the invocation's meter: the base point plus the objects a read
 * returns, as Jira charges them. Calls made as the user are Jira's to count against the user's share.
 */
export function meteredApp(): Requester {
  const app = asApp();
  const requestJira: RequestJira = async (route, init) => {
    const response = await app.requestJira(route, init);
    const meter = meters.getStore();
    if (!meter) return response;
    const read = await buffered(response);
    count(meter, (init?.method ?? 'GET').toUpperCase(), route.value, read.response, read.body);
    return read.response;
  };
  return { requestJira };
}

/** The points this invocation has spent as the app so far (0 outside a metered invocation). */
export function pointsSpentSoFar(): number {
  const meter = meters.getStore();
  return meter ? [...meter.byHour.values()].reduce((n, e) => n + e.points, 0) : 0;
}

/**
 * Runs one invocation with a meter, and writes what it spent to the ledger once, at its end (one storage
 * write per hour touched, none when it spent nothing), whether it succeeded or threw; unless `keep` says
 * the result is not to be recorded.
 */
export async function metered<T>(
  work: () => Promise<T>,
  keep: (result: T) => boolean = () => true,
): Promise<T> {
  const meter: Meter = { byHour: new Map() };
  let result: { value: T } | null = null;
  try {
    result = { value: await meters.run(meter, work) };
    return result.value;
  } finally {
    if (result === null || keep(result.value))
      await recordUsage([...meter.byHour.values()]).catch((error: unknown) => {
        // Losing a ledger entry must not fail the work it describes.
        console.warn('[outcome-bridge] could not record the points spent:', error);
      });
  }
}

/** Wraps an entry point (resolver, trigger, consumer, scheduled job) so its invocations are metered. */
export const meteredEntry =
  <A extends unknown[], R>(handler: (...args: A) => Promise<R>, keep?: (result: R) => boolean) =>
  (...args: A): Promise<R> =>
    metered(() => handler(...args), keep);
