import type { KpiDraft, KpiView } from '../../contract/kpi';
import type { UserRef } from '../../contract/primitives';
import { formatIsoDay } from '../../domain/dates';
import { checkSmart, type Kpi, kpiProgress, progressInWords } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
import { kpiTranslation } from '../../domain/translate';
import { unitLabel } from '../../domain/units';
import { person } from '../shared/views';

export const draftOf = (kpi: Kpi): KpiDraft => ({
  outcomeId: kpi.outcomeId,
  name: kpi.name,
  description: kpi.description,
  kind: kpi.kind,
  unit: kpi.unit,
  customUnit: kpi.customUnit,
  direction: kpi.direction,
  baseline: kpi.baseline,
  target: kpi.target,
  bandMin: kpi.bandMin,
  bandMax: kpi.bandMax,
  dueDate: kpi.dueDate,
  pairedKpiId: kpi.pairedKpiId,
  source: kpi.source,
});

export const timeframeOf = (outcome: Outcome | null) => ({
  exists: outcome !== null,
  startDate: outcome?.startDate ?? null,
  dueDate: outcome?.dueDate ?? null,
});

/** A KPI with everything a person needs to read it: SMART, progress in words, business translation. */
export function toKpiView(kpi: Kpi, outcome: Outcome | null, users: Map<string, UserRef>): KpiView {
  return {
    id: kpi.id,
    ...draftOf(kpi),
    unitLabel: unitLabel(kpi.unit, kpi.customUnit),
    current: kpi.current,
    currentAt: kpi.currentAt,
    currentConfidence: kpi.currentConfidence,
    isDraft: kpi.isDraft,
    smart: checkSmart(draftOf(kpi), timeframeOf(outcome)),
    progress: { ratio: kpiProgress(kpi), words: progressInWords(kpi, formatIsoDay) },
    translation: kpiTranslation(kpi),
    lastRefresh: kpi.lastRefreshAt ? { at: kpi.lastRefreshAt, error: kpi.lastRefreshError } : null,
    version: kpi.version,
    updatedAt: kpi.updatedAt,
    updatedBy: person(users, kpi.updatedBy),
  };
}
