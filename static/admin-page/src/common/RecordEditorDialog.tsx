import Button from '@atlaskit/button/default/button';
import ModalBody from '@atlaskit/modal-dialog/modal-body';
import ModalDialog from '@atlaskit/modal-dialog/modal-dialog';
import ModalFooter from '@atlaskit/modal-dialog/modal-footer';
import ModalHeader from '@atlaskit/modal-dialog/modal-header';
import ModalTitle from '@atlaskit/modal-dialog/modal-title';
import type { AppErrorBody } from '@contract/envelope';
import { ErrorState } from '@shared/components/ErrorState';
import { Notice } from '@shared/components/Notice';
import type { FormEvent, ReactNode, RefObject } from 'react';
import { AlsoCheck } from './AlsoCheck';
import { ConflictNotice } from './ConflictNotice';
import type { RecordEditor } from './use-record-editor';

export interface RecordEditorDialogProps<Saving extends string> {
  /** The editor's state and actions (`useRecordEditor`). */
  editor: RecordEditor<Saving>;
  heading: string;
  width: 'large' | 'x-large';
  /** The field that takes focus when the dialog opens. */
  autoFocus: RefObject<HTMLElement>;
  returnFocus: RefObject<HTMLElement> | boolean;
  /** Names the test ids: `${name}-editor`, `${name}-cancel`, `${name}-save`. */
  name: string;
  /** Starts the test ids of the messages and their actions (`${prefix}editor-messages`); may be empty. */
  prefix: string;
  /** The save button's words when creating and when editing ("Save as new …" once the record is gone). */
  labels: { create: string; save: string };
  /** Saves (the form was submitted). */
  onSave: () => void;
  /** What shows above the messages. */
  intro?: ReactNode;
  /** How the server's error (other than a conflict) shows; an ErrorState unless told. */
  renderError?: (error: AppErrorBody) => ReactNode;
  /** The record can no longer be changed by this user: nothing saves, and the info is a warning. */
  locked?: boolean;
  /** Buttons between Cancel and the save button. */
  extraActions?: ReactNode;
  /** The fields. */
  children: ReactNode;
}

/**
 * The modal every versioned-record editor shows: the form's heading, the messages at the top (a conflict
 * with "Reload their version", the server's error, messages no field shows, what was loaded, and the
 * question before their version replaces the user's edits), the fields, and Cancel and save, or the
 * question before discarding edits.
 */
export function RecordEditorDialog<Saving extends string>({
  editor,
  heading,
  width,
  autoFocus,
  returnFocus,
  name,
  prefix,
  labels,
  onSave,
  intro,
  renderError = (error) => <ErrorState error={error} />,
  locked = false,
  extraActions,
  children,
}: RecordEditorDialogProps<Saving>) {
  const { conflict, otherError, otherMessages, reloadError, info, saving, reloading } = editor;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSave();
  };
  return (
    <ModalDialog
      onClose={editor.requestClose}
      width={width}
      autoFocus={autoFocus}
      shouldReturnFocus={returnFocus}
      label={heading}
      testId={`${name}-editor`}
      shouldCloseOnOverlayClick={false}
    >
      <form className="ob-modal-form" onSubmit={onSubmit} noValidate aria-label={heading}>
        <ModalHeader>
          <ModalTitle>{heading}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <div className="ob-stack">
            {intro}
            <div
              ref={editor.topRef}
              tabIndex={-1}
              className="ob-field"
              data-testid={`${prefix}editor-messages`}
            >
              {conflict ? (
                <ConflictNotice error={conflict}>
                  <p>
                    <Button
                      onClick={editor.askToLoadTheirs}
                      isLoading={reloading}
                      isDisabled={saving !== null}
                      testId={`${prefix}reload-their-version`}
                    >
                      Reload their version
                    </Button>
                  </p>
                </ConflictNotice>
              ) : null}
              {otherError ? <div data-testid={`${prefix}editor-error`}>{renderError(otherError)}</div> : null}
              <AlsoCheck messages={otherMessages} />
              {reloadError ? (
                <ErrorState error={reloadError} onRetry={() => void editor.loadTheirs()} />
              ) : null}
              {info ? (
                <Notice appearance={locked ? 'warning' : 'information'}>
                  <p data-testid={`${prefix}editor-info`}>{info}</p>
                </Notice>
              ) : null}
              {editor.confirming === 'reload' ? (
                <Notice appearance="warning" title="Replace your edits?">
                  <p>
                    Loading their version replaces everything in this form. What you typed here will be lost.
                  </p>
                  <p className="ob-actions ob-actions--start">
                    <Button
                      appearance="warning"
                      onClick={() => void editor.loadTheirs()}
                      isLoading={reloading}
                      testId={`${prefix}confirm-reload`}
                    >
                      Replace my edits
                    </Button>
                    <Button appearance="subtle" onClick={() => editor.setConfirming(null)}>
                      Keep my edits
                    </Button>
                  </p>
                </Notice>
              ) : null}
            </div>
            {children}
          </div>
        </ModalBody>
        <ModalFooter>
          {editor.confirming === 'discard' ? (
            <div className="ob-actions">
              <span className="ob-muted ob-center">Discard your changes?</span>
              <Button appearance="warning" onClick={editor.close} testId={`${prefix}confirm-discard`}>
                Discard changes
              </Button>
              <Button appearance="subtle" onClick={() => editor.setConfirming(null)} autoFocus>
                Keep editing
              </Button>
            </div>
          ) : (
            <>
              <Button
                appearance="subtle"
                onClick={editor.requestClose}
                isDisabled={saving !== null}
                testId={`${name}-cancel`}
              >
                Cancel
              </Button>
              {extraActions}
              <Button
                type="submit"
                appearance="primary"
                isLoading={saving === 'save'}
                isDisabled={reloading || (saving !== null && saving !== 'save') || locked}
                testId={`${name}-save`}
              >
                {editor.gone ? `Save as new ${editor.noun}` : editor.creating ? labels.create : labels.save}
              </Button>
            </>
          )}
        </ModalFooter>
      </form>
    </ModalDialog>
  );
}
