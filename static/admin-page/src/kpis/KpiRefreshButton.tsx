import Button from '@atlaskit/button/default/button';
import type { KpiView } from '@contract/kpi';
import { useCall } from '../common/use-call';
import { type OutcomeDetail, useKpiMutations } from '../outcomes/use-outcome-detail';

/** "Refresh now" for a KPI that Jira computes: counts again and records the value. */
export function KpiRefreshButton({
  kpi,
  onRefreshed,
}: {
  kpi: KpiView;
  onRefreshed: (detail: OutcomeDetail) => void;
}) {
  const { refreshFromJira } = useKpiMutations();
  const { busy, error, run: refresh } = useCall(() => refreshFromJira(kpi.id), onRefreshed);
  return (
    <span className="ob-refresh">
      <Button
        appearance="subtle"
        onClick={() => void refresh()}
        isLoading={busy}
        aria-label={`Refresh ${kpi.name} from Jira now`}
        testId="kpi-refresh"
      >
        Refresh now
      </Button>
      {error ? (
        <span role="alert" className="ob-small ob-text-danger" data-testid="kpi-refresh-failed">
          {error.message}
        </span>
      ) : null}
    </span>
  );
}
