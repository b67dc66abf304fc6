import { beforeAll, describe, expect, it } from 'vitest';
import { setSandboxClock } from '../../sandbox/runtime/clock';
import type { Sandbox } from '../../sandbox/site';
import { placeSettingsErrors } from '../../static/admin-page/src/settings/settings-form';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { as, FIXED_NOW, failure, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';

/**
 * "Did shipping move the KPI?" follows the admin's release window: the same release and the same check-ins
 * judged over 7 days each side and over 14. The averages, spreads and verdicts are worked out by hand
 * below, from the values this test checks in, not from the app's code.
 */

const RELEASE = '2026-06-01';
/** The check-ins, by day: two just around the release, two more a week further out on each side. */
const VALUES: [day: string, value: number][] = [
  ['2026-05-20', 50],
  ['2026-05-22', 52],
  ['2026-05-26', 40],
  ['2026-05-29', 42],
  ['2026-06-03', 30],
  ['2026-06-05', 32],
  ['2026-06-10', 45],
  ['2026-06-12', 47],
];

describe('the release window setting', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  let kpiId: string;
  let storyKey: string;

  beforeAll(async () => {
    // The site starts before the first check-in, and the clock only moves forward from there.
    sandbox = await testSandbox({ now: new Date('2026-05-19T09:00:00.000Z') });
    const alice = as(sandbox, USERS.alice).admin;
    outcomeId = ok(await alice('outcomes/create', { draft: buildDraft() })).id;
    kpiId = ok(await alice('kpis/create', { draft: buildKpi(outcomeId) })).kpis[0]?.id ?? '';
    for (const [day, value] of VALUES) {
      setSandboxClock(new Date(`${day}T10:00:00.000Z`));
      ok(await alice('kpis/check-in', { kpiId, value, confidence: 'high', note: '' }));
    }
    setSandboxClock(FIXED_NOW);
    // No epics: the outcome's releases are its tickets reaching Done, this one on the release day.
    storyKey = sandbox.jira.createIssue(
      {
        project: 'CHK',
        issueType: 'Story',
        summary: 'One-tap payment',
        created: '2026-05-02T09:00:00.000Z',
        status: 'Done',
        resolutiondate: `${RELEASE}T15:00:00.000Z`,
      },
      USERS.evan,
    ).key;
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: storyKey, outcomeId, kpiIds: [] }));
    await sandbox.settle();
    await searchCaughtUp(sandbox);
  });

  const settings = () => as(sandbox, USERS.alice).admin('settings/get', {});
  const impactFor = async () => {
    const detail = ok(
      await as(sandbox, USERS.rita).project('project/outcome', { projectKey: 'CHK', outcomeId }),
    );
    const marker = detail.forecasts.releases.markers.find((m) => m.day === RELEASE);
    return { releases: detail.forecasts.releases, impact: marker?.impacts.find((i) => i.kpiId === kpiId) };
  };
  async function setWindow(days: number) {
    const current = ok(await settings());
    return as(sandbox, USERS.alice).admin('settings/update', {
      expectedVersion: current.version,
      settings: { ...current.settings, releaseWindowDays: days },
    });
  }

  /** By hand: the values in the `w` days before the release and the `w` after (up to today), the release day left out. */
  function byHand(w: number) {
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    const r = day(RELEASE);
    const today = day(FIXED_NOW.toISOString().slice(0, 10));
    const before = VALUES.filter(([d]) => day(d) >= r - w && day(d) <= r - 1).map(([, v]) => v);
    const after = VALUES.filter(([d]) => day(d) >= r + 1 && day(d) <= Math.min(r + w, today)).map(
      ([, v]) => v,
    );
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = (xs: number[]) => xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1);
    const se = Math.sqrt(variance(before) / before.length + variance(after) / after.length);
    return {
      before,
      after,
      meanBefore: mean(before),
      meanAfter: mean(after),
      t: (mean(after) - mean(before)) / se,
    };
  }

  it('compares 7 days each side at 7, and 14 at 14, with the averages worked out by hand', async () => {
    ok(await setWindow(7));
    const week = byHand(7);
    // 40 and 42 before, 30 and 32 after: averages 41 and 31; each spread √2, so the difference's
    // standard error is √(2/2 + 2/2) = √2 and t = 10 ÷ √2 ≈ 7.07, beyond 4.30 (Student's t, 95%, 2 degrees
    // of freedom by Welch's formula for two equal spreads of two values): moved.
    expect(week).toMatchObject({ before: [40, 42], after: [30, 32], meanBefore: 41, meanAfter: 31 });
    expect(Math.abs(week.t)).toBeCloseTo(10 / Math.SQRT2, 6);
    const seven = await impactFor();
    expect(seven.releases.windowDays).toBe(7);
    expect(seven.impact?.verdict).toBe('moved');
    expect(seven.impact?.explanation.working.slice(0, 2)).toEqual([
      'Before, 25 May 2026 to 31 May 2026: 2 values, average 41%, spread (standard deviation) 1.414 percentage points.',
      'After, 2 Jun 2026 to 8 Jun 2026: 2 values, average 31%, spread (standard deviation) 1.414 percentage points.',
    ]);

    ok(await setWindow(14));
    const fortnight = byHand(14);
    // 50, 52, 40, 42 before (average 46, variance 104 ÷ 3), 30, 32, 45, 47 after (average 38.5, variance
    // 229 ÷ 3): standard error √(34.67/4 + 76.33/4) = √27.75 ≈ 5.27, t ≈ 1.42, below 2.45 (Student's t at
    // 95% for 6 degrees of freedom, more than Welch's 5.3 allow, so the bar is higher still): no clear change.
    expect(fortnight).toMatchObject({ meanBefore: 46, meanAfter: 38.5 });
    expect(Math.abs(fortnight.t)).toBeCloseTo(7.5 / Math.sqrt(27.75), 6);
    expect(Math.abs(fortnight.t)).toBeLessThan(2.447);
    const fourteen = await impactFor();
    expect(fourteen.releases.windowDays).toBe(14);
    expect(fourteen.impact?.verdict).toBe('no-clear-change');
    expect(fourteen.impact?.explanation.working.slice(0, 3)).toEqual([
      'Before, 18 May 2026 to 31 May 2026: 4 values, average 46%, spread (standard deviation) 5.888 percentage points.',
      'After, 2 Jun 2026 to 15 Jun 2026: 4 values, average 38.5%, spread (standard deviation) 8.737 percentage points.',
      'Change: 38.5 − 46 = -7.5.',
    ]);
  });

  it('refuses a window that is not a whole number of days in range, in words, and changes nothing', async () => {
    ok(await setWindow(14));
    const before = ok(await settings());
    for (const [days, message] of [
      [2, 'Give a release window of at least 3 days.'],
      [91, 'Keep the release window to 90 days or fewer.'],
      [7.5, 'Give the release window in whole days.'],
    ] as const) {
      const refused = failure(await setWindow(days));
      expect(refused.code).toBe('VALIDATION_FAILED');
      expect(refused.fieldErrors).toEqual([{ path: 'settings.releaseWindowDays', message }]);
      // The admin page shows it under the release window's own field, not in a banner.
      expect(placeSettingsErrors(refused.fieldErrors ?? [])).toEqual({
        byField: { releaseWindowDays: message },
        other: [],
      });
    }
    expect(ok(await settings())).toEqual(before);
    expect((await impactFor()).releases.windowDays).toBe(14);
  });
});
