import { describe, expect, it } from 'vitest';
import { type KpiDraft, KpiDraftSchema } from '../../../src/contract/kpi';
import { formatIsoDay } from '../../../src/domain/dates';
import {
  checkSmart,
  kpiCountWarnings,
  kpiProgress,
  pairingProblem,
  progressInWords,
} from '../../../src/domain/kpi';

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

  it('S: needs a name and a description', () => {
    expect(letters(draft({ name: 'ab', description: '' }))).toEqual(['S']);
    expect(checkSmart(draft({ description: 'short' }), outcome)[0]?.message).toMatch(
      /describe what is measured/,
    );
  });

  it('M: needs a unit and numeric baseline and target (or a band to maintain)', () => {
    expect(letters(draft({ unit: null }))).toEqual(['M']);
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

  it('is 1 inside a maintain band and 0 outside', () => {
    const band = {
      direction: 'maintain' as const,
      baseline: 99.9,
      target: null,
      bandMin: 99.5,
      bandMax: 100,
    };
    expect(kpiProgress({ ...band, current: 99.7 })).toBe(1);
    expect(kpiProgress({ ...band, current: 99.2 })).toBe(0);
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

describe('pairing and guardrails', () => {
  const a = { id: 'k-a', kind: 'business' as const, outcomeId: 'o-1' };
  it('pairs only across kinds within one outcome', () => {
    expect(pairingProblem(a, { id: 'k-b', kind: 'technical', outcomeId: 'o-1' })).toBeNull();
    expect(pairingProblem(a, { id: 'k-b', kind: 'business', outcomeId: 'o-1' })).toMatch(
      /with a technical one/,
    );
    expect(pairingProblem(a, { id: 'k-b', kind: 'technical', outcomeId: 'o-2' })).toMatch(/same outcome/);
    expect(pairingProblem(a, a)).toMatch(/itself/);
    expect(pairingProblem(a, undefined)).toMatch(/no longer exists/);
  });

  it('warns from the fourth KPI on, never before', () => {
    expect(kpiCountWarnings(3)).toEqual([]);
    expect(kpiCountWarnings(4)[0]).toMatch(/4 KPIs/);
  });
});
