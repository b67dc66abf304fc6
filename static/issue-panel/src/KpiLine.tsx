import type { PanelKpi } from '@contract/issue-panel';
import { valueWithLabel } from '@domain/units';
import { CheckInDue } from '@shared/components/CheckInDue';
import { Meter } from '@shared/components/Meter';
import { PairedWith } from '@shared/components/PairedWith';

const value = (n: number | null, unit: string) => (n === null ? '—' : valueWithLabel(n, unit));

/** One KPI the ticket should move: current → target, progress in words, and what it means for the business. */
export function KpiLine({
  kpi,
  outcomeId,
  projectKey,
}: {
  kpi: PanelKpi;
  outcomeId: string;
  projectKey: string;
}) {
  return (
    <div className="ob-kpi-line" data-testid="panel-kpi">
      <p>
        <strong>{kpi.name}</strong>{' '}
        <span className="ob-muted ob-small">
          ({kpi.kind}
          {kpi.isDraft ? ', draft' : ''})
        </span>
      </p>
      <p className="ob-small">
        Now {value(kpi.current, kpi.unitLabel)} → {kpi.targetWords}
      </p>
      {kpi.progressRatio !== null ? (
        <Meter share={kpi.progressRatio} label={`${kpi.name}: ${kpi.progressBrief}`} />
      ) : null}
      <p className="ob-small ob-muted">{kpi.progressWords}</p>
      <CheckInDue kpi={kpi} outcomeId={outcomeId} projectKey={projectKey} />
      <PairedWith kpi={kpi} />
      {kpi.translation.current ? (
        <p className="ob-small" title={kpi.translation.current.arithmetic}>
          {kpi.translation.current.sentence}
        </p>
      ) : null}
      {kpi.translation.target ? (
        <p className="ob-small ob-muted" title={kpi.translation.target.arithmetic}>
          Target: {kpi.translation.target.sentence}
        </p>
      ) : null}
    </div>
  );
}
