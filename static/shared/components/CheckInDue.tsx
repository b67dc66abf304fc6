import type { PanelKpi } from '@contract/issue-panel';
import { CHECK_IN_MODULES, checkInPath } from '@contract/limits';
import { router } from '@forge/bridge';

/**
 * A KPI whose value is older than its cadence, in one line (its words come from the server, so the issue
 * panel's bundle carries none). Only a person who may check it in gets the link, to the check-in form.
 */
export function CheckInDue({
  kpi: { id, checkInDue: due },
  outcomeId,
  projectKey,
}: {
  kpi: Pick<PanelKpi, 'id' | 'checkInDue'>;
  outcomeId: string;
  projectKey: string;
}) {
  if (!due) return null;
  const at = due.checkInAt;
  return (
    <p className="ob-small" data-testid={`kpi-due-${id}`}>
      <span className="ob-lozenge ob-lozenge--due">{due.label}</span> {due.words}{' '}
      {at ? (
        <button
          type="button"
          className="ob-link-button"
          data-testid={`kpi-due-action-${id}`}
          onClick={() =>
            // Failing to open changes nothing on the page, as for every link out of the app.
            void router
              .navigate({
                target: 'module',
                moduleKey: CHECK_IN_MODULES[at],
                projectKey,
                path: checkInPath(outcomeId, id),
              })
              .catch(() => undefined)
          }
        >
          Check in
        </button>
      ) : null}
    </p>
  );
}
