import { describe, expect, it } from 'vitest';
import { type KpiDraft, KpiDraftSchema } from '../../../src/contract/kpi';
import { formatIsoDay } from '../../../src/domain/dates';
import {
  achievabilityWarning,
  bandGap,
  checkSmart,
  kpiCountWarnings,
  kpiProgress,
  outsideBandInWords,
  pairingProblem,
  partnersOf,
  progressInBrief,
  progressInWords,
  publicationChanges,
} from '../../../src/domain/kpi';
import { outOfRange } from '../../../src/domain/units';

const draft = (overrides: Partial<KpiDraft> = {}): KpiDraft =>
  KpiDraftSchema.parse({
    outcomeId: 'o-abcdef1234',
    name: 'Checkout abandonment rate',
    description: 'Share of carts that reach checkout but do not pay.',
    kind: 'business',
    unit: 'percent',
    direction: 'decrease',
    baseline: 40,
    target: 34,
    dueDate: '2026-09-30',
    ...overrides,
  });
const outcome = { exists: true, startDate: '2026-04-01', dueDate: '2026-12-31' };
const letters = (d: KpiDraft, o = outcome) => checkSmart(d, o).map((f) => f.letter);

describe('SMART check', () => {
  it('passes a well-formed KPI', () => {
    expect(checkSmart(draft(), outcome)).toEqual([]);
  });

  it('S: needs a name and a description, and names the field that falls short', () => {
    expect(letters(draft({ name: 'ab', description: '' }))).toEqual(['S']);
    expect(checkSmart(draft({ description: 'short' }), outcome)[0]).toEqual({
      letter: 'S',
      field: 'description',
      message: 'Specific: the Description must say what is measured and how (at least 10 characters).',
    });
    expect(checkSmart(draft({ name: 'ab' }), outcome)[0]).toEqual({
      letter: 'S',
      field: 'name',
      message: 'Specific: the Name needs at least 3 characters.',
    });
    // Both short: one finding naming both, shown at the first field.
    expect(checkSmart(draft({ name: 'ab', description: 'short' }), outcome)[0]).toMatchObject({
      field: 'name',
      message:
        'Specific: the Name needs at least 3 characters, and the Description must say what is measured and how (at least 10 characters).',
    });
    // At the limits: 3 and 10 characters pass.
    expect(letters(draft({ name: 'abc', description: '0123456789' }))).toEqual([]);
  });

  it('M: needs a unit and numeric baseline and target (or a band to maintain)', () => {
    expect(letters(draft({ unit: null }))).toEqual(['M']);
    expect(checkSmart(draft({ unit: null, target: null }), outcome)[0]).toEqual({
      letter: 'M',
      field: 'unit',
      message: 'Measurable: choose a Unit, give a numeric Target.',
    });
    expect(letters(draft({ unit: 'custom', customUnit: '' }))).toEqual(['M']);
    expect(letters(draft({ baseline: null, target: null }))).toEqual(['M']);
    expect(letters(draft({ direction: 'maintain', target: null, bandMin: null, bandMax: null }))).toEqual([
      'M',
    ]);
    expect(letters(draft({ direction: 'maintain', target: null, bandMin: 99.5, bandMax: 100 }))).toEqual([]);
  });

  it('A: the target must differ from the baseline, in the stated direction', () => {
    expect(checkSmart(draft({ target: 40 }), outcome)[0]).toMatchObject({ letter: 'A', message: /differ/ });
    expect(checkSmart(draft({ target: 45 }), outcome)[0]?.message).toMatch(
      /to decrease, the target must be below/,
    );
    expect(checkSmart(draft({ direction: 'increase', target: 30 }), outcome)[0]?.message).toMatch(
      /above the baseline/,
    );
    expect(letters(draft({ direction: 'maintain', bandMin: 5, bandMax: 5 }))).toEqual(['A']);
  });

  it('R: belongs to an existing outcome', () => {
    expect(letters(draft(), { ...outcome, exists: false })).toEqual(['R']);
  });

  it('T: due inside the outcome timeframe', () => {
    expect(letters(draft({ dueDate: null }))).toEqual(['T']);
    expect(checkSmart(draft({ dueDate: '2026-03-31' }), outcome)[0]?.message).toMatch(/starts 2026-04-01/);
    expect(checkSmart(draft({ dueDate: '2027-01-01' }), outcome)[0]?.message).toMatch(/due 2026-12-31/);
    expect(letters(draft({ dueDate: '2026-12-31' }))).toEqual([]);
  });

  it('reports one message per failed letter, in SMART order', () => {
    const all = checkSmart(draft({ name: '', unit: null, baseline: 1, target: 1, dueDate: null }), {
      ...outcome,
      exists: false,
    });
    expect(all.map((f) => f.letter)).toEqual(['S', 'M', 'A', 'R', 'T']);
  });
});

