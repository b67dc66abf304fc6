import { describe, expect, it } from 'vitest';
import { costOf, DEMO_ACCOUNTS, type Principal, READ_COSTS } from '../../../sandbox/jira';
import { as, call, clockedEmulator, LINKS } from './harness';

/**
 * What each endpoint costs, written out by hand from Jira's rules (1 base point; each object returned adds
 * 1, or 2 for users and permissions; writes and errors add nothing): the independent statement of the model
 * that READ_COSTS must agree with. Issue 13 measures the app in these points.
 */
const COST_TABLE: [route: string, status: number, body: unknown, points: number][] = [
  ['GET /issue/{issueIdOrKey}', 200, { id: '1', key: 'CHK-1', fields: {} }, 2],
  ['GET /issue/{issueIdOrKey}/transitions', 200, { transitions: [{}, {}, {}] }, 4],
  ['GET /issue/{issueIdOrKey}/properties', 200, { keys: [{}, {}] }, 3],
  ['GET /issue/{issueIdOrKey}/properties/{propertyKey}', 200, { key: 'k', value: 1 }, 2],
  ['GET /search/jql', 200, { issues: [{}, {}], isLast: true }, 3],
  ['POST /search/jql', 200, { issues: [{}, {}, {}, {}, {}], isLast: true }, 6],
  ['POST /search/jql', 200, { issues: [], isLast: true }, 1],
  ['POST /search/approximate-count', 200, { count: 12_345 }, 1],
  ['GET /project/search', 200, { values: [{}, {}, {}] }, 4],
  ['GET /project/{projectIdOrKey}', 200, { id: '10000' }, 2],
  ['GET /myself', 200, { accountId: 'a' }, 3],
  ['GET /user', 200, { accountId: 'a' }, 3],
  ['GET /user/bulk', 200, { values: [{}, {}, {}] }, 7],
  ['GET /user/search', 200, [{}, {}], 5],
  ['GET /user/permission/search', 200, [{}], 3],
  ['GET /user/picker', 200, { users: [{}], total: 1 }, 3],
  ['GET /mypermissions', 200, { permissions: { BROWSE_PROJECTS: {}, EDIT_ISSUES: {} } }, 5],
  [
    'POST /permissions/check',
    200,
    {
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', projects: [10000, 10001], issues: [] },
        { permission: 'EDIT_ISSUES', projects: [10000], issues: [10010, 10011] },
      ],
    },
    13,
  ],
  ['GET /field', 200, [{}, {}, {}, {}], 5],
  ['GET /issuetype', 200, [{}, {}, {}, {}, {}], 6],
  ['GET /status', 200, [{}, {}], 3],
  ['GET /statuscategory', 200, [{}, {}, {}], 4],
  ['GET /priority', 200, [{}], 2],
  ['GET /task/{taskId}', 200, { id: '1', status: 'RUNNING' }, 2],
  // Writes: the base point only, whatever they change.
  ['PUT /issue/{issueIdOrKey}/properties/{propertyKey}', 201, '', 1],
  ['PUT /issue/properties/{propertyKey}', 303, '', 1],
  ['POST /issue/properties/multi', 303, '', 1],
  ['POST /issue', 201, { id: '1', key: 'CHK-1' }, 1],
  ['PUT /issue/{issueIdOrKey}', 204, '', 1],
  ['POST /issue/{issueIdOrKey}/transitions', 204, '', 1],
  ['DELETE /issue/{issueIdOrKey}', 204, '', 1],
  // Failures cost the base point: the request reached Jira.
  ['GET /issue/{issueIdOrKey}', 404, { errorMessages: ['x'], errors: {} }, 1],
  ['POST /search/jql', 429, { errorMessages: ['Rate limit exceeded.'], errors: {} }, 1],
];

describe('the points model', () => {
  it.each(COST_TABLE)('%s answered %i costs the stated points', (route, status, body, points) => {
    expect(costOf(route, status, body).points).toBe(points);
  });

  it('prices every read the emulator answers, so none is free by omission', () => {
    const priced = new Set(COST_TABLE.filter(([, status]) => status < 300).map(([route]) => route));
    for (const route of Object.keys(READ_COSTS)) expect(priced, route).toContain(route);
  });
});

const APP: Principal = { type: 'app' };
const EVAN_VIA_APP: Principal = { type: 'user', accountId: DEMO_ACCOUNTS.evan, viaApp: true };

