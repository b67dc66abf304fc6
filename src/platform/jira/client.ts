import { type APIResponse, asApp, asUser, type Route } from '@forge/api';
import type { z } from 'zod';
import { retryDelayMs } from '../../domain/backoff';

/** Whose authority a Jira call carries: the signed-in user's own, or the app's. */
export type Authority = 'user' | 'app';

export interface JiraCall {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
}

/** A Jira error response, with Jira's own messages kept so they can be shown or logged. */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly fieldMessages: Record<string, string> = {},
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
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: () => new Date(),
};

const RETRYABLE = new Set([429, 503]);

/**
 * One Jira REST call. `@forge/api` does not retry by itself, so rate limits are honoured here:
 * bounded attempts, waiting what Jira asks for (Retry-After / X-RateLimit-Reset) plus jitter.
 */
export async function callJira(
  authority: Authority,
  path: Route,
  call: JiraCall = {},
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<APIResponse> {
  const requester = authority === 'app' ? asApp() : asUser();
  const init = {
    method: call.method ?? 'GET',
    headers: {
      Accept: 'application/json',
      ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  };
  for (let attempt = 1; ; attempt++) {
    const response = await requester.requestJira(path, init);
    if (!RETRYABLE.has(response.status) || attempt >= policy.maxAttempts) return response;
    await policy.sleep(
      retryDelayMs({
        retryAfter: response.headers.get('Retry-After'),
        rateLimitReset: response.headers.get('X-RateLimit-Reset'),
        attempt,
        now: policy.now(),
        random: policy.random(),
      }),
    );
  }
}

/** A call whose success body is checked against a schema before anyone uses it. */
export async function jiraJson<S extends z.ZodType>(
  authority: Authority,
  path: Route,
  schema: S,
  call: JiraCall = {},
  policy?: RetryPolicy,
): Promise<z.output<S>> {
  const response = await callJira(authority, path, call, policy);
  if (!response.ok) throw await toJiraHttpError(response);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new JiraHttpError(502, [
      `Jira sent an unexpected response for ${path.value}: ${parsed.error.message}`,
    ]);
  }
  return parsed.data;
}

/** A call with no body worth reading (property writes, deletes). */
export async function jiraSend(authority: Authority, path: Route, call: JiraCall, policy?: RetryPolicy) {
  const response = await callJira(authority, path, call, policy);
  if (!response.ok) throw await toJiraHttpError(response);
  return response.status;
}

export async function toJiraHttpError(response: APIResponse): Promise<JiraHttpError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { errorMessages?: unknown; errors?: unknown; message?: unknown };
    const messages = Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : [];
    if (typeof body.message === 'string') messages.push(body.message);
    const fieldMessages =
      body.errors && typeof body.errors === 'object'
        ? Object.fromEntries(Object.entries(body.errors).map(([k, v]) => [k, String(v)]))
        : {};
    return new JiraHttpError(response.status, messages, fieldMessages);
  } catch {
    return new JiraHttpError(response.status, text ? [text.slice(0, 300)] : []);
  }
}
