import { type APIResponse, asUser } from '@forge/api';
import type { z } from 'zod';
import { retryDelayMs } from '../../domain/backoff';
import { readClock } from '../clock';
import { remainingTimeMs } from '../runtime';
import { meteredApp } from './points-meter';

/** Whose authority a Jira call carries: the signed-in user's own, or the app's. */
export type Authority = 'user' | 'app';

/**
 * The requester for an authority. Gateways write `jira(authority).requestJira(route`...`, { method })`
 * at each call site, so `@forge/lint` can see every endpoint and check its scope. The app's own calls are
 * metered: they spend its hourly points quota, which background work holds itself to a share of.
 */
export const jira = (authority: Authority) => (authority === 'app' ? meteredApp() : asUser());

export const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

/** A Jira error response, with Jira's own messages kept so they can be shown or logged. */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly fieldMessages: Record<string, string> = {},
    /** For 429: how long Jira asked to wait, so queued work can come back later. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`Jira answered ${status}: ${messages.join(' ') || 'no details'}`);
    this.name = 'JiraHttpError';
  }
}

export interface RetryPolicy {
  maxAttempts: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => Date;
  /** Milliseconds left before Forge stops this invocation (25 s for resolvers and triggers). */
  remainingMs: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: readClock,
  remainingMs: remainingTimeMs,
};

/** Kept back from the invocation's deadline for the work after the last call and the reply. */
export const DEADLINE_MARGIN_MS = 3_000;

const RETRYABLE = new Set([429, 503]);

/**
 * Sends a Jira request, retrying when Jira is rate limiting or briefly unavailable. `@forge/api` does not
 * retry by itself. Each wait is what Jira asked for (Retry-After / X-RateLimit-Reset) plus jitter, and
 * only while it fits in the invocation's remaining time: past that the 429 goes to the caller, whose
 * `retryAfterSeconds` says when to come back (a resolver answers RATE_LIMITED, queued work defers).
 */
export async function withRetry(
  send: () => Promise<APIResponse>,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<APIResponse> {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    if (!RETRYABLE.has(response.status)) return response;
    const delay = retryDelayMs({
      retryAfter: response.headers.get('Retry-After'),
      rateLimitReset: response.headers.get('X-RateLimit-Reset'),
      attempt,
      now: policy.now(),
      random: policy.random(),
    });
    if (attempt >= policy.maxAttempts || delay + DEADLINE_MARGIN_MS > policy.remainingMs()) return response;
    await policy.sleep(delay);
  }
}

/** Reads a successful response, checked against a schema before anyone uses it; errors become JiraHttpError. */
export async function readJson<S extends z.ZodType>(
  response: APIResponse,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  if (!response.ok) throw await toJiraHttpError(response);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new JiraHttpError(502, [`Jira sent an unexpected response for ${what}: ${parsed.error.message}`]);
  }
  return parsed.data;
}

/** For calls whose body is not needed (property writes): success or a JiraHttpError. */
export async function expectOk(response: APIResponse): Promise<number> {
  if (!response.ok) throw await toJiraHttpError(response);
  return response.status;
}

/**
 * How long Jira asked to wait, in whole seconds: `Retry-After` (seconds or an HTTP date), else the time
 * until `X-RateLimit-Reset`; null when Jira said neither, so callers apply their own fallback.
 * (A missing header must not read as 0: `Number(null)` is 0, which would mean "retry at once".)
 */
export function askedWaitSeconds(
  headers: { get: (name: string) => string | null },
  now: Date = readClock(),
): number | null {
  const untilDate = (value: string) => {
    const at = Date.parse(value);
    return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now.getTime()) / 1000)) : null;
  };
  const retryAfter = headers.get('Retry-After')?.trim();
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
    const fromDate = untilDate(retryAfter);
    if (fromDate !== null) return fromDate;
  }
  const reset = headers.get('X-RateLimit-Reset')?.trim();
  return reset ? untilDate(reset) : null;
}

export async function toJiraHttpError(response: APIResponse): Promise<JiraHttpError> {
  const text = await response.text();
  const wait = askedWaitSeconds(response.headers);
  try {
    const body = JSON.parse(text) as { errorMessages?: unknown; errors?: unknown; message?: unknown };
    const messages = Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : [];
    if (typeof body.message === 'string') messages.push(body.message);
    const fieldMessages =
      body.errors && typeof body.errors === 'object'
        ? Object.fromEntries(Object.entries(body.errors).map(([k, v]) => [k, String(v)]))
        : {};
    return new JiraHttpError(response.status, messages, fieldMessages, wait);
  } catch {
    return new JiraHttpError(response.status, text ? [text.slice(0, 300)] : [], {}, wait);
  }
}
