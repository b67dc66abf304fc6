import type { PanelKpi } from '../../contract/issue-panel';
import { formatIsoDay } from '../../domain/dates';
import { type Kpi, kpiProgress, progressInWords } from '../../domain/kpi';
import { translate } from '../../domain/translate';
import { TECHNICAL_UNITS, unitLabel } from '../../domain/units';

/** A KPI as the panel and the project page show it: where it is, where it should get, what that means. */
export const panelKpi = (k: Kpi): PanelKpi => {
  const technical = k.unit !== null && TECHNICAL_UNITS.has(k.unit);
  const translated = (v: number | null) => (technical && v !== null ? translate(v, k.unit) : null);
  return {
    id: k.id,
    name: k.name,
    kind: k.kind,
    isDraft: k.isDraft,
    unitLabel: unitLabel(k.unit, k.customUnit),
    current: k.current,
    target: k.direction === 'maintain' ? k.bandMin : k.target,
    currentConfidence: k.currentConfidence,
    progressWords: progressInWords(k, formatIsoDay),
    progressRatio: kpiProgress(k),
    translation: { current: translated(k.current), target: translated(k.target) },
  };
};
