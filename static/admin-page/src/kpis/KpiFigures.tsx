import type { KpiView } from '@contract/kpi';
import { formatValue } from '@domain/units';
import { Meter } from '@shared/components/Meter';
import { formatMoment } from '@shared/format';
import { CONFIDENCE_NAME } from './kpi-labels';

/** Current value → target (or band), with the unit, a progress bar and the progress in words. */
export function KpiFigures({ kpi }: { kpi: KpiView }) {
  const v = (n: number | null) => (n === null ? '—' : formatValue(n, kpi.unit, kpi.customUnit));
  const goal =
    kpi.direction === 'maintain' ? (
      <>
        keep between <strong>{v(kpi.bandMin)}</strong> and <strong>{v(kpi.bandMax)}</strong>
      </>
    ) : (
      <>
        target <strong data-testid="kpi-target-value">{v(kpi.target)}</strong>
      </>
    );
  return (
    <div className="ob-kpi__figures">
      <p className="ob-kpi__values" data-testid="kpi-values">
        <span>
          Now{' '}
          <strong data-testid="kpi-current-value">
            {kpi.current === null ? 'no value yet' : v(kpi.current)}
          </strong>
        </span>
        <span aria-hidden="true"> → </span>
        <span className="ob-visually-hidden">, </span>
        <span>{goal}</span>
        {kpi.unitLabel ? <span className="ob-muted ob-small"> · unit: {kpi.unitLabel}</span> : null}
      </p>
      {kpi.progress.ratio !== null ? (
        <Meter share={kpi.progress.ratio} label={`Progress of ${kpi.name}`} testId="kpi-progress-bar" />
      ) : null}
      <p className="ob-small" data-testid="kpi-progress-words">
        {kpi.progress.words}
      </p>
      {kpi.currentAt ? (
        <p className="ob-small ob-muted">
          Last value from {formatMoment(kpi.currentAt)}
          {kpi.currentConfidence
            ? `, ${CONFIDENCE_NAME[kpi.currentConfidence].toLowerCase()} confidence`
            : ''}
          .
        </p>
      ) : null}
    </div>
  );
}
