/**
 * How long to wait before retrying a rate-limited Jira call. Jira sends `Retry-After` (seconds)
 * and sometimes only `X-RateLimit-Reset` (an ISO timestamp); without either we back off
 * exponentially. Jitter spreads retries of parallel workers apart.
 */
export interface BackoffInput {
  retryAfter: string | null;
  rateLimitReset: string | null;
  attempt: number;
  now: Date;
  /** A number in [0, 1). */
  random: number;
}

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 10_000;

/**
 * What Jira asked for is waited in full, never less: "If you reissue the request before the retry period
 * expires, the request will fail and return the same or longer Retry-After period" (Jira's rate limiting
 * page). Whether the wait fits the invocation is the caller's question (`withRetry`). Jitter grows with the
 * attempt so that parallel workers sent back by the same limit do not all come back at once.
 */
export function retryDelayMs({ retryAfter, rateLimitReset, attempt, now, random }: BackoffInput): number {
  const jitter = Math.round(random * 250 * 2 ** (attempt - 1));
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000 + jitter;
  if (retryAfter !== null) {
    // Retry-After may also be an HTTP date.
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now.getTime()) + jitter;
  }
  if (rateLimitReset !== null) {
    const at = Date.parse(rateLimitReset);
    if (Number.isFinite(at)) return Math.max(0, at - now.getTime()) + jitter;
  }
  return clamp(BACKOFF_BASE_MS * 2 ** (attempt - 1)) + jitter;
}

/** "12 s", "4 min", "1 h": how long until a retry, in the words a message uses. */
export function waitInWords(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.ceil(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

const clamp = (ms: number) => Math.max(0, Math.min(ms, BACKOFF_CAP_MS));

/** The longest a queued event can be delayed in one push (Forge async events: `delayInSeconds` ≤ 900). */
export const QUEUE_MAX_DELAY_SECONDS = 900;

/** Without a wait from Jira, queued work comes back after this long. */
export const DEFAULT_DEFER_SECONDS = 5;

/**
 * Background work Jira sent away: when it may call Jira again (`notBefore`, all Jira asked for) and how long
 * to delay its next delivery (at most what the queue allows; delivered earlier, it waits again without a
 * call, since a request made before its Retry-After fails again with the period renewed).
 */
export function deferral(now: Date, waitSeconds: number | null): { notBefore: string; delaySeconds: number } {
  const seconds = Math.max(1, Math.ceil(waitSeconds ?? DEFAULT_DEFER_SECONDS));
  return {
    notBefore: new Date(now.getTime() + seconds * 1000).toISOString(),
    delaySeconds: Math.min(seconds, QUEUE_MAX_DELAY_SECONDS),
  };
}

/** Seconds queued work must still wait before it may call Jira, or null when it is due. */
export function stillToWait(notBefore: string | undefined, now: Date): number | null {
  if (notBefore === undefined) return null;
  const left = Math.ceil((Date.parse(notBefore) - now.getTime()) / 1000);
  return Number.isFinite(left) && left > 0 ? Math.min(left, QUEUE_MAX_DELAY_SECONDS) : null;
}
