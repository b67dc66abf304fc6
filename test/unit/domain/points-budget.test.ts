import { describe, expect, it } from 'vitest';
import { costOf } from '../../../sandbox/jira/rate-limits';
import {
  allowanceOf,
  budgetDecision,
  DEFAULT_BACKGROUND_SHARE_PERCENT,
  DEFAULT_HOURLY_QUOTA,
  hourOf,
  quotaSignalOf,
  requestPoints,
  summariseUsage,
  type UsageEntry,
  usageInWords,
} from '../../../src/domain/points-budget';

const at = (iso: string) => new Date(iso);
const headers = (h: Record<string, string>) => (name: string) =>
  Object.entries(h).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? null;

describe('the points a request costs', () => {
  const issues = (n: number) => ({ issues: Array.from({ length: n }, (_, i) => ({ id: String(i) })) });
  // Each case: what the app sent, and the emulator's route template for the same request.
  const cases: { method: string; path: string; template: string; status: number; body: unknown }[] = [
    {
      method: 'POST',
      path: '/rest/api/3/search/jql',
      template: 'POST /search/jql',
      status: 200,
      body: issues(100),
    },
    {
      method: 'GET',
      path: '/rest/api/3/search/jql?jql=x',
      template: 'GET /search/jql',
      status: 200,
      body: issues(7),
    },
    {
      method: 'POST',
      path: '/rest/api/3/search/approximate-count',
      template: 'POST /search/approximate-count',
      status: 200,
      body: { count: 900 },
    },
    {
      method: 'GET',
      path: '/rest/api/3/issue/CHK-1?fields=status',
      template: 'GET /issue/{issueIdOrKey}',
      status: 200,
      body: {},
    },
    {
      method: 'GET',
      path: '/rest/api/3/issue/10001/properties/outcome-bridge-links',
      template: 'GET /issue/{issueIdOrKey}/properties/{propertyKey}',
      status: 200,
      body: {},
    },
    {
      method: 'PUT',
      path: '/rest/api/3/issue/10001/properties/outcome-bridge-links',
      template: 'PUT /issue/{issueIdOrKey}/properties/{propertyKey}',
      status: 200,
      body: {},
    },
    {
      method: 'POST',
      path: '/rest/api/3/issue/properties/multi',
      template: 'POST /issue/properties/multi',
      status: 303,
      body: null,
    },
    {
      method: 'GET',
      path: '/rest/api/3/user/bulk?accountId=a&accountId=b',
      template: 'GET /user/bulk',
      status: 200,
      body: { values: [{}, {}] },
    },
    { method: 'GET', path: '/rest/api/3/myself', template: 'GET /myself', status: 200, body: {} },
    {
      method: 'GET',
      path: '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS',
      template: 'GET /mypermissions',
      status: 200,
      body: { permissions: { BROWSE_PROJECTS: {}, EDIT_ISSUES: {} } },
    },
    {
      method: 'POST',
      path: '/rest/api/3/permissions/check',
      template: 'POST /permissions/check',
      status: 200,
      body: { globalPermissions: ['ADMINISTER'], projectPermissions: [{ projects: [1, 2], issues: [3] }] },
    },
    {
      method: 'GET',
      path: '/rest/api/3/project/search?keys=CHK',
      template: 'GET /project/search',
      status: 200,
      body: { values: [{}, {}, {}] },
    },
    {
      method: 'GET',
      path: '/rest/api/3/project/CHK',
      template: 'GET /project/{projectIdOrKey}',
      status: 200,
      body: {},
    },
    { method: 'GET', path: '/rest/api/3/field', template: 'GET /field', status: 200, body: [{}, {}, {}, {}] },
    { method: 'GET', path: '/rest/api/3/task/77', template: 'GET /task/{taskId}', status: 200, body: {} },
    { method: 'POST', path: '/rest/api/3/search/jql', template: 'POST /search/jql', status: 429, body: null },
  ];

  it.each(cases)(
    '$method $path ($status) costs what the emulator meters',
    ({ method, path, template, status, body }) => {
      expect(requestPoints({ method, path, status, body })).toBe(costOf(template, status, body).points);
    },
  );

  it('follows Jira’s example: a read of one issue costs 2, a write 1, a page of 100 issues 101', () => {
    expect(requestPoints({ method: 'GET', path: '/rest/api/3/issue/ABC-123', status: 200, body: {} })).toBe(
      2,
    );
    expect(requestPoints({ method: 'PUT', path: '/rest/api/3/issue/ABC-123', status: 204, body: null })).toBe(
      1,
    );
    expect(
      requestPoints({ method: 'POST', path: '/rest/api/3/search/jql', status: 200, body: issues(100) }),
    ).toBe(101);
  });
});

