import type { RateLimitBehaviour } from './behaviours';

// Jira Cloud's three rate limits for apps (README: rate limits): a points-based hourly quota, per-second
// limits per endpoint and method, and per-issue write limits. Only the app's own traffic is metered
// (asApp(), asUser() and a Custom UI page's requestJira); Jira's own pages are not.

export type RateLimitReason = 'jira-quota-global-based' | 'jira-burst-based' | 'jira-per-issue-on-write';

/** Point values per object returned, from Jira's table ("Identity & access" reads cost 2, the rest 1). */
export type ObjectKind = 'core' | 'identity' | 'other';
export const OBJECT_POINTS: Record<ObjectKind, number> = { core: 1, identity: 2, other: 1 };
/** Every request costs this; writes cost only this. */
export const BASE_POINTS = 1;

const arrayLength = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;

interface ReadCost {
  kind: ObjectKind;
  /** How many objects of that kind a successful response returns. */
  count: (body: unknown) => number;
}

const one = () => 1;

/**
 * What each read the emulator answers returns, in Jira's object categories. Only top-level objects are
 * counted, as in Jira's example (GET /issue/ABC-123 costs 1 + 1 issue = 2 points, although the issue bean
 * nests users and a project). POSTs that only read (search, counts, permission checks) are reads: Jira's
 * table files POST under writes because writes create or change data, which these do not.
 */
export const READ_COSTS: Record<string, ReadCost> = {
  'GET /issue/{issueIdOrKey}': { kind: 'core', count: one },
  'GET /issue/{issueIdOrKey}/transitions': {
    kind: 'other',
    count: (b) => arrayLength(field(b, 'transitions')),
  },
  'GET /issue/{issueIdOrKey}/properties': { kind: 'other', count: (b) => arrayLength(field(b, 'keys')) },
  'GET /issue/{issueIdOrKey}/properties/{propertyKey}': { kind: 'other', count: one },
  'GET /search/jql': { kind: 'core', count: (b) => arrayLength(field(b, 'issues')) },
  'POST /search/jql': { kind: 'core', count: (b) => arrayLength(field(b, 'issues')) },
  // A count returns no object, only a number.
  'POST /search/approximate-count': { kind: 'core', count: () => 0 },
  'GET /project/search': { kind: 'core', count: (b) => arrayLength(field(b, 'values')) },
  'GET /project/{projectIdOrKey}': { kind: 'core', count: one },
  'GET /myself': { kind: 'identity', count: one },
  'GET /user': { kind: 'identity', count: one },
  'GET /user/bulk': { kind: 'identity', count: (b) => arrayLength(field(b, 'values')) },
  'GET /user/search': { kind: 'identity', count: arrayLength },
  'GET /user/permission/search': { kind: 'identity', count: arrayLength },
  'GET /user/picker': { kind: 'identity', count: (b) => arrayLength(field(b, 'users')) },
  // Each permission answered is an identity-and-access object.
  'GET /mypermissions': {
    kind: 'identity',
    count: (b) => Object.keys((field(b, 'permissions') as Record<string, unknown> | undefined) ?? {}).length,
  },
  'POST /permissions/check': {
    kind: 'identity',
    count: (b) =>
      arrayLength(field(b, 'globalPermissions')) +
      (Array.isArray(field(b, 'projectPermissions'))
        ? (field(b, 'projectPermissions') as unknown[]).reduce<number>(
            (n, grant) => n + arrayLength(field(grant, 'projects')) + arrayLength(field(grant, 'issues')),
            0,
          )
        : 0),
  },
  'GET /field': { kind: 'other', count: arrayLength },
  'GET /issuetype': { kind: 'other', count: arrayLength },
  'GET /status': { kind: 'other', count: arrayLength },
  'GET /statuscategory': { kind: 'other', count: arrayLength },
  'GET /priority': { kind: 'other', count: arrayLength },
  'GET /task/{taskId}': { kind: 'other', count: one },
};

export interface RequestCost {
  points: number;
  objects: number;
  kind: ObjectKind | 'write' | 'error';
}

/**
 * The points one request costs: the base point, plus, for a successful read, each object it returns at its
 * category's value. Writes and failed requests (a 429 included) cost the base point only.
 * `route` is 'METHOD /template' with the template under /rest/api/{2|3}.
 */
export function costOf(route: string, status: number, body: unknown): RequestCost {
  if (status >= 400) return { points: BASE_POINTS, objects: 0, kind: 'error' };
  const read = READ_COSTS[route];
  if (!read) {
    const method = route.split(' ')[0] ?? '';
    if (method !== 'GET') return { points: BASE_POINTS, objects: 0, kind: 'write' };
    return { points: BASE_POINTS, objects: 0, kind: 'other' };
  }
  const objects = read.count(body);
  return { points: BASE_POINTS + objects * OBJECT_POINTS[read.kind], objects, kind: read.kind };
}

