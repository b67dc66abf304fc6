import type { PanelKpi } from '../../contract/issue-panel';
import { checkInDue } from '../../domain/cadence';
import { formatIsoDay } from '../../domain/dates';
import {
  bandGap,
  type Kpi,
  kpiProgress,
  partnersOf,
  progressInBrief,
  progressInWords,
} from '../../domain/kpi';
import { kpiTranslation } from '../../domain/translate';
import { formatValue, unitLabel } from '../../domain/units';
import type { CheckInPlace } from './access';

/** What a KPI's check-in prompt needs beyond the KPI: its outcome's state, the day, and where this viewer may act. */
export interface DueFor {
  outcomeState: string;
  today: string;
  checkInAt: CheckInPlace;
}

/** A maintain KPI's band, once both ends are set. */
const bandOf = (k: Kpi) =>
  k.direction === 'maintain' && k.bandMin !== null && k.bandMax !== null
    ? { min: k.bandMin, max: k.bandMax }
    : null;

/**
 * Where the KPI should get, in words. A band is said whole ("keep between 99.5% availability and 99.9% availability"):
 * showing only its lower end read as if anything above it were the goal.
 */
function targetInWords(k: Kpi): string {
  const v = (n: number) => formatValue(n, k.unit, k.customUnit);
  if (k.direction === 'maintain') {
    const band = bandOf(k);
    return band ? `keep between ${v(band.min)} and ${v(band.max)}` : 'no band set yet';
  }
  return k.target === null ? 'no target set yet' : `target ${v(k.target)}`;
}

/**
 * A KPI as the panel and the project page show it: where it is, where it should get, what that means, and
 * what it is paired with among `siblings` (its outcome's KPIs).
 */
export const panelKpi = (k: Kpi, siblings: readonly Kpi[], due: DueFor): PanelKpi => {
  const stale = checkInDue(k, due.outcomeState, due.today);
  return {
    id: k.id,
    name: k.name,
    kind: k.kind,
    isDraft: k.isDraft,
    unitLabel: unitLabel(k.unit, k.customUnit),
    current: k.current,
    target: k.direction === 'maintain' ? k.bandMin : k.target,
    band: bandOf(k),
    targetWords: targetInWords(k),
    currentConfidence: k.currentConfidence,
    progressWords: progressInWords(k, formatIsoDay),
    progressBrief: progressInBrief(k),
    progressRatio: kpiProgress(k),
    bandGap: bandGap(k),
    translation: kpiTranslation(k),
    pairedWith: partnersOf(k, siblings).map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
    checkInDue: stale
      ? {
          ...stale,
          label: due.checkInAt ? 'Check-in due' : 'Check-in overdue',
          checkInAt: due.checkInAt,
        }
      : null,
  };
};