describe('the hourly points quota', () => {
  it('books the points per principal, on app traffic only, and answers with Jira’s headers', async () => {
    const { emu } = clockedEmulator();
    const asApp = await call(emu, APP, 'GET', '/rest/api/3/issue/CHK-1');
    await call(emu, EVAN_VIA_APP, 'POST', '/rest/api/3/search/jql', {
      jql: 'key in (CHK-1, CHK-2)',
      fields: ['key'],
    });
    // Jira's own pages (not through the app) are not the app's traffic.
    const page = await call(emu, as.evan, 'GET', '/rest/api/3/issue/CHK-1');
    expect(page.headers).not.toHaveProperty('ratelimit-policy');
    const snapshot = emu.rateLimits.snapshot();
    expect(snapshot.byPrincipal).toEqual({ app: 2, [`user:${DEMO_ACCOUNTS.evan}`]: 3 });
    expect(snapshot.window).toMatchObject({ start: '2025-06-01T12:00:00.000Z', used: 5, remaining: 64_995 });
    expect(asApp.headers).toMatchObject({
      'ratelimit-policy': '"global-app-quota";q=65000;w=3600',
      ratelimit: '"global-app-quota";t=3600',
      'x-ratelimit-limit': '150',
      'x-ratelimit-remaining': '1499',
    });
    expect(asApp.headers).not.toHaveProperty('x-ratelimit-nearlimit');
  });

  it('warns under 20% left, refuses everything once spent until the top of the hour, then starts again', async () => {
    const { emu, advance } = clockedEmulator({ rateLimits: { quota: { hourlyQuota: 10 } } });
    advance(15 * 60_000);
    for (let n = 0; n < 4; n++) await call(emu, APP, 'GET', '/rest/api/3/issue/CHK-1');
    const near = await call(emu, APP, 'GET', '/rest/api/3/project/CHK');
    expect(near.status).toBe(200);
    expect(near.headers).toMatchObject({
      'x-ratelimit-nearlimit': 'true',
      ratelimit: '"global-app-quota";r=0;t=2700',
    });
    const refused = await call(emu, APP, 'GET', '/rest/api/3/field');
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    expect(refused.headers).toMatchObject({
      'ratelimit-reason': 'jira-quota-global-based',
      'retry-after': '2700',
      'x-ratelimit-reset': '2025-06-01T13:00:00Z',
    });
    // Any endpoint, as the user too: the quota is the app's.
    expect((await call(emu, EVAN_VIA_APP, 'GET', '/rest/api/3/issue/CHK-2')).status).toBe(429);
    expect(emu.rateLimits.snapshot().refused).toEqual({ 'jira-quota-global-based': 2 });
    advance(45 * 60_000);
    expect((await call(emu, APP, 'GET', '/rest/api/3/field')).status).toBe(200);
  });
});

describe('per-second limits per endpoint and method', () => {
  const tight = {
    rateLimits: { burst: { bucketSeconds: 1, overrides: { 'GET /rest/api/3/issue/{issueIdOrKey}': 5 } } },
  };

  it('refuse the request past the steady rate on that endpoint only, and refill with time', async () => {
    const { emu, advance } = clockedEmulator(tight);
    for (let n = 0; n < 5; n++)
      expect((await call(emu, APP, 'GET', `/rest/api/3/issue/CHK-${n + 1}`)).status).toBe(200);
    const refused = await call(emu, APP, 'GET', '/rest/api/3/issue/CHK-9');
    expect(refused.status).toBe(429);
    expect(refused.headers).toMatchObject({
      'ratelimit-reason': 'jira-burst-based',
      'retry-after': '1',
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
    });
    // Another endpoint is unaffected.
    expect((await call(emu, APP, 'GET', '/rest/api/3/project/CHK')).status).toBe(200);
    advance(1_000);
    expect((await call(emu, APP, 'GET', '/rest/api/3/issue/CHK-9')).status).toBe(200);
  });

  it('fail again, with the full Retry-After again, when retried before Retry-After', async () => {
    const { emu, advance } = clockedEmulator(tight);
    for (let n = 0; n < 6; n++) await call(emu, APP, 'GET', '/rest/api/3/issue/CHK-1');
    advance(500);
    const early = await call(emu, APP, 'GET', '/rest/api/3/issue/CHK-1');
    expect(early.status).toBe(429);
    expect(early.headers['retry-after']).toBe('1');
    advance(600);
    // 1.1 s after the first refusal the bucket has tokens again, but the early retry restarted the wait.
    expect((await call(emu, APP, 'GET', '/rest/api/3/issue/CHK-1')).status).toBe(429);
    advance(1_000);
    expect((await call(emu, APP, 'GET', '/rest/api/3/issue/CHK-1')).status).toBe(200);
    // Without the penalty, the bucket alone decides.
    const lenient = clockedEmulator({
      ...tight,
      rateLimits: { ...tight.rateLimits, earlyRetryPenalty: false },
    });
    for (let n = 0; n < 6; n++) await call(lenient.emu, APP, 'GET', '/rest/api/3/issue/CHK-1');
    lenient.advance(500);
    expect((await call(lenient.emu, APP, 'GET', '/rest/api/3/issue/CHK-1')).status).toBe(200);
  });
});

describe('per-issue write limits', () => {
  it('refuse the 21st write to one issue within 2 s, not writes to other issues', async () => {
    const { emu, advance } = clockedEmulator();
    const url = (key: string) => `/rest/api/3/issue/${key}/properties/${LINKS}`;
    for (let n = 0; n < 20; n++) {
      expect((await call(emu, APP, 'PUT', url('CHK-1'), { n })).status).toBeLessThan(300);
      advance(50);
    }
    const refused = await call(emu, APP, 'PUT', url('CHK-1'), { n: 20 });
    expect(refused.status).toBe(429);
    expect(refused.headers).toMatchObject({
      'ratelimit-reason': 'jira-per-issue-on-write',
      'retry-after': '1',
    });
    expect((await call(emu, APP, 'PUT', url('CHK-2'), { n: 0 })).status).toBe(201);
    // Reads of the issue are not writes.
    expect((await call(emu, APP, 'GET', url('CHK-1'))).status).toBe(200);
    advance(2_000);
    expect((await call(emu, APP, 'PUT', url('CHK-1'), { n: 21 })).status).toBe(200);
  });
});