const HOUR_MS = 3_600_000;

/** ISO 8601 to the second, as Jira's X-RateLimit-Reset. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface Refusal {
  reason: RateLimitReason;
  retryAfterSeconds: number;
}

export interface RateLimitSnapshot {
  hourlyQuota: number;
  /** The current quota window (one UTC hour). */
  window: { start: string; used: number; remaining: number };
  /** Points since the counters were last reset, in all, per principal ('app', 'user:<accountId>') and per route. */
  total: number;
  byPrincipal: Record<string, number>;
  byRoute: Record<string, number>;
  /** Requests refused with 429, per reason. */
  refused: Partial<Record<RateLimitReason, number>>;
}

export interface MeteredRequest {
  /** 'app' or 'user:<accountId>'. */
  principal: string;
  /** 'METHOD /rest/api/3/template', the key per-second limits are per. */
  endpoint: string;
  method: string;
  /** Set for a write to one existing issue (edit, transition, delete, property write). */
  writtenIssueId?: string;
}

/** The three limits, on the site's clock. */
export class RateLimiter {
  private windowStart = 0;
  private used = 0;
  private total = 0;
  private byPrincipal = new Map<string, number>();
  private byRoute = new Map<string, number>();
  private refused = new Map<RateLimitReason, number>();
  private buckets = new Map<string, { tokens: number; at: number }>();
  private issueWrites = new Map<string, number[]>();
  private penalties = new Map<string, { until: number; seconds: number; reason: RateLimitReason }>();

  constructor(
    private readonly config: () => RateLimitBehaviour,
    private readonly now: () => number,
  ) {}

  /** Whether Jira takes the request now; a refusal says which limit and how long to wait. */
  admit(request: MeteredRequest): Refusal | null {
    const now = this.now();
    const config = this.config();
    this.roll(now);
    const refusal = this.check(request, now, config);
    if (refusal) {
      this.refused.set(refusal.reason, (this.refused.get(refusal.reason) ?? 0) + 1);
      return refusal;
    }
    this.take(request, now);
    return null;
  }

  private check(request: MeteredRequest, now: number, config: RateLimitBehaviour): Refusal | null {
    const scopes = this.scopesOf(request);
    if (config.earlyRetryPenalty) {
      for (const scope of scopes) {
        const penalty = this.penalties.get(`${request.principal}|${scope}`);
        if (penalty && now < penalty.until) {
          // "If you reissue the request before the retry period expires, the request will fail and return
          // the same or longer Retry-After period": the full period starts again.
          penalty.until = now + penalty.seconds * 1000;
          return { reason: penalty.reason, retryAfterSeconds: penalty.seconds };
        }
      }
    }
    const refusal = this.limitReached(request, now, config);
    if (refusal && config.earlyRetryPenalty) {
      const scope = refusal.reason === 'jira-quota-global-based' ? 'quota' : this.scopeOf(refusal, request);
      this.penalties.set(`${request.principal}|${scope}`, {
        until: now + refusal.retryAfterSeconds * 1000,
        seconds: refusal.retryAfterSeconds,
        reason: refusal.reason,
      });
    }
    return refusal;
  }

  private scopesOf(request: MeteredRequest): string[] {
    return [
      'quota',
      `burst:${request.endpoint}`,
      ...(request.writtenIssueId ? [`issue:${request.writtenIssueId}`] : []),
    ];
  }

  private scopeOf(refusal: Refusal, request: MeteredRequest): string {
    return refusal.reason === 'jira-burst-based'
      ? `burst:${request.endpoint}`
      : `issue:${request.writtenIssueId}`;
  }

  private limitReached(request: MeteredRequest, now: number, config: RateLimitBehaviour): Refusal | null {
    if (config.quota.enabled && this.used >= config.quota.hourlyQuota) {
      // "All requests are denied until the next hourly reset."
      return {
        reason: 'jira-quota-global-based',
        retryAfterSeconds: Math.max(1, Math.ceil((this.windowStart + HOUR_MS - now) / 1000)),
      };
    }
    if (config.perIssueWrites.enabled && request.writtenIssueId !== undefined) {
      const writes = this.issueWrites.get(request.writtenIssueId) ?? [];
      for (const window of config.perIssueWrites.windows) {
        const since = now - window.seconds * 1000;
        const inWindow = writes.filter((at) => at > since);
        if (inWindow.length >= window.count) {
          const oldest = inWindow[0] ?? now;
          return {
            reason: 'jira-per-issue-on-write',
            retryAfterSeconds: Math.max(1, Math.ceil((oldest + window.seconds * 1000 - now) / 1000)),
          };
        }
      }
    }
    if (!config.burst.enabled) return null;
    const bucket = this.bucket(request.endpoint, now, config);
    if (bucket.tokens < 1) return { reason: 'jira-burst-based', retryAfterSeconds: 1 };
    return null;
  }

