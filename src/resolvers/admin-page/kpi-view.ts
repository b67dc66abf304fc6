import type { KpiDraft, KpiView } from '../../contract/kpi';
import type { UserRef } from '../../contract/primitives';
import { checkInDue } from '../../domain/cadence';
import { isoDay } from '../../domain/clock';
import { formatIsoDay } from '../../domain/dates';
import {
  achievabilityWarning,
  bandGap,
  checkSmart,
  type Kpi,
  kpiProgress,
  partnersOf,
  progressInWords,
  type ValuePoint,
} from '../../domain/kpi';
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
  cadence: kpi.cadence,
});

export const timeframeOf = (outcome: Outcome | null) => ({
  exists: outcome !== null,
  startDate: outcome?.startDate ?? null,
  dueDate: outcome?.dueDate ?? null,
});

/**
 * A KPI with everything a person needs to read it: SMART (and its warnings from the KPI's own history),
 * progress in words, how far outside its band, its partners, the business translation.
 */
export function toKpiView(
  kpi: Kpi,
  outcome: Outcome | null,
  users: Map<string, UserRef>,
  context: { siblings: readonly Kpi[]; historyEnds: readonly ValuePoint[]; today: Date },
): KpiView {
  const warning = achievabilityWarning(kpi, context.historyEnds, isoDay(context.today));
  return {
    id: kpi.id,
    ...draftOf(kpi),
    cadence: kpi.cadence,
    checkInDue: checkInDue(kpi, outcome?.state ?? 'active', isoDay(context.today)),
    partners: partnersOf(kpi, context.siblings).map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
    unitLabel: unitLabel(kpi.unit, kpi.customUnit),
    current: kpi.current,
    currentAt: kpi.currentAt,
    currentConfidence: kpi.currentConfidence,
    isDraft: kpi.isDraft,
    smart: checkSmart(draftOf(kpi), timeframeOf(outcome)),
    warnings: warning ? [{ letter: 'A', field: 'target', message: warning }] : [],
    historyEnds: [...context.historyEnds],
    progress: { ratio: kpiProgress(kpi), band: bandGap(kpi), words: progressInWords(kpi, formatIsoDay) },
    translation: kpiTranslation(kpi),
    lastRefresh: kpi.lastRefreshAt ? { at: kpi.lastRefreshAt, error: kpi.lastRefreshError } : null,
    version: kpi.version,
    updatedAt: kpi.updatedAt,
    updatedBy: person(users, kpi.updatedBy),
  };
}
