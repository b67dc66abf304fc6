import Button from '@atlaskit/button/default/button';
import ModalBody from '@atlaskit/modal-dialog/modal-body';
import ModalDialog from '@atlaskit/modal-dialog/modal-dialog';
import ModalFooter from '@atlaskit/modal-dialog/modal-footer';
import ModalHeader from '@atlaskit/modal-dialog/modal-header';
import ModalTitle from '@atlaskit/modal-dialog/modal-title';
import type { AppErrorBody, Reply } from '@contract/envelope';
import { ErrorState } from '@shared/components/ErrorState';
import { Notice } from '@shared/components/Notice';
import { formatMoment } from '@shared/format';
import { useRef, useState } from 'react';
import { ConflictNotice } from './ConflictNotice';
import { type AdminData, type AdminOutcome, useOutcomeMutations } from './use-admin-page';

export interface DeleteOutcomeDialogProps {
  outcome: AdminOutcome;
  onClose: () => void;
  onDeleted: (id: string, title: string) => void;
  refresh: () => Promise<Reply<AdminData>>;
}

/**
 * Asks before deleting, naming the outcome and what its linked tickets will show. Deletes only the version
 * the user saw: if someone saved it meanwhile, says who and offers to load their version first.
 */
export default function DeleteOutcomeDialog({
  outcome,
  onClose,
  onDeleted,
  refresh,
}: DeleteOutcomeDialogProps) {
  const { remove } = useOutcomeMutations();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [target, setTarget] = useState({
    id: outcome.id,
    title: outcome.title,
    version: outcome.version,
    projectKeys: outcome.projectKeys,
  });
  const [busy, setBusy] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [gone, setGone] = useState(false);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setInfo(null);
    const reply = await remove(target.id, target.version);
    setBusy(false);
    if (reply.ok) {
      onDeleted(reply.data.id, target.title);
      return;
    }
    setError(reply.error);
    if (reply.error.code === 'NOT_FOUND') {
      setGone(true);
      void refresh();
    }
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

  const conflict = error?.code === 'CONFLICT' ? error : null;
  const otherError = error && error.code !== 'CONFLICT' ? error : null;

  return (
    <ModalDialog
      onClose={() => !busy && onClose()}
      autoFocus={cancelRef}
      testId="delete-outcome-dialog"
      width="small"
    >
      <ModalHeader>
        <ModalTitle appearance="danger">Delete “{target.title}”?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <div className="ob-field">
          <p>
            <strong>{target.title}</strong> will be deleted for{' '}
            {target.projectKeys.length === 1 ? 'project' : 'projects'} {target.projectKeys.join(', ')}.
            Tickets linked to it will show “Outcome removed” until someone clears the link. This cannot be
            undone.
          </p>
          {conflict ? (
            <ConflictNotice error={conflict}>
              <p>
                <Button onClick={() => void loadTheirs()} isLoading={reloading} testId="reload-their-version">
                  Reload their version
                </Button>
              </p>
            </ConflictNotice>
          ) : null}
          {otherError ? <ErrorState error={otherError} /> : null}
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
            isDisabled={reloading || conflict !== null}
            testId="delete-confirm"
          >
            Delete
          </Button>
        )}
      </ModalFooter>
    </ModalDialog>
  );
}
