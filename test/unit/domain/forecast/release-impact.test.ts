import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/domain/dates';
import type { KpiPoint } from '../../../../src/domain/forecast/kpi-trend';
import {
  RELEASE_IMPACT,
  type Release,
  releaseImpacts,
  releasesOf,
  releasesOfRollup,
} from '../../../../src/domain/forecast/release-impact';
import { emptyTotals } from '../../../../src/domain/rollup';
import { buildGoal, series } from '../../../builders/forecast';

const R = '2026-05-01';
const release: Release = { day: R, keys: ['PLAT-7'], label: 'PLAT-7 Checkout redesign' };
const around = (pairs: readonly (readonly [number, number])[]) => series(R, pairs);
const impact = (values: KpiPoint[], overrides: Partial<Parameters<typeof releaseImpacts>[0]> = {}) => {
  const [first] = releaseImpacts({
    releases: [release],
    series: values,
    windowDays: 7,
    today: addDays(R, 10),
    kpi: buildGoal(),
    ...overrides,
  });
  if (!first) throw new Error('no impact');
  return first;
};

describe('did shipping move the KPI?', () => {
  // Before: 10, 12, 11, 13 (mean 11.5, variance 5/3); after: 15, 16, 14, 15 (mean 15, variance 2/3).
  const moved = around([
    [-4, 10],
    [-3, 12],
    [-2, 11],
    [-1, 13],
    [1, 15],
    [2, 16],
    [3, 14],
    [4, 15],
  ]);

  it('calls a change far beyond the noise "moved", with the arithmetic in words and numbers', () => {
    const i = impact(moved);
    expect(i.verdict).toBe('moved');
    expect(i.change).toBe(3.5);
    expect(i.towardTarget).toBe(true);
    expect(i.before).toMatchObject({ from: '2026-04-24', to: '2026-04-30', values: 4, mean: 11.5 });
    expect(i.after).toMatchObject({
      from: '2026-05-02',
      to: '2026-05-08',
      values: 4,
      mean: 15,
      complete: true,
    });
    expect(i.explanation.summary).toBe(
      'Checkout conversion moved after PLAT-7 Checkout redesign (1 May 2026): from an average of 11.5% in the 7 days before to 15% in the 7 days after, up 3.5 percentage points, the way it should go.',
    );
    expect(i.explanation.working).toEqual([
      'Before, 24 Apr 2026 to 30 Apr 2026: 4 values, average 11.5%, spread (standard deviation) 1.291 percentage points.',
      'After, 2 May 2026 to 8 May 2026: 4 values, average 15%, spread (standard deviation) 0.816 percentage points.',
      'Change: 15 − 11.5 = 3.5.',
      'The difference two such averages show by chance alone: √(1.291² ÷ 4 + 0.816² ÷ 4) = 0.764.',
      '3.5 ÷ 0.764 = 4.58; a clear change needs more than 2.56 (Student’s t for 95% with 5.1 degrees of freedom, by Welch’s formula).',
    ]);
    expect(i.explanation.caveats).toEqual([
      'A change after a release is not proof that the release caused it.',
    ]);
    expect(i.explanation.method).toContain('about 1 release in 20 would still show as moved');
  });

  it('calls a change inside the noise "no clear change"', () => {
    const i = impact(
      around([
        [-4, 10],
        [-3, 14],
        [-2, 9],
        [-1, 13],
        [1, 12],
        [2, 10],
        [3, 15],
        [4, 11],
      ]),
    );
    expect(i.verdict).toBe('no-clear-change');
    expect(i.change).toBe(0.5);
    expect(i.explanation.summary).toBe(
      'No clear change in Checkout conversion after PLAT-7 Checkout redesign (1 May 2026): from an average of 11.5% in the 7 days before to 12% in the 7 days after, up 0.5 percentage points, within its usual ups and downs.',
    );
    expect(i.explanation.caveats[0]).toBe(RELEASE_IMPACT.caveat);
  });

  it('says "not enough data" with fewer than two values on a side', () => {
    const i = impact(
      around([
        [-3, 10],
        [-1, 12],
        [2, 15],
      ]),
    );
    expect(i.verdict).toBe('not-enough-data');
    expect(i.comparison).toBeNull();
    expect(i.explanation.summary).toBe(
      'Not enough data to tell whether Checkout conversion moved after PLAT-7 Checkout redesign (1 May 2026): 2 values in the 7 days before and 1 after; it takes at least 2 on each side.',
    );
    expect(i.explanation.caveats[0]).toBe(RELEASE_IMPACT.caveat);
  });

  it('reads the window days inclusively, and leaves the release day and what lies beyond out', () => {
    const i = impact(
      around([
        [-8, 1],
        [-7, 2],
        [-1, 3],
        [0, 100],
        [1, 4],
        [7, 5],
        [8, 6],
      ]),
    );
    expect(i.before.values).toBe(2);
    expect(i.before.mean).toBe(2.5);
    expect(i.after.values).toBe(2);
    expect(i.after.mean).toBe(4.5);
  });

  it('says when the window after is not over, and uses what there is', () => {
    const i = impact(moved, { today: addDays(R, 3) });
    expect(i.after.complete).toBe(false);
    expect(i.after.values).toBe(3);
    expect(i.explanation.caveats).toContain('The 7 days after it have not all passed yet.');
    expect(i.explanation.working[1]).toContain('(so far)');
  });

  it('names other releases inside the windows, whose effects cannot be told apart', () => {
    const near: Release = { day: addDays(R, 5), keys: ['PLAT-9'], label: 'PLAT-9 Faster search' };
    const far: Release = { day: addDays(R, 30), keys: ['PLAT-11'], label: 'PLAT-11 New onboarding' };
    const [first, second, third] = releaseImpacts({
      releases: [release, near, far],
      series: moved,
      windowDays: 7,
      today: addDays(R, 60),
      kpi: buildGoal(),
    });
    expect(first?.overlapping).toEqual([near]);
    expect(second?.overlapping).toEqual([release]);
    expect(third?.overlapping).toEqual([]);
    expect(first?.explanation.caveats).toContain(
      'Other work also reached Done within 7 days of it (PLAT-9 Faster search, 6 May 2026): their effects cannot be told apart.',
    );
  });

  it('warns when the KPI was already moving before the release', () => {
    // 0.5 a day for 30 days either side, a little noise: "moved", but it was rising all along.
    const rising = around(
      Array.from({ length: 61 }, (_, k) => [k - 30, 40 + 0.5 * (k - 30) + ((k * 7) % 3) * 0.1] as const),
    );
    const i = impact(rising, { windowDays: 14, today: addDays(R, 40) });
    expect(i.verdict).toBe('moved');
    expect(i.trendBefore).toBeCloseTo(3.5, 1);
    expect(i.explanation.caveats.join(' ')).toContain(
      'Checkout conversion was already rising in the 42 days before it (up 3.5',
    );
  });

  it('says whether the change goes the way the KPI should go', () => {
    expect(impact(moved, { kpi: buildGoal({ direction: 'decrease' }) }).towardTarget).toBe(false);
    expect(impact(moved, { kpi: buildGoal({ direction: 'decrease' }) }).explanation.summary).toContain(
      'the wrong way',
    );
    expect(impact(moved, { kpi: buildGoal({ direction: 'maintain' }) }).towardTarget).toBeNull();
  });
});