describe('KPI progress', () => {
  const kpi = { direction: 'decrease' as const, baseline: 40, target: 34, bandMin: null, bandMax: null };
  it('is (current − baseline) / (target − baseline), clamped to 0..1', () => {
    // (37 − 40) / (34 − 40) = 0.5
    expect(kpiProgress({ ...kpi, current: 37 })).toBe(0.5);
    expect(kpiProgress({ ...kpi, current: 30 })).toBe(1);
    expect(kpiProgress({ ...kpi, current: 45 })).toBe(0);
    expect(kpiProgress({ ...kpi, current: null })).toBeNull();
  });

  it('is 1 inside a maintain band and 0 outside, and says how far outside', () => {
    const band = {
      direction: 'maintain' as const,
      baseline: 99.9,
      target: null,
      bandMin: 99.5,
      bandMax: 100,
      dueDate: '2026-09-30',
      unit: 'availability-percent' as const,
      customUnit: '',
    };
    // current → progress, where it sits and by how much (by hand): the band is 99.5 to 100.
    const table: [number, number, string, number][] = [
      [99.7, 1, 'inside', 0],
      [99.5, 1, 'inside', 0], // at the lower edge: inside
      [99.2, 0, 'below', 0.3], // 99.5 − 99.2
      [98, 0, 'below', 1.5],
    ];
    for (const [current, progress, side, by] of table) {
      expect(kpiProgress({ ...band, current })).toBe(progress);
      expect(bandGap({ ...band, current })).toEqual({ side, by });
    }
    expect(progressInWords({ ...band, current: 99.2 }, formatIsoDay)).toBe(
      'Keep between 99.5% availability and 100% availability by 30 Sep 2026; now 99.2% availability, 0.3 percentage points below the band (0% until it is back inside).',
    );
    expect(progressInWords({ ...band, current: 99.7 }, formatIsoDay)).toBe(
      'Keep between 99.5% availability and 100% availability by 30 Sep 2026; now 99.7% availability, inside the band (100%).',
    );
    // Other units say the distance in their own unit: 320 ms against a band of 100–300 ms is 20 ms above.
    const latency = { ...band, unit: 'latency-ms' as const, bandMin: 100, bandMax: 300, current: 320 };
    expect(bandGap(latency)).toEqual({ side: 'above', by: 20 });
    expect(progressInWords(latency, formatIsoDay)).toContain('now 320 ms, 20 ms above the band');
  });

  it('says the value and the share of the way side by side, never one as the other', () => {
    const availability = {
      direction: 'increase' as const,
      baseline: 99.5,
      target: 99.95,
      bandMin: null,
      bandMax: null,
      unit: 'availability-percent' as const,
      customUnit: '',
    };
    // (99.82 − 99.5) / (99.95 − 99.5) = 0.32 / 0.45 = 0.711…, shown as 71% (by hand).
    expect(progressInBrief({ ...availability, current: 99.82 })).toBe(
      '99.82% availability now, 71% of the way from 99.5% availability to 99.95% availability',
    );
    expect(progressInBrief({ ...availability, current: null })).toBe(
      'no value yet; from 99.5% availability to 99.95% availability',
    );
    expect(progressInBrief({ ...availability, current: 99, target: null })).toBe(
      'no baseline and target set yet',
    );
    const band = {
      ...availability,
      direction: 'maintain' as const,
      unit: 'latency-ms' as const,
      bandMin: 100,
      bandMax: 300,
    };
    expect(progressInBrief({ ...band, current: 320 })).toBe(
      '320 ms now, 20 ms above the band 100 ms to 300 ms',
    );
    expect(progressInBrief({ ...band, current: 150 })).toBe('150 ms now, inside the band 100 ms to 300 ms');
    expect(progressInBrief({ ...band, current: null })).toBe(
      'no value yet; keep within the band 100 ms to 300 ms',
    );
  });

  it('says how far outside the band a value is, at and around both edges', () => {
    const band = {
      direction: 'maintain' as const,
      bandMin: 99.5,
      bandMax: 100,
      unit: 'availability-percent' as const,
      customUnit: '',
    };
    const latency = { ...band, unit: 'latency-ms' as const, bandMin: 100, bandMax: 300 };
    // current → the words (by hand): a share's distance in percentage points, one "point" singular.
    const table: [typeof band | typeof latency, number | null, string | null][] = [
      [band, 99.5, null], // at the lower edge: inside
      [band, 99.4, '0.1 percentage points below the band'],
      [band, 98.5, '1 percentage point below the band'],
      [band, 98.25, '1.25 percentage points below the band'],
      [band, null, null],
      [latency, 300, null], // at the upper edge: inside
      [latency, 300.5, '0.5 ms above the band'],
      [latency, 99, '1 ms below the band'],
    ];
    for (const [kpi, current, words] of table) expect(outsideBandInWords({ ...kpi, current })).toBe(words);
  });

  it('says it in words: from baseline to target by due, now, and how far along', () => {
    const words = progressInWords(
      { ...kpi, current: 37, dueDate: '2026-09-30', unit: 'percent', customUnit: '' },
      formatIsoDay,
    );
    expect(words).toBe('From 40% to 34% by 30 Sep 2026; now 37%, 50% of the way there.');
    expect(
      progressInWords(
        { ...kpi, current: null, dueDate: null, unit: 'latency-ms', customUnit: '' },
        formatIsoDay,
      ),
    ).toBe('From 40 ms to 34 ms; no value checked in yet.');
  });
});

