import type { PanelKpi } from '@contract/issue-panel';
import { CHECK_IN_MODULES, checkInPath } from '@contract/limits';
import { router } from '@forge/bridge';

/**
 * A KPI whose value is older than its cadence, in one line. Everyone who sees the value is told it is stale;
 * only a person who may check it in gets the link, which opens the check-in form where they can.
 */
export function CheckInDue({
  kpi,
  outcomeId,
  projectKey,
}: {
  kpi: Pick<PanelKpi, 'id' | 'name' | 'checkInDue'>;
  outcomeId: string;
  projectKey: string;
}) {
  const due = kpi.checkInDue;
  if (!due) return null;
  const at = due.checkInAt;
  return (
    <p className="ob-small ob-due" data-testid={`kpi-due-${kpi.id}`}>
      <span className="ob-lozenge ob-lozenge--due">{at ? 'Check-in due' : 'Check-in overdue'}</span>{' '}
      {due.words}
      {at ? (
        <>
          {' '}
          <button
            type="button"
            className="ob-link-button"
            data-testid={`kpi-due-action-${kpi.id}`}
            onClick={() => {
              void router
                .navigate({
                  target: 'module',
                  moduleKey: CHECK_IN_MODULES[at],
                  projectKey,
                  path: checkInPath(outcomeId, kpi.id),
                })
                .catch(() => undefined);
            }}
          >
            Check in {kpi.name}
          </button>
        </>
      ) : null}
    </p>
  );
}