describe('the releases of an outcome', () => {
  const items = [
    { key: 'PLAT-1', summary: 'Checkout redesign', level: 1, doneOn: '2026-04-20T10:00:00.000Z' },
    { key: 'PLAT-2', summary: 'Story', level: 0, doneOn: '2026-04-21' },
    { key: 'PLAT-10', summary: 'Search', level: 1, doneOn: '2026-05-02' },
    { key: 'PLAT-3', summary: 'Onboarding', level: 1, doneOn: '2026-05-02' },
    { key: 'PLAT-4', summary: 'Open epic', level: 1, doneOn: null },
  ];

  it('are the days its epics reached Done, epics of one day together', () => {
    expect(releasesOf(items)).toEqual({
      basis: 'epics',
      releases: [
        { day: '2026-04-20', keys: ['PLAT-1'], label: 'PLAT-1 Checkout redesign' },
        { day: '2026-05-02', keys: ['PLAT-3', 'PLAT-10'], label: 'PLAT-3, PLAT-10 (2 epics)' },
      ],
    });
  });

  it('are the days its tickets reached Done when it has no epics (subtasks ship with their parent)', () => {
    const tickets = [
      { key: 'OPS-1', summary: 'Alerting', level: 0, doneOn: '2026-04-21' },
      { key: 'OPS-2', summary: 'Runbook', level: 0, doneOn: '2026-04-21' },
      { key: 'OPS-3', summary: 'Subtask', level: -1, doneOn: '2026-04-22' },
      { key: 'OPS-4', summary: 'Dashboards', level: 0, doneOn: '2026-04-25' },
    ];
    expect(releasesOf(tickets)).toEqual({
      basis: 'tickets',
      releases: [
        { day: '2026-04-21', keys: ['OPS-1', 'OPS-2'], label: 'OPS-1, OPS-2 (2 tickets)' },
        { day: '2026-04-25', keys: ['OPS-4'], label: 'OPS-4 Dashboards' },
      ],
    });
  });
});

