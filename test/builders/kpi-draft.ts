import type { KpiDraftInput } from '../../src/contract/kpi';

/** A SMART business KPI for an outcome running 2026-05-01 to 2026-09-30; override what a test is about. */
export const buildKpi = (outcomeId: string, overrides: Partial<KpiDraftInput> = {}): KpiDraftInput => ({
  outcomeId,
  name: 'Checkout abandonment rate',
  description: 'Share of carts that reach checkout but do not pay.',
  kind: 'business',
  unit: 'percent',
  direction: 'decrease',
  baseline: 40,
  target: 34,
  dueDate: '2026-09-30',
  source: { type: 'manual' },
  ...overrides,
});

/** A SMART technical KPI: availability kept at or above 99.9%. */
export const buildTechnicalKpi = (outcomeId: string, overrides: Partial<KpiDraftInput> = {}): KpiDraftInput =>
  buildKpi(outcomeId, {
    name: 'Checkout API availability',
    description: 'Share of minutes the checkout API answers within SLO, per 30 days.',
    kind: 'technical',
    unit: 'availability-percent',
    direction: 'increase',
    baseline: 99.5,
    target: 99.9,
    ...overrides,
  });
