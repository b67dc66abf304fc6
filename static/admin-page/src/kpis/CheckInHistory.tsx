import Button from '@atlaskit/button/default/button';
import type { KpiView } from '@contract/kpi';
import { formatValue } from '@domain/units';
import { CheckInActions, CheckInChangeLog } from '@shared/components/CheckInChanges';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { formatMoment } from '@shared/format';
import { useId } from 'react';
import type { OutcomeDetail } from '../outcomes/use-outcome-detail';
import { CONFIDENCE_NAME } from './kpi-labels';
import { type CheckIn, useCheckInEdits, useKpiHistory } from './use-kpi-history';

const APP_AUTHOR = 'Outcome Bridge (from Jira)';
const authorOf = (c: CheckIn) =>
  c.author === null || c.source === 'jql' ? APP_AUTHOR : c.author.displayName;

/**
 * The KPI's check-ins, newest first, behind a disclosure; it loads when opened and again when the KPI
 * changes (a new check-in or refresh). Older pages load on request.
 */
export function CheckInHistory({
  kpi,
  open,
  onToggle,
  onDetail,
}: {
  kpi: KpiView;
  open: boolean;
  onToggle: () => void;
  /** Adopts the outcome's detail a correction or withdrawal returned. */
  onDetail: (detail: OutcomeDetail) => void;
}) {
  const uid = useId();
  const { state, loadMore, retry, reload } = useKpiHistory(
    kpi.id,
    `${kpi.version}:${kpi.currentAt ?? ''}`,
    open,
  );
  const edits = useCheckInEdits(onDetail);
  const v = (n: number) => formatValue(n, kpi.unit, kpi.customUnit);
  return (
    <div className="ob-history">
      <button
        type="button"
        className="ob-link-button"
        aria-expanded={open}
        aria-controls={`${uid}-history`}
        onClick={onToggle}
        data-testid="history-toggle"
      >
        {open ? 'Hide check-in history' : 'Show check-in history'}
      </button>
      {open ? (
        <div id={`${uid}-history`} className="ob-history__body">
          {state.loading === 'first' && !state.loaded ? <LoadingState label="Loading check-ins" /> : null}
          {state.loaded && state.checkIns.length === 0 ? (
            <p className="ob-muted ob-small" data-testid="history-empty">
              No check-ins yet.
            </p>
          ) : null}
          {state.checkIns.length > 0 ? (
            <ol
              className="ob-history__list"
              data-testid="kpi-history"
              aria-label={`Check-ins of ${kpi.name}`}
            >
              {state.checkIns.map((c) => (
                <li
                  key={c.id}
                  className={`ob-history__item${c.withdrawn ? ' ob-history__item--withdrawn' : ''}`}
                  data-testid="history-item"
                >
                  <span className="ob-history__value" data-testid="history-value">
                    {v(c.value)}
                  </span>
                  {c.withdrawn ? (
                    <span className="ob-lozenge ob-lozenge--draft" data-testid="history-withdrawn">
                      Withdrawn, not counted
                    </span>
                  ) : null}
                  <span className={`ob-confidence ob-confidence--${c.confidence}`}>
                    {CONFIDENCE_NAME[c.confidence]} confidence
                  </span>
                  {c.note ? <span className="ob-history__note">“{c.note}”</span> : null}
                  <span className="ob-small ob-muted">
                    <span data-testid="history-author">{authorOf(c)}</span>,{' '}
                    <time dateTime={c.at}>{formatMoment(c.at)}</time>
                  </span>
                  <CheckInChangeLog checkIn={c} unit={kpi} />
                  <CheckInActions
                    checkIn={c}
                    unit={kpi}
                    kpiName={kpi.name}
                    edits={edits}
                    onChanged={reload}
                  />
                </li>
              ))}
            </ol>
          ) : null}
          {state.error ? <ErrorState error={state.error} onRetry={retry} /> : null}
          {state.nextCursor ? (
            <Button
              appearance="subtle"
              onClick={loadMore}
              isLoading={state.loading === 'more'}
              testId="history-more"
            >
              Show older check-ins
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
