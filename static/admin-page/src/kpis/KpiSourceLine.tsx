import type { KpiView } from '@contract/kpi';
import { formatMoment } from '@shared/format';

/** Where the value comes from: check-ins, or Jira (the query or queries), and the last refresh. */
export function KpiSourceLine({ kpi }: { kpi: KpiView }) {
  const { source } = kpi;
  return (
    <div data-testid="kpi-source-line">
      {source.type === 'manual' ? (
        <span>Manual check-ins</span>
      ) : source.type === 'jql-count' ? (
        <span>
          Jira count of <code className="ob-code">{source.jql}</code>
        </span>
      ) : (
        <span>
          Jira ratio: <code className="ob-code">{source.numeratorJql}</code> out of{' '}
          <code className="ob-code">{source.denominatorJql}</code>
        </span>
      )}
      {source.type !== 'manual' ? (
        kpi.lastRefresh ? (
          <>
            <span className="ob-small ob-muted" data-testid="kpi-last-refresh">
              {' '}
              · refreshed {formatMoment(kpi.lastRefresh.at)}
            </span>
            {kpi.lastRefresh.error ? (
              <p className="ob-small ob-text-danger" data-testid="kpi-refresh-error">
                The last refresh failed: {kpi.lastRefresh.error}
              </p>
            ) : null}
          </>
        ) : (
          <span className="ob-small ob-muted" data-testid="kpi-last-refresh">
            {' '}
            · not refreshed yet
          </span>
        )
      ) : null}
    </div>
  );
}
