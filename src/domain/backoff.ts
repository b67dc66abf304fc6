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

export function retryDelayMs({ retryAfter, rateLimitReset, attempt, now, random }: BackoffInput): number {
  const jitter = Math.round(random * 250);
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, BACKOFF_CAP_MS) + jitter;
  if (retryAfter !== null) {
    // Retry-After may also be an HTTP date.
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return clamp(at - now.getTime()) + jitter;
  }
  if (rateLimitReset !== null) {
    const at = Date.parse(rateLimitReset);
    if (Number.isFinite(at)) return clamp(at - now.getTime()) + jitter;
  }
  return clamp(BACKOFF_BASE_MS * 2 ** (attempt - 1)) + jitter;
}

const clamp = (ms: number) => Math.max(0, Math.min(ms, BACKOFF_CAP_MS));