  private take(request: MeteredRequest, now: number): void {
    const bucket = this.buckets.get(request.endpoint);
    if (bucket) bucket.tokens = Math.max(0, bucket.tokens - 1);
    if (request.writtenIssueId !== undefined) {
      const longest = Math.max(0, ...this.config().perIssueWrites.windows.map((w) => w.seconds)) * 1000;
      const writes = (this.issueWrites.get(request.writtenIssueId) ?? []).filter((at) => at > now - longest);
      writes.push(now);
      this.issueWrites.set(request.writtenIssueId, writes);
    }
  }

  /** Requests per second allowed on an endpoint. */
  limitOf(endpoint: string, config: RateLimitBehaviour = this.config()): number {
    const override = config.burst.overrides[endpoint];
    if (override !== undefined) return override;
    const method = endpoint.split(' ')[0] as keyof RateLimitBehaviour['burst']['perSecond'];
    return config.burst.perSecond[method] ?? config.burst.perSecond.GET;
  }

  /** A token bucket per endpoint and method, holding `bucketSeconds` of the steady rate and refilling at it. */
  private bucket(endpoint: string, now: number, config: RateLimitBehaviour) {
    const limit = this.limitOf(endpoint, config);
    const capacity = limit * Math.max(1, config.burst.bucketSeconds);
    const bucket = this.buckets.get(endpoint) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * limit);
    bucket.at = now;
    this.buckets.set(endpoint, bucket);
    return bucket;
  }

  /** Books the points a request cost against the hour's quota and the counters. */
  charge(principal: string, endpoint: string, points: number): void {
    this.roll(this.now());
    this.used += points;
    this.total += points;
    this.byPrincipal.set(principal, (this.byPrincipal.get(principal) ?? 0) + points);
    this.byRoute.set(endpoint, (this.byRoute.get(endpoint) ?? 0) + points);
  }

  /** Jira's headers on every metered response, plus the 429 ones for a refusal. */
  headers(endpoint: string, refusal: Refusal | null): Record<string, string> {
    const now = this.now();
    const config = this.config();
    this.roll(now);
    const quota = config.quota.hourlyQuota;
    const remaining = Math.max(0, quota - this.used);
    const resetIn = Math.max(0, Math.ceil((this.windowStart + HOUR_MS - now) / 1000));
    const near = remaining < quota * 0.2;
    const bucket = this.bucket(endpoint, now, config);
    const headers: Record<string, string> = {
      'ratelimit-policy': `"global-app-quota";q=${quota};w=3600`,
      // The remaining quota is included only once usage nears the limit, as Jira does.
      ratelimit: `"global-app-quota";${near ? `r=${remaining};` : ''}t=${resetIn}`,
      'x-ratelimit-limit': String(this.limitOf(endpoint, config)),
      'x-ratelimit-remaining': String(Math.floor(bucket.tokens)),
    };
    if (near) headers['x-ratelimit-nearlimit'] = 'true';
    if (refusal) {
      headers['retry-after'] = String(refusal.retryAfterSeconds);
      headers['x-ratelimit-reset'] = isoSeconds(now + refusal.retryAfterSeconds * 1000);
      headers['ratelimit-reason'] = refusal.reason;
    }
    return headers;
  }

  /** A new UTC hour starts a new quota window. */
  private roll(now: number): void {
    const start = Math.floor(now / HOUR_MS) * HOUR_MS;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
  }

  snapshot(): RateLimitSnapshot {
    this.roll(this.now());
    const quota = this.config().quota.hourlyQuota;
    return {
      hourlyQuota: quota,
      window: {
        start: new Date(this.windowStart).toISOString(),
        used: this.used,
        remaining: Math.max(0, quota - this.used),
      },
      total: this.total,
      byPrincipal: Object.fromEntries(this.byPrincipal),
      byRoute: Object.fromEntries(this.byRoute),
      refused: Object.fromEntries(this.refused),
    };
  }

  /** Points since the last reset, for one principal ('app' or 'user:<accountId>'). */
  pointsOf(principal: string): number {
    return this.byPrincipal.get(principal) ?? 0;
  }

  /** Clears the counters (not the limits' state: the hour's usage, buckets and penalties stay). */
  reset(): void {
    this.total = 0;
    this.byPrincipal.clear();
    this.byRoute.clear();
    this.refused.clear();
  }

  /** Forgets everything, as if the app had just been installed: for tests that isolate one limit. */
  clear(): void {
    this.reset();
    this.used = 0;
    this.buckets.clear();
    this.issueWrites.clear();
    this.penalties.clear();
  }
}
