import type { AppErrorBody, Reply } from '@contract/envelope';
import { projectsInWords } from '@domain/project-words';
import { plural } from '@domain/units';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import { formatMoment } from '@shared/format';
import { type RefObject, useCallback, useEffect, useState } from 'react';
import { ConfirmDeleteDialog } from '../common/ConfirmDeleteDialog';
import { useDeleteRecord } from '../common/use-delete-record';
import { type AdminData, type AdminOutcome, useOutcomeMutations } from './use-admin-page';

export interface DeleteOutcomeDialogProps {
  outcome: AdminOutcome;
  onClose: () => void;
  onDeleted: (id: string, title: string) => void;
  refresh: () => Promise<Reply<AdminData>>;
  returnFocus?: RefObject<HTMLElement>;
}

interface Impact {
  linkedTickets: number;
  kpis: number;
  children: number;
}

const targetOf = (outcome: AdminOutcome) => ({
  id: outcome.id,
  title: outcome.title,
  version: outcome.version,
  projectKeys: outcome.projectKeys,
  hiddenProjects: outcome.hiddenProjects,
});

/**
 * Asks before deleting, saying what it affects: linked tickets, KPIs and child outcomes, as the server
 * counts them now. The delete carries the number of linked tickets the user saw; if it changed meanwhile,
 * the server refuses, and the dialog shows its message and the new count before the user tries again.
 * Deletes only the version the user saw: if someone saved it meanwhile, says who and offers their version.
 */
export default function DeleteOutcomeDialog({
  outcome,
  onClose,
  onDeleted,
  refresh,
  returnFocus,
}: DeleteOutcomeDialogProps) {
  const { preview, remove } = useOutcomeMutations();
  const [impact, setImpact] = useState<Impact | null>(null);
  const [impactError, setImpactError] = useState<AppErrorBody | null>(null);
  /** The count the user confirmed before the server reported a different one. */
  const [changedFrom, setChangedFrom] = useState<number | null>(null);
  /** The number of linked tickets the user confirms by deleting. */
  const confirmed = impact?.linkedTickets ?? 0;
  const deletion = useDeleteRecord({
    noun: 'outcome',
    initial: targetOf(outcome),
    targetOf,
    remove: (target) => remove(target.id, target.version, confirmed),
    onDeleted: (deleted, target) => onDeleted(deleted.id, target.title),
    refresh,
    find: (data: AdminData, id) => data.outcomes.find((o) => o.id === id),
    onTheirs: (current) => {
      void loadImpact();
      return current.canManage
        ? {
            info: `Their version is loaded: saved by ${current.updatedBy?.displayName ?? 'someone'} ${formatMoment(current.updatedAt)}. Check the title above, then delete it if you still mean to.`,
          }
        : {
            gone: true,
            info: `${current.updatedBy?.displayName ?? 'Someone'} moved this outcome into a project you do not administer, so you can no longer delete it.`,
          };
    },
    onFailed: async (error) => {
      if (error.code === 'NOT_FOUND') {
        void refresh();
        return;
      }
      if (error.code === 'VALIDATION_FAILED' || error.code === 'CONFLICT') {
        // The number of linked tickets may have changed: count again so the user confirms the new number.
        const now = await loadImpact();
        if (now && now.linkedTickets !== confirmed) setChangedFrom(confirmed);
      }
    },
    ready: impact !== null,
  });
  const { target, error, markGone } = deletion;

  const loadImpact = useCallback(async (): Promise<Impact | null> => {
    setImpactError(null);
    const reply = await preview(outcome.id);
    if (!reply.ok) {
      setImpactError(reply.error);
      if (reply.error.code === 'NOT_FOUND') markGone();
      return null;
    }
    setImpact(reply.data);
    return reply.data;
  }, [preview, outcome.id, markGone]);

  useEffect(() => {
    void loadImpact();
  }, [loadImpact]);

  // A version conflict names who saved it; a refused count (no one to name) is shown with the new count.
  const versionConflict =
    error?.code === 'CONFLICT' && error.conflict && error.conflict.currentVersion !== target.version
      ? error
      : null;

  return (
    <ConfirmDeleteDialog
      deletion={deletion}
      title={`Delete “${target.title}”?`}
      width="medium"
      testIds={{
        dialog: 'delete-outcome-dialog',
        reload: 'reload-their-version',
        info: 'delete-info',
        cancel: 'delete-cancel',
        confirm: 'delete-confirm',
        error: 'delete-error',
      }}
      onClose={onClose}
      returnFocus={returnFocus ?? true}
      conflict={versionConflict}
      confirmLabel="Delete"
      confirmDisabled={impact === null}
      notice={
        changedFrom !== null && impact ? (
          <Notice appearance="warning" title="The number of linked tickets changed">
            <p data-testid="delete-count-changed">
              You confirmed {plural(changedFrom, 'linked ticket')}; there are now{' '}
              <strong>{impact.linkedTickets}</strong>. Press Delete again to delete it with{' '}
              {plural(impact.linkedTickets, 'linked ticket')}.
            </p>
          </Notice>
        ) : null
      }
    >
      <p>
        <strong>{target.title}</strong> will be deleted for{' '}
        {target.projectKeys.length + target.hiddenProjects === 1 ? 'project' : 'projects'}{' '}
        {projectsInWords(target.projectKeys, target.hiddenProjects)}. This cannot be undone.
      </p>
      {impact ? (
        <div data-testid="delete-impact">
          <p>Deleting it affects:</p>
          <ul>
            <li data-testid="delete-impact-tickets">
              <strong>{plural(impact.linkedTickets, 'linked ticket')}</strong>
              {impact.linkedTickets > 0
                ? ': they count for it no more, and show their editors “Not valid here” until someone clears the link'
                : ''}
            </li>
            <li data-testid="delete-impact-kpis">
              <strong>{plural(impact.kpis, 'KPI')}</strong>
              {impact.kpis > 0 ? ', deleted with their check-in history' : ''}
            </li>
            <li data-testid="delete-impact-children">
              <strong>{plural(impact.children, 'child outcome')}</strong>
              {impact.children > 0 ? ' that name it as their parent' : ''}
            </li>
          </ul>
        </div>
      ) : impactError ? (
        <ErrorState error={impactError} onRetry={() => void loadImpact()} />
      ) : (
        <LoadingState label="Counting what it affects" />
      )}
    </ConfirmDeleteDialog>
  );
}