describe('pairing: many technical KPIs to one business KPI', () => {
  const business = { id: 'k-b', kind: 'business' as const, outcomeId: 'o-1' };
  const tech = { id: 'k-t', kind: 'technical' as const, outcomeId: 'o-1' };
  it('lets a technical KPI name one business KPI of its outcome', () => {
    expect(pairingProblem(tech, business)).toBeNull();
    expect(pairingProblem(tech, { ...tech, id: 'k-t2' })).toMatch(/with the business KPI it moves/);
    expect(pairingProblem(tech, { ...business, outcomeId: 'o-2' })).toMatch(/same outcome/);
    expect(pairingProblem(tech, tech)).toMatch(/itself/);
    // A KPI of another outcome (perhaps one the caller cannot see) is answered as one that does not exist.
    expect(pairingProblem(tech, undefined)).toBe(pairingProblem(tech, { ...business, outcomeId: 'o-2' }));
  });

  it('has a business KPI name no one: its technical KPIs name it', () => {
    expect(pairingProblem(business, tech)).toMatch(/pair each technical KPI with it instead/);
  });

  it('gives a business KPI every technical KPI that names it, a second never unpairing the first', () => {
    const kpis = [
      { id: 'k-b', kind: 'business' as const, name: 'Conversion', pairedKpiId: null },
      { id: 'k-1', kind: 'technical' as const, name: 'Uptime', pairedKpiId: 'k-b' },
      { id: 'k-2', kind: 'technical' as const, name: 'Latency', pairedKpiId: 'k-b' },
      { id: 'k-3', kind: 'technical' as const, name: 'Errors', pairedKpiId: null },
    ];
    expect(partnersOf({ id: 'k-b', kind: 'business', pairedKpiId: null }, kpis).map((k) => k.name)).toEqual([
      'Latency',
      'Uptime',
    ]);
    expect(partnersOf({ id: 'k-1', kind: 'technical', pairedKpiId: 'k-b' }, kpis).map((k) => k.id)).toEqual([
      'k-b',
    ]);
  });
});

