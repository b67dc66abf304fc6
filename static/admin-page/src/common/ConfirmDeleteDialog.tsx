import Button from '@atlaskit/button/default/button';
import ModalBody from '@atlaskit/modal-dialog/modal-body';
import ModalDialog from '@atlaskit/modal-dialog/modal-dialog';
import ModalFooter from '@atlaskit/modal-dialog/modal-footer';
import ModalHeader from '@atlaskit/modal-dialog/modal-header';
import ModalTitle from '@atlaskit/modal-dialog/modal-title';
import type { AppErrorBody } from '@contract/envelope';
import { ErrorState } from '@shared/components/ErrorState';
import { Notice } from '@shared/components/Notice';
import { type ReactNode, type RefObject, useRef } from 'react';
import { ConflictNotice } from './ConflictNotice';
import type { DeleteRecord } from './use-delete-record';

export interface ConfirmDeleteDialogProps {
  /** The delete's state and actions (`useDeleteRecord`). */
  deletion: DeleteRecord;
  title: ReactNode;
  width: 'small' | 'medium';
  testIds: { dialog: string; reload: string; info: string; cancel: string; confirm: string; error?: string };
  onClose: () => void;
  returnFocus: RefObject<HTMLElement> | boolean;
  /** The conflict that offers their version; any CONFLICT unless told. */
  conflict?: AppErrorBody | null;
  confirmLabel: string;
  confirmDisabled?: boolean;
  /** What deleting it does, above the messages. */
  children: ReactNode;
  /** A message between the error and the info. */
  notice?: ReactNode;
}

/**
 * The dialog that asks before deleting a record: what deleting it does, a conflict with "Reload their
 * version", any other error, what was loaded, and Cancel (Close once nothing is left to delete) and delete.
 */
export function ConfirmDeleteDialog({
  deletion,
  title,
  width,
  testIds,
  onClose,
  returnFocus,
  conflict: conflictAsTold,
  confirmLabel,
  confirmDisabled = false,
  children,
  notice,
}: ConfirmDeleteDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { busy, reloading, error, info, gone } = deletion;
  const conflict = conflictAsTold !== undefined ? conflictAsTold : error?.code === 'CONFLICT' ? error : null;
  const otherError = error && !conflict ? error : null;

  return (
    <ModalDialog
      onClose={() => !busy && onClose()}
      autoFocus={cancelRef}
      shouldReturnFocus={returnFocus}
      testId={testIds.dialog}
      width={width}
    >
      <ModalHeader>
        <ModalTitle appearance="danger">{title}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <div className="ob-field">
          {children}
          {conflict ? (
            <ConflictNotice error={conflict}>
              <p>
                <Button
                  onClick={() => void deletion.loadTheirs()}
                  isLoading={reloading}
                  testId={testIds.reload}
                >
                  Reload their version
                </Button>
              </p>
            </ConflictNotice>
          ) : null}
          {otherError ? (
            testIds.error ? (
              <div data-testid={testIds.error}>
                <ErrorState error={otherError} />
              </div>
            ) : (
              <ErrorState error={otherError} />
            )
          ) : null}
          {notice}
          {info ? (
            <Notice appearance={gone ? 'warning' : 'information'}>
              <p data-testid={testIds.info}>{info}</p>
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
          testId={testIds.cancel}
        >
          {gone ? 'Close' : 'Cancel'}
        </Button>
        {gone ? null : (
          <Button
            appearance="danger"
            onClick={() => void deletion.confirm()}
            isLoading={busy}
            isDisabled={reloading || conflict !== null || confirmDisabled}
            testId={testIds.confirm}
          >
            {confirmLabel}
          </Button>
        )}
      </ModalFooter>
    </ModalDialog>
  );
}
