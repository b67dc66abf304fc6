import Button from '@atlaskit/button/default/button';
import ModalBody from '@atlaskit/modal-dialog/modal-body';
import ModalDialog from '@atlaskit/modal-dialog/modal-dialog';
import ModalFooter from '@atlaskit/modal-dialog/modal-footer';
import ModalHeader from '@atlaskit/modal-dialog/modal-header';
import ModalTitle from '@atlaskit/modal-dialog/modal-title';
import type { AppErrorBody, Reply } from '@contract/envelope';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import { formatMoment, plural } from '@shared/format';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { ConflictNotice } from './ConflictNotice';
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
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [target, setTarget] = useState({
    id: outcome.id,
    title: outcome.title,
    version: outcome.version,
    projectKeys: outcome.projectKeys,
  });
  const [impact, setImpact] = useState<Impact | null>(null);
  const [impactError, setImpactError] = useState<AppErrorBody | null>(null);
  /** The count the user confirmed before the server reported a different one. */
  const [changedFrom, setChangedFrom] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [gone, setGone] = useState(false);

  const loadImpact = useCallback(async (): Promise<Impact | null> => {
    setImpactError(null);
    const reply = await preview(outcome.id);
    if (!reply.ok) {
      setImpactError(reply.error);
      if (reply.error.code === 'NOT_FOUND') setGone(true);
      return null;
    }
    setImpact(reply.data);
    return reply.data;
  }, [preview, outcome.id]);

  useEffect(() => {
    void loadImpact();
  }, [loadImpact]);

  const confirm = async () => {
    if (busy || !impact) return;
    setBusy(true);
    setError(null);
    setInfo(null);
    const confirmed = impact.linkedTickets;
    const reply = await remove(target.id, target.version, confirmed);
    if (reply.ok) {
      setBusy(false);
      onDeleted(reply.data.id, target.title);
      return;
    }
    setError(reply.error);
    if (reply.error.code === 'NOT_FOUND') {
      setBusy(false);
      setGone(true);
      void refresh();
      return;
    }
    if (reply.error.code === 'VALIDATION_FAILED' || reply.error.code === 'CONFLICT') {
      // The number of linked tickets may have changed: count again so the user confirms the new number.
      const now = await loadImpact();
      if (now && now.linkedTickets !== confirmed) setChangedFrom(confirmed);
    }
    setBusy(false);
  };

  const loadTheirs = async () => {
    setReloading(true);
    const reply = await refresh();
    setReloading(false);
    if (!reply.ok) {
      setError(reply.error);
      return;
    }
    const current = reply.data.outcomes.find((o) => o.id === target.id);
    setError(null);
    if (!current) {
      setGone(true);
      setInfo('Someone has deleted this outcome already. There is nothing left to delete.');
      return;
    }
    setTarget({
      id: current.id,
      title: current.title,
      version: current.version,
      projectKeys: current.projectKeys,
    });
    void loadImpact();
    if (!current.canManage) {
      setGone(true);
      setInfo(
        `${current.updatedBy?.displayName ?? 'Someone'} moved this outcome into a project you do not administer, so you can no longer delete it.`,
      );
      return;
    }
    setInfo(
      `Their version is loaded: saved by ${current.updatedBy?.displayName ?? 'someone'} ${formatMoment(current.updatedAt)}. Check the title above, then delete it if you still mean to.`,
    );
  };

  // A version conflict names who saved it; a refused count (no one to name) is shown with the new count.
  const versionConflict =
    error?.code === 'CONFLICT' && error.conflict && error.conflict.currentVersion !== target.version
      ? error
      : null;
  const otherError = error && !versionConflict ? error : null;

  return (
    <ModalDialog
      onClose={() => !busy && onClose()}
      autoFocus={cancelRef}
      shouldReturnFocus={returnFocus ?? true}
      testId="delete-outcome-dialog"
      width="medium"
    >
      <ModalHeader>
        <ModalTitle appearance="danger">Delete “{target.title}”?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <div className="ob-field">
          <p>
            <strong>{target.title}</strong> will be deleted for{' '}
            {target.projectKeys.length === 1 ? 'project' : 'projects'} {target.projectKeys.join(', ')}. This
            cannot be undone.
          </p>
          {impact ? (
            <div data-testid="delete-impact">
              <p>Deleting it affects:</p>
              <ul>
                <li data-testid="delete-impact-tickets">
                  <strong>{plural(impact.linkedTickets, 'linked ticket')}</strong>
                  {impact.linkedTickets > 0
                    ? ': they will show “Outcome removed” until someone clears the link'
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
          {versionConflict ? (
            <ConflictNotice error={versionConflict}>
              <p>
                <Button onClick={() => void loadTheirs()} isLoading={reloading} testId="reload-their-version">
                  Reload their version
                </Button>
              </p>
            </ConflictNotice>
          ) : null}
          {otherError ? (
            <div data-testid="delete-error">
              <ErrorState error={otherError} />
            </div>
          ) : null}
          {changedFrom !== null && impact ? (
            <Notice appearance="warning" title="The number of linked tickets changed">
              <p data-testid="delete-count-changed">
                You confirmed {plural(changedFrom, 'linked ticket')}; there are now{' '}
                <strong>{impact.linkedTickets}</strong>. Press Delete again to delete it with{' '}
                {plural(impact.linkedTickets, 'linked ticket')}.
              </p>
            </Notice>
          ) : null}
          {info ? (
            <Notice appearance={gone ? 'warning' : 'information'}>
              <p data-testid="delete-info">{info}</p>
            </Notice>
          ) : null}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button
          ref={cancelRef}
          appearance="subtle"
          onClick={onClose}
          isDisabled={busy}
          testId="delete-cancel"
        >
          {gone ? 'Close' : 'Cancel'}
        </Button>
        {gone ? null : (
          <Button
            appearance="danger"
            onClick={() => void confirm()}
            isLoading={busy}
            isDisabled={reloading || versionConflict !== null || impact === null}
            testId="delete-confirm"
          >
            Delete
          </Button>
        )}
      </ModalFooter>
    </ModalDialog>
  );
}