describe('the 2–3 KPI guardrail', () => {
  const published = { isDraft: false };
  const draftKpi = { isDraft: true };
  it('counts published KPIs only, and warns from the fourth on', () => {
    expect(kpiCountWarnings([published, published, published])).toEqual([]);
    // Three published and two drafts: drafts count nowhere else, so not here either.
    expect(kpiCountWarnings([published, published, published, draftKpi, draftKpi])).toEqual([]);
    expect(kpiCountWarnings([published, published, published, published])[0]).toBe(
      'This outcome has 4 published KPIs. Two or three keep everyone focused; consider retiring the weakest one.',
    );
    expect(kpiCountWarnings(Array(5).fill(published))[0]).toMatch(/5 published KPIs.*weakest ones/);
  });
});

describe("achievable, against the KPI's own history", () => {
  // Conversion rate, 2.0% → 3.0% by 30 Sep 2026; today is 15 June 2026: 107 days left.
  const kpi = {
    direction: 'increase' as const,
    baseline: 2,
    target: 3,
    dueDate: '2026-09-30',
    unit: 'percent' as const,
    customUnit: '',
  };
  const at = (day: string) => `${day}T09:00:00.000Z`;
  const TODAY = '2026-06-15';

  it('warns when the pace needed is beyond the pace the history shows', () => {
    // History: 2.0% on 1 May to 2.1% on 15 June, 45 days: 0.1 / 45 per day ≈ 0.016 points a week.
    // Needed from 2.1%: 0.9 / 107 per day ≈ 0.059 points a week: more than the history shows.
    const history = [
      { value: 2, at: at('2026-05-01') },
      { value: 2.1, at: at('2026-06-15') },
    ];
    expect(achievabilityWarning({ ...kpi, current: 2.1 }, history, TODAY)).toBe(
      'Achievable? Reaching 3% by 30 Sep 2026 needs about 0.059 percentage points a week; its own history moved about 0.016 percentage points a week (2% on 1 May 2026 to 2.1% on 15 Jun 2026). Consider a nearer target or a later due date.',
    );
  });

  it('is quiet when the history moves fast enough, or at exactly the pace needed', () => {
    // 2.0% on 1 May to 2.5% on 15 June: 0.5 / 45 ≈ 0.0111 a day; needed 0.5 / 107 ≈ 0.0047 a day.
    const fast = [
      { value: 2, at: at('2026-05-01') },
      { value: 2.5, at: at('2026-06-15') },
    ];
    expect(achievabilityWarning({ ...kpi, current: 2.5 }, fast, TODAY)).toBeNull();
    // Exactly: 107 days left and 1.07 points to go is 0.01 a day; 0.45 in 45 days is 0.01 a day too.
    const exact = [
      { value: 1.48, at: at('2026-05-01') },
      { value: 1.93, at: at('2026-06-15') },
    ];
    expect(achievabilityWarning({ ...kpi, current: 1.93 }, exact, TODAY)).toBeNull();
  });

  it('says so when the history has not moved towards the target', () => {
    const flat = [
      { value: 2.1, at: at('2026-05-01') },
      { value: 2.0, at: at('2026-06-15') },
    ];
    expect(achievabilityWarning({ ...kpi, current: 2 }, flat, TODAY)).toMatch(
      /its own history has not moved towards the target \(2.1% on 1 May 2026 to 2% on 15 Jun 2026\)/,
    );
  });

  it('needs history on two different days, and time left; a reached target needs nothing', () => {
    expect(achievabilityWarning({ ...kpi, current: 2 }, [], TODAY)).toBeNull();
    expect(
      achievabilityWarning({ ...kpi, current: 2 }, [{ value: 2, at: at('2026-06-01') }], TODAY),
    ).toBeNull();
    const history = [
      { value: 2, at: at('2026-05-01') },
      { value: 2.01, at: at('2026-06-15') },
    ];
    expect(achievabilityWarning({ ...kpi, current: 3 }, history, TODAY)).toBeNull();
    expect(achievabilityWarning({ ...kpi, current: 2.01 }, history, '2026-10-01')).toBeNull();
  });

  it('reads a decrease the other way round', () => {
    // 40% → 34%: 40 on 1 May to 39.9 on 15 June (−0.1 in 45 days) against 5.9 needed in 107 days.
    const down = { ...kpi, direction: 'decrease' as const, baseline: 40, target: 34 };
    const history = [
      { value: 40, at: at('2026-05-01') },
      { value: 39.9, at: at('2026-06-15') },
    ];
    expect(achievabilityWarning({ ...down, current: 39.9 }, history, TODAY)).toMatch(
      /needs about 0.386 percentage points a week; its own history moved about 0.016/,
    );
  });
});

