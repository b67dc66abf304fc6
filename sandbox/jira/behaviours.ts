// How strictly the emulator follows Jira Cloud where Jira is harder on an app than a naive server would be.
// Every behaviour is documented, with its source, in sandbox/jira/README.md. Each can be switched off to
// isolate something else; the defaults are what the sandbox and every test run with.

export interface SearchLagBehaviour {
  enabled: boolean;
  /** How long a write takes to reach /search/jql and /search/approximate-count. */
  delayMs: number;
}

export interface CountEstimateBehaviour {
  enabled: boolean;
  /** Largest relative error of an approximate count (0.05 = up to 5% off, at least 1 when the count is not 0). */
  relativeError: number;
}

/** A planned failure of the next bulk property tasks. */
export interface TaskFault {
  status: 'FAILED' | 'DEAD';
  /** How many of the next tasks end so. */
  times: number;
}

export interface BulkTaskBehaviour {
  enabled: boolean;
  /** Time a task waits in Jira's queue before it starts. */
  queueMs: number;
  /** Time a running task spends per issue it touches (at least one issue's worth). */
  perIssueMs: number;
}

export interface AppPrincipalBehaviour {
  /**
   * On: the app's account sees and edits only what the projects' roles grant it, and holds no global
   * permission. Off: the app is a site administrator who sees every project.
   */
  enabled: boolean;
}

export interface ConfidentialWorkBehaviour {
  /**
   * On: the demo site's confidential Checkout work sits at CHK's "Confidential" issue security level, which
   * the app's account is not in (issue security binds everyone, the app and Jira admins included). Off: the
   * level exists but holds no issue. Read when the demo site is built.
   */
  enabled: boolean;
}

export interface EventVisibilityBehaviour {
  /** On: an issue event is not delivered to the app's triggers when the app's account cannot see the issue. */
  enabled: boolean;
}

export interface PermissionCheckBehaviour {
  /** On: POST /permissions/check refuses more than 1,000 project ids or 1,000 issue ids. */
  idCaps: boolean;
  /**
   * On: checking another user's permissions needs Administer Jira for the caller, the app included
   * (the spec exempts Connect apps only). Off: the app is exempt, as if it were a Connect app.
   */
  othersNeedAdminister: boolean;
}

export interface DocumentedEventsBehaviour {
  /**
   * On: deleting an issue fires only the deleted issue's own event, as Jira documents ("cascading events
   * aren't emitted"). Off: the emulator's old invention, an update per child detached from a deleted epic and
   * a delete per subtask removed with its parent.
   */
  enabled: boolean;
}

export interface RateLimitBehaviour {
  /** The points-based quota: each request's points count against an hourly budget for the app on this site. */
  quota: {
    enabled: boolean;
    /** Points an hour; the window resets at the top of each UTC hour. */
    hourlyQuota: number;
  };
  /** Per-second limits per endpoint and method (a token bucket per endpoint and method, for the whole site). */
  burst: {
    enabled: boolean;
    /** Steady requests per second by method. */
    perSecond: { GET: number; POST: number; PUT: number; DELETE: number };
    /** Endpoint-specific per-second limits, keyed 'METHOD /rest/api/3/template'. */
    overrides: Record<string, number>;
    /** The bucket holds this many seconds of the steady rate: the burst buffer. */
    bucketSeconds: number;
  };
  /** Writes to one issue: at most `count` in any `seconds`, for each window. */
  perIssueWrites: { enabled: boolean; windows: { count: number; seconds: number }[] };
  /** A request retried before its Retry-After is refused again, with the full period again. */
  earlyRetryPenalty: boolean;
}

export interface JiraBehaviours {
  searchLag: SearchLagBehaviour;
  countEstimates: CountEstimateBehaviour;
  bulkTasks: BulkTaskBehaviour;
  appPrincipal: AppPrincipalBehaviour;
  confidentialWork: ConfidentialWorkBehaviour;
  eventVisibility: EventVisibilityBehaviour;
  permissionCheck: PermissionCheckBehaviour;
  documentedEvents: DocumentedEventsBehaviour;
  rateLimits: RateLimitBehaviour;
}

/** Jira Cloud's published per-second limits (see README: rate limits). */
export const BURST_DEFAULTS = { GET: 100, POST: 100, PUT: 50, DELETE: 50 } as const;
export const BURST_OVERRIDES: Record<string, number> = {
  'GET /rest/api/3/issue/{issueIdOrKey}': 150,
  'GET /rest/api/3/user': 150,
  'POST /rest/api/3/search/approximate-count': 150,
};

export const DEFAULT_JIRA_BEHAVIOURS: JiraBehaviours = {
  searchLag: { enabled: true, delayMs: 2_000 },
  countEstimates: { enabled: true, relativeError: 0.05 },
  bulkTasks: { enabled: true, queueMs: 200, perIssueMs: 5 },
  appPrincipal: { enabled: true },
  confidentialWork: { enabled: true },
  eventVisibility: { enabled: true },
  permissionCheck: { idCaps: true, othersNeedAdminister: true },
  documentedEvents: { enabled: true },
  rateLimits: {
    quota: { enabled: true, hourlyQuota: 65_000 },
    burst: {
      enabled: true,
      perSecond: { ...BURST_DEFAULTS },
      overrides: { ...BURST_OVERRIDES },
      bucketSeconds: 10,
    },
    perIssueWrites: {
      enabled: true,
      windows: [
        { count: 20, seconds: 2 },
        { count: 100, seconds: 30 },
      ],
    },
    earlyRetryPenalty: true,
  },
};

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

export type JiraBehaviourOverrides = DeepPartial<JiraBehaviours>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges overrides into a copy of the defaults: objects field by field, anything else replaced. */
export function mergeBehaviours<T>(defaults: T, overrides: DeepPartial<T> | undefined): T {
  const merged = structuredClone(defaults);
  const into = (target: Record<string, unknown>, source: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(source)) {
      if (value === undefined) continue;
      const current = target[key];
      if (isPlainObject(current) && isPlainObject(value)) into(current, value);
      else target[key] = structuredClone(value);
    }
  };
  if (overrides) into(merged as Record<string, unknown>, overrides as Record<string, unknown>);
  return merged;
}

/** The defaults with some behaviours changed. */
export function jiraBehaviours(overrides: JiraBehaviourOverrides = {}): JiraBehaviours {
  return mergeBehaviours(DEFAULT_JIRA_BEHAVIOURS, overrides);
}