describe('the before/after rule, for any values', () => {
  const value = fc.integer({ min: -10_000, max: 10_000 }).map((h) => h / 100);
  const side = fc
    .uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 })
    .chain((days) =>
      fc.tuple(fc.constant(days), fc.array(value, { minLength: days.length, maxLength: days.length })),
    );
  const build = (before: [number[], number[]], after: [number[], number[]]) =>
    around([
      ...before[0].map((d, i) => [-d, before[1][i] as number] as const),
      ...after[0].map((d, i) => [d, after[1][i] as number] as const),
    ]);

  it('has data only with two values a side, and a mirror image that changes the other way by as much', () => {
    fc.assert(
      fc.property(side, side, (b, a) => {
        const i = impact(build(b, a));
        const mirrored = impact(build(a, b));
        expect(i.verdict === 'not-enough-data').toBe(b[0].length < 2 || a[0].length < 2);
        expect(mirrored.verdict).toBe(i.verdict);
        if (i.change !== null) expect(mirrored.change).toBeCloseTo(-i.change, 9);
      }),
    );
  });

  it('keeps its verdict when the values are doubled or halved (a change of unit)', () => {
    fc.assert(
      fc.property(side, side, fc.constantFrom(0.5, 2, 4), (b, a, k) => {
        const scaled = (s: [number[], number[]]): [number[], number[]] => [s[0], s[1].map((v) => v * k)];
        expect(impact(build(scaled(b), scaled(a))).verdict).toBe(impact(build(b, a)).verdict);
      }),
    );
  });

  it('never calls values that do not vary at all "moved" when both sides are the same', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 2, max: 7 }), (v, n) => {
        const days = Array.from({ length: n }, (_, i) => i + 1);
        const flat: [number[], number[]] = [days, days.map(() => v)];
        expect(impact(build(flat, flat)).verdict).toBe('no-clear-change');
      }),
    );
  });
});

describe('releases from the stored rollup', () => {
  const totals = () => {
    const t = emptyTotals();
    return {
      ...t,
      excluded: { epics: 3, subtasks: 0 },
      history: { ...t.history, epicsByDay: { '2026-05-01': 2, '2026-05-20': 1 } },
    };
  };

  it('counts each day by default, names what the viewer’s search found, and counts what it did not', () => {
    expect(releasesOfRollup(totals()).releases.map((r) => r.label)).toEqual([
      '2 epics reaching Done',
      '1 epic reaching Done',
    ]);
    const named = releasesOfRollup(totals(), [
      { key: 'PLAT-7', summary: 'Checkout redesign', level: 1, doneOn: '2026-05-01T10:00:00.000Z' },
      // A story done the same day is no release of an outcome with epics.
      { key: 'PLAT-9', summary: 'Button colour', level: 0, doneOn: '2026-05-01T11:00:00.000Z' },
      { key: 'PLAT-8', summary: 'One-tap pay', level: 1, doneOn: '2026-05-20T10:00:00.000Z' },
    ]);
    expect(named.releases).toEqual([
      // Two epics reached Done on 1 May; the viewer may see one of them.
      {
        day: '2026-05-01',
        keys: ['PLAT-7'],
        label: 'PLAT-7 Checkout redesign and 1 other epic reaching Done',
      },
      { day: '2026-05-20', keys: ['PLAT-8'], label: 'PLAT-8 One-tap pay' },
    ]);
  });
});
