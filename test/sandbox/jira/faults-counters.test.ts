import { describe, expect, it } from 'vitest';
import { as, call, makeEmulator } from './harness';

describe('fault injection', () => {
  it('serves 429 with Retry-After the given number of times, then succeeds', async () => {
    const emu = makeEmulator();
    emu.faults.add({
      match: { method: 'POST', pathPrefix: '/rest/api/3/search' },
      status: 429,
      times: 2,
      retryAfterSeconds: 7,
    });
    const body = { jql: 'project = CHK', maxResults: 1 };
    for (let i = 0; i < 2; i++) {
      const res = await call(emu, as.app, 'POST', '/rest/api/3/search/jql', body);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.headers['x-ratelimit-reset']).toBe('2025-06-01T12:00Z');
      expect(res.json).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    }
    // Other routes and methods were never affected.
    expect((await call(emu, as.app, 'GET', '/rest/api/3/issue/CHK-1')).status).toBe(200);
    expect((await call(emu, as.app, 'POST', '/rest/api/3/search/jql', body)).status).toBe(200);
    expect(emu.faults.pending()).toBe(0);
  });

  it('serves 500 and 503 with custom headers; clear() drops pending faults', async () => {
    const emu = makeEmulator();
    emu.faults.add({ match: {}, status: 503, times: 1, retryAfterSeconds: 2, headers: { 'X-Test': 'yes' } });
    const unavailable = await call(emu, as.app, 'GET', '/rest/api/3/myself');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('2');
    expect(unavailable.headers['x-test']).toBe('yes');
    emu.faults.add({ match: { pathPrefix: '/rest/api/3/issue/' }, status: 500, times: 5 });
    expect((await call(emu, as.app, 'GET', '/rest/api/3/issue/CHK-1')).status).toBe(500);
    emu.faults.clear();
    expect((await call(emu, as.app, 'GET', '/rest/api/3/issue/CHK-1')).status).toBe(200);
  });
});

describe('request counters', () => {
  it('count every call per route template, including failed ones', async () => {
    const emu = makeEmulator();
    await call(emu, as.app, 'GET', '/rest/api/3/issue/CHK-1');
    await call(emu, as.app, 'GET', '/rest/api/3/issue/CHK-2?fields=summary');
    await call(emu, as.oscar, 'GET', '/rest/api/3/issue/CHK-3');
    await call(emu, as.app, 'POST', '/rest/api/3/search/jql', { jql: 'project = CHK' });
    await call(emu, as.app, 'GET', '/rest/api/2/issue/CHK-1/properties/x');
    await call(emu, as.app, 'GET', '/rest/api/3/unknown');
    emu.faults.add({ match: {}, status: 429, times: 1 });
    await call(emu, as.app, 'GET', '/rest/api/3/myself');
    expect(emu.counters.snapshot()).toEqual({
      total: 7,
      byRoute: {
        'GET /rest/api/3/issue/{issueIdOrKey}': 3,
        'POST /rest/api/3/search/jql': 1,
        'GET /rest/api/2/issue/{issueIdOrKey}/properties/{propertyKey}': 1,
        'GET (unmatched)': 1,
        'GET /rest/api/3/myself': 1,
      },
    });
    expect(emu.counters.count('POST /rest/api/3/search/jql')).toBe(1);
    emu.counters.reset();
    expect(emu.counters.snapshot()).toEqual({ total: 0, byRoute: {} });
  });
});