describe('Jira’s quota headers', () => {
  it('reads the quota and, near the limit, what remains', () => {
    expect(
      quotaSignalOf(
        headers({
          'RateLimit-Policy': '"global-app-quota";q=65000;w=3600',
          RateLimit: '"global-app-quota";r=9000;t=1200',
          'X-RateLimit-NearLimit': 'true',
        }),
      ),
    ).toEqual({ quota: 65_000, remaining: 9_000 });
  });

  it('reads the Beta- forms Jira has sent', () => {
    expect(
      quotaSignalOf(
        headers({
          'Beta-RateLimit-Policy': '"tenant-app-quota";q=100100;w=3600',
          'Beta-RateLimit': '"tenant-app-quota";r=17842;t=2107',
        }),
      ),
    ).toEqual({ quota: 100_100, remaining: 17_842 });
  });

  it('says nothing it was not told: no remaining far from the limit, nothing without headers', () => {
    expect(
      quotaSignalOf(
        headers({
          'RateLimit-Policy': '"global-app-quota";q=65000;w=3600',
          RateLimit: '"global-app-quota";t=30',
        }),
      ),
    ).toEqual({ quota: 65_000, remaining: null });
    expect(quotaSignalOf(headers({}))).toEqual({ quota: null, remaining: null });
  });

  it('takes a bare near-limit flag as under the near-limit line', () => {
    const signal = quotaSignalOf(
      headers({ 'RateLimit-Policy': '"q";q=10000;w=3600', 'X-RateLimit-NearLimit': 'true' }),
    );
    expect(signal.remaining).toBeLessThan(2_000);
  });
});

describe('the budget decision', () => {
  const now = at('2026-06-15T09:45:00.000Z');
  const base = {
    quota: DEFAULT_HOURLY_QUOTA,
    sharePercent: DEFAULT_BACKGROUND_SHARE_PERCENT,
    jiraRemaining: null,
    now,
  };

  it('defaults to 10% of 65,000 points: 6,500 an hour', () => {
    expect(allowanceOf(DEFAULT_HOURLY_QUOTA, DEFAULT_BACKGROUND_SHARE_PERCENT)).toBe(6_500);
  });

  it('lets work go while the share has room, and stops it at the share until the top of the hour', () => {
    expect(budgetDecision({ ...base, usedThisHour: 6_499 })).toEqual({ go: true, allowance: 6_500 });
    expect(budgetDecision({ ...base, usedThisHour: 6_500 })).toEqual({
      go: false,
      allowance: 6_500,
      waitSeconds: 15 * 60,
      reason: 'share-spent',
    });
  });

  it('stops work when Jira says the whole site is near its quota, though the app’s share has room', () => {
    expect(budgetDecision({ ...base, usedThisHour: 10, jiraRemaining: 12_999 })).toMatchObject({
      go: false,
      reason: 'site-near-limit',
    });
    expect(budgetDecision({ ...base, usedThisHour: 10, jiraRemaining: 13_000 })).toMatchObject({ go: true });
  });

  it('waits at least a second at the very end of an hour', () => {
    const end = at('2026-06-15T09:59:59.999Z');
    expect(budgetDecision({ ...base, now: end, usedThisHour: 7_000 })).toMatchObject({ waitSeconds: 1 });
  });

  it('holds every share to its own quota', () => {
    for (const [quota, share, allowance] of [
      [100_000, 10, 10_000],
      [65_000, 1, 650],
      [12_345, 100, 12_345],
      [999, 3, 29],
    ] as const) {
      expect(allowanceOf(quota, share)).toBe(allowance);
    }
  });
});

describe('the ledger’s hour and day', () => {
  const entry = (hour: string, points: number, extra: Partial<UsageEntry> = {}): UsageEntry => ({
    hour,
    points,
    quota: null,
    remaining: null,
    at: `${hour}:30:00.000Z`,
    ...extra,
  });

  it('adds up this hour, and the 24 hours to now, and nothing older', () => {
    const now = at('2026-06-15T09:10:00.000Z');
    expect(hourOf(now)).toBe('2026-06-15T09');
    const summary = summariseUsage(
      [
        entry('2026-06-15T09', 100),
        entry('2026-06-15T09', 40, { at: '2026-06-15T09:05:00.000Z', quota: 100_000, remaining: 15_000 }),
        entry('2026-06-15T08', 500),
        entry('2026-06-14T10', 7),
        entry('2026-06-14T09', 1_000),
      ],
      now,
    );
    expect(summary).toEqual({
      thisHour: 140,
      lastDay: 647,
      announcedQuota: 100_000,
      remainingThisHour: 15_000,
    });
  });

  it('takes Jira’s latest word, and no remaining from an earlier hour', () => {
    const now = at('2026-06-15T09:10:00.000Z');
    const summary = summariseUsage(
      [
        entry('2026-06-15T08', 1, { quota: 65_000, remaining: 100, at: '2026-06-15T08:59:00.000Z' }),
        entry('2026-06-15T09', 1, { quota: 100_000, at: '2026-06-15T09:01:00.000Z' }),
      ],
      now,
    );
    expect(summary).toMatchObject({ announcedQuota: 100_000, remainingThisHour: null });
  });
});

describe('the admin page’s words', () => {
  const figures = {
    thisHour: 1_240,
    lastDay: 12_480,
    hourStart: '2026-06-15T09:00:00.000Z',
    quota: 65_000,
    quotaSource: 'jira' as const,
    sharePercent: 10,
    allowance: 6_500,
    recorded: true,
  };

  it('says the hour against the share, the day, and where the allowance comes from', () => {
    expect(usageInWords(figures)).toEqual({
      hour: "Used 1,240 of its 6,500-point share this hour, since 09:00 UTC (10% of your site's hourly allowance). Background work may spend 5,260 more points before the next hour.",
      day: 'Used 12,480 points in the last 24 hours.',
      allowance: "Your site's hourly allowance: 65,000 points (as Jira announced it).",
    });
  });

  it('says background work waits once the share is spent', () => {
    expect(usageInWords({ ...figures, thisHour: 7_000 })?.hour).toMatch(/waits for the next hour/);
  });

  it('has nothing to say before anything is recorded', () => {
    expect(usageInWords({ ...figures, recorded: false })).toBeNull();
  });
});
