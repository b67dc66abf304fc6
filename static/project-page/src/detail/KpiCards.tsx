import type { PanelKpi } from '@contract/issue-panel';
import { percentText } from '@domain/percent';
import { CheckInActions, CheckInChangeLog, type CheckInEdits } from '@shared/components/CheckInChanges';
import { CheckInDue } from '@shared/components/CheckInDue';
import { Meter } from '@shared/components/Meter';
import { PairedWith } from '@shared/components/PairedWith';
import { CONFIDENCE_NAME } from '@shared/confidence';
import { formatMoment } from '@shared/format';
import { kpiValue } from '../figures';
import { type DetailKpi, useCheckInEdits } from './use-outcome-detail';

/** How many check-ins the server sends per KPI: the latest ones. */
const LATEST = 10;

/**
 * Each KPI of the outcome: where it is against its target, what that means for the business (with the
 * arithmetic), and every check-in that moved it.
 */
export function KpiCards({
  kpis,
  histories,
  projectKey,
  outcomeId,
  onChanged,
}: {
  kpis: readonly PanelKpi[];
  outcomeId: string;
  histories: readonly DetailKpi[];
  projectKey: string;
  /** A check-in was corrected or withdrawn: the outcome's numbers are read again. */
  onChanged: () => void;
}) {
  const edits = useCheckInEdits(projectKey);
  if (kpis.length === 0) {
    return (
      <p className="ob-muted" data-testid="kpis-empty">
        This outcome has no KPIs yet, so its health is judged on delivery alone. Admins add KPIs on the
        Outcome Bridge admin page: two or three measures that show the outcome is happening.
      </p>
    );
  }
  const byId = new Map(histories.map((h) => [h.id, h]));
  return (
    <div className="ob-stack">
      {kpis.map((k) => (
        <KpiCard
          key={k.id}
          kpi={k}
          detail={byId.get(k.id)}
          edits={edits}
          onChanged={onChanged}
          place={{ outcomeId, projectKey }}
        />
      ))}
    </div>
  );
}

function KpiCard({
  kpi,
  detail,
  edits,
  onChanged,
  place,
}: {
  kpi: PanelKpi;
  detail: DetailKpi | undefined;
  edits: CheckInEdits;
  onChanged: () => void;
  place: { outcomeId: string; projectKey: string };
}) {
  const history = detail?.history ?? [];
  const unit = { unit: detail?.unit ?? null, customUnit: detail?.customUnit ?? '' };
  const percent = percentText(kpi.progressRatio);
  const arithmetic = [kpi.translation.current?.arithmetic, kpi.translation.target?.arithmetic].filter(
    Boolean,
  );
  return (
    <article className={`ob-kpi${kpi.isDraft ? ' ob-kpi--draft' : ''}`} data-testid={`kpi-${kpi.id}`}>
      <div className="ob-kpi__head">
        <h4 className="ob-kpi__name">{kpi.name}</h4>
        <span className={`ob-kind ob-kind--${kpi.kind}`}>{kpi.kind}</span>
        {kpi.isDraft ? <span className="ob-lozenge ob-lozenge--draft">Draft, not counted</span> : null}
      </div>
      <div className="ob-kpi__figures">
        <p className="ob-kpi__values">
          Now <strong>{kpiValue(kpi.current, kpi.unitLabel)}</strong> → <strong>{kpi.targetWords}</strong>
          {percent ? <span className="ob-muted"> · {percent} of the way</span> : null}
        </p>
        {kpi.progressRatio !== null ? (
          <Meter share={kpi.progressRatio} label={`${kpi.name}: ${percent} of the way to target`} />
        ) : null}
        <p className="ob-small ob-muted">{kpi.progressWords}</p>
        <CheckInDue kpi={kpi} {...place} />
        <PairedWith kpi={kpi} />
      </div>
      {kpi.translation.current || kpi.translation.target ? (
        <div className="ob-kpi__translations" data-testid={`kpi-translation-${kpi.id}`}>
          {kpi.translation.current ? (
            <p>
              <span className="ob-translation__label">In business terms: </span>
              {kpi.translation.current.sentence}
            </p>
          ) : null}
          {kpi.translation.target ? (
            <p>
              <span className="ob-translation__label">
                {kpi.band ? 'At the edge of the band: ' : 'At target: '}
              </span>
              {kpi.translation.target.sentence}
            </p>
          ) : null}
          <details className="ob-how">
            <summary>The arithmetic</summary>
            {arithmetic.map((a) => (
              <p key={a} className="ob-how__body">
                {a}
              </p>
            ))}
          </details>
        </div>
      ) : null}
      <div className="ob-kpi__history">
        <h5 className="ob-heading ob-small">
          Check-ins{history.length >= LATEST ? ` (the ${LATEST} latest; the admin page has them all)` : ''}
        </h5>
        {history.length === 0 ? (
          <p className="ob-small ob-muted">No check-ins yet.</p>
        ) : (
          <table className="ob-table ob-table--compact" data-testid={`kpi-history-${kpi.id}`}>
            <caption className="ob-visually-hidden">Check-ins of {kpi.name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Value</th>
                <th scope="col">Confidence</th>
                <th scope="col">Note</th>
                <th scope="col">By</th>
                <th scope="col">
                  <span className="ob-visually-hidden">Correct or withdraw</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((c) => (
                <tr key={c.id} className={c.withdrawn ? 'ob-history__item--withdrawn' : undefined}>
                  <td className="ob-nowrap">{formatMoment(c.at)}</td>
                  <td className="ob-nowrap">
                    <span className="ob-history__value">{kpiValue(c.value, kpi.unitLabel)}</span>
                    {c.withdrawn ? (
                      <span className="ob-lozenge ob-lozenge--draft" data-testid="history-withdrawn">
                        Withdrawn, not counted
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <span className={`ob-confidence ob-confidence--${c.confidence}`}>
                      {CONFIDENCE_NAME[c.confidence]}
                    </span>
                  </td>
                  <td>{c.note || <span className="ob-muted">—</span>}</td>
                  <td>
                    {c.author?.displayName ?? (c.source === 'jql' ? 'Counted from Jira' : 'Outcome Bridge')}
                    <CheckInChangeLog checkIn={c} unit={unit} />
                  </td>
                  <td>
                    <CheckInActions
                      checkIn={c}
                      unit={unit}
                      kpiName={kpi.name}
                      edits={edits}
                      onChanged={onChanged}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </article>
  );
}
