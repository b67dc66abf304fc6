import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, retryDelayMs } from '../../../src/domain/backoff';

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

  it('backs off exponentially without headers, and never waits beyond the cap', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs({ ...base, attempt }))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect(retryDelayMs({ ...base, attempt: 12 })).toBe(BACKOFF_CAP_MS);
    expect(retryDelayMs({ ...base, retryAfter: '3600' })).toBe(BACKOFF_CAP_MS);
  });

  it('treats a reset time in the past as "now"', () => {
    expect(retryDelayMs({ ...base, rateLimitReset: new Date(now.getTime() - 5000).toISOString() })).toBe(0);
  });
});
