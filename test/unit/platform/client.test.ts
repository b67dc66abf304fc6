import { describe, expect, it } from 'vitest';
import { askedWaitSeconds } from '../../../src/platform/jira/client';

const headers = (values: Record<string, string>) => ({
  get: (name: string) => values[name.toLowerCase()] ?? null,
});
const NOW = new Date('2026-06-15T09:00:00.000Z');

describe('the wait Jira asks for after a 429', () => {
  it('is null when Jira names none, so the caller’s own fallback applies (not 0: retry at once)', () => {
    expect(askedWaitSeconds(headers({}), NOW)).toBeNull();
    expect(askedWaitSeconds(headers({ 'retry-after': '' }), NOW)).toBeNull();
    expect(askedWaitSeconds(headers({ 'retry-after': 'soon' }), NOW)).toBeNull();
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(askedWaitSeconds(headers({ 'retry-after': '0' }), NOW)).toBe(0);
    expect(askedWaitSeconds(headers({ 'retry-after': '12' }), NOW)).toBe(12);
    expect(askedWaitSeconds(headers({ 'retry-after': 'Mon, 15 Jun 2026 09:00:30 GMT' }), NOW)).toBe(30);
  });

  it('falls back to X-RateLimit-Reset, Jira’s minute-precision timestamp', () => {
    expect(askedWaitSeconds(headers({ 'x-ratelimit-reset': '2026-06-15T09:02Z' }), NOW)).toBe(120);
    expect(askedWaitSeconds(headers({ 'x-ratelimit-reset': '2026-06-15T08:59Z' }), NOW)).toBe(0);
    expect(
      askedWaitSeconds(headers({ 'retry-after': '5', 'x-ratelimit-reset': '2026-06-15T09:02Z' }), NOW),
    ).toBe(5);
  });
});
