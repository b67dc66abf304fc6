import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  DEFAULT_DEFER_SECONDS,
  deferral,
  QUEUE_MAX_DELAY_SECONDS,
  retryDelayMs,
  stillToWait,
  waitInWords,
} from '../../../src/domain/backoff';

const now = new Date('2026-06-15T09:00:00.000Z');
const base = { retryAfter: null, rateLimitReset: null, attempt: 1, now, random: 0 };

describe('retry delay after a 429', () => {
  it('waits what Retry-After says, in seconds, plus jitter', () => {
    expect(retryDelayMs({ ...base, retryAfter: '2' })).toBe(2000);
    expect(retryDelayMs({ ...base, retryAfter: '2', random: 0.5 })).toBe(2125);
  });

  it('understands Retry-After as an HTTP date and X-RateLimit-Reset as an ISO time', () => {
    expect(retryDelayMs({ ...base, retryAfter: new Date(now.getTime() + 3000).toUTCString() })).toBe(3000);
    expect(retryDelayMs({ ...base, rateLimitReset: new Date(now.getTime() + 1500).toISOString() })).toBe(
      1500,
    );
  });

  it('backs off exponentially without headers, up to the cap, but waits all Jira asks for', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs({ ...base, attempt }))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect(retryDelayMs({ ...base, attempt: 12 })).toBe(BACKOFF_CAP_MS);
    // Retrying before Retry-After fails again: an hour asked for is an hour waited (or not retried here).
    expect(retryDelayMs({ ...base, retryAfter: '3600' })).toBe(3_600_000);
  });

  it('spreads parallel retries more widely with each attempt', () => {
    expect(retryDelayMs({ ...base, retryAfter: '1', random: 0.5, attempt: 1 })).toBe(1125);
    expect(retryDelayMs({ ...base, retryAfter: '1', random: 0.5, attempt: 3 })).toBe(1500);
  });

  it('says a wait in seconds, minutes or hours', () => {
    expect([0.2, 12, 89, 90, 600, 3599, 7200].map(waitInWords)).toEqual([
      '1 s',
      '12 s',
      '89 s',
      '2 min',
      '10 min',
      '60 min',
      '2 h',
    ]);
  });

  it('treats a reset time in the past as "now"', () => {
    expect(retryDelayMs({ ...base, rateLimitReset: new Date(now.getTime() - 5000).toISOString() })).toBe(0);
  });
});

describe('deferring queued work that Jira rate-limited', () => {
  const now = new Date('2026-06-15T09:20:00.000Z');

  it('waits all Jira asked for, in queue delays of at most 15 minutes', () => {
    // The hourly quota resets at 10:00: 40 minutes.
    const { notBefore, delaySeconds } = deferral(now, 2_400);
    expect(notBefore).toBe('2026-06-15T10:00:00.000Z');
    expect(delaySeconds).toBe(QUEUE_MAX_DELAY_SECONDS);
    expect(QUEUE_MAX_DELAY_SECONDS).toBe(900);
    // Delivered after one delay, it waits again without a call: 25 minutes left, then 10, then it is due.
    expect(stillToWait(notBefore, new Date(now.getTime() + 900_000))).toBe(900);
    expect(stillToWait(notBefore, new Date(now.getTime() + 1_800_000))).toBe(600);
    expect(stillToWait(notBefore, new Date('2026-06-15T10:00:00.000Z'))).toBeNull();
    expect(stillToWait(undefined, now)).toBeNull();
  });

  it('waits a short while when Jira said nothing, and never less than a second', () => {
    expect(deferral(now, null)).toEqual({
      notBefore: new Date(now.getTime() + DEFAULT_DEFER_SECONDS * 1000).toISOString(),
      delaySeconds: DEFAULT_DEFER_SECONDS,
    });
    expect(deferral(now, 0).delaySeconds).toBe(1);
    expect(deferral(now, 12.2)).toEqual({ notBefore: '2026-06-15T09:20:13.000Z', delaySeconds: 13 });
  });
});