describe('values a unit allows', () => {
  // unit, value → refused (with the message) or allowed, by hand.
  const table: [Parameters<typeof outOfRange>[1], number, string | null][] = [
    ['error-rate-percent', 150, 'An error rate is a share from 0% to 100%; 150% errors is outside it.'],
    ['error-rate-percent', 100, null],
    ['error-rate-percent', 0, null],
    ['percent', -0.1, 'A percentage is a share from 0% to 100%; -0.1% is outside it.'],
    [
      'availability-percent',
      100.01,
      'Availability is a share from 0% to 100%; 100.01% availability is outside it.',
    ],
    ['latency-ms', -1, 'A wait cannot be negative; -1 ms is not possible.'],
    ['count', 0, null],
    ['currency', -500, null],
    ['score', -3, null],
    [null, 1e9, null],
  ];
  it.each(table)('%s %s', (unit, value, message) => {
    expect(outOfRange(value, unit)).toBe(message);
  });
});

describe('what new outcome dates do to its KPIs', () => {
  // The outcome runs 1 May to 30 September 2026. A and B are published; C is a draft because it is due
  // after the outcome; D is a draft because it says nothing of what it measures (S), whatever its dates.
  const kpis = [
    { ...draft({ name: 'KPI A', dueDate: '2026-09-30' }), id: 'a', isDraft: false },
    { ...draft({ name: 'KPI B', dueDate: '2026-08-31' }), id: 'b', isDraft: false },
    { ...draft({ name: 'KPI C', dueDate: '2026-12-31' }), id: 'c', isDraft: true },
    { ...draft({ name: 'KPI D', description: '', dueDate: '2026-09-30' }), id: 'd', isDraft: true },
  ];
  const ids = (list: { id: string }[]) => list.map((k) => k.id);
  // New start, new due, moves → unpublished, republished (worked out by hand).
  const table: [string, string, Record<string, string>, string[], string[]][] = [
    ['2026-05-01', '2026-09-30', {}, [], []], // unchanged
    ['2026-05-01', '2026-09-15', {}, ['a'], []], // A now due after the outcome
    ['2026-05-01', '2026-09-15', { a: '2026-09-15' }, [], []], // A moved with it, on the last day: inside
    ['2026-05-01', '2026-09-15', { a: '2026-09-16' }, ['a'], []], // a day too late
    ['2026-05-01', '2026-12-31', {}, [], ['c']], // C fits now; D still fails S
    ['2026-06-01', '2026-09-30', {}, [], []], // a later start: every due date is still inside
    ['2026-09-01', '2026-12-31', {}, ['b'], ['c']], // B due before the new start, C inside
  ];
  it.each(table)(
    '%s to %s, moving %j: unpublishes %j, republishes %j',
    (startDate, dueDate, moves, off, on) => {
      const changes = publicationChanges(kpis, { startDate, dueDate }, new Map(Object.entries(moves)));
      expect(ids(changes.unpublished)).toEqual(off);
      expect(ids(changes.republished)).toEqual(on);
    },
  );
});
