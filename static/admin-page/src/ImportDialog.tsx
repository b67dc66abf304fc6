import Button from '@atlaskit/button/default/button';
import ModalBody from '@atlaskit/modal-dialog/modal-body';
import ModalDialog from '@atlaskit/modal-dialog/modal-dialog';
import ModalFooter from '@atlaskit/modal-dialog/modal-footer';
import ModalHeader from '@atlaskit/modal-dialog/modal-header';
import ModalTitle from '@atlaskit/modal-dialog/modal-title';
import Textarea from '@atlaskit/textarea';
import type { AdminPageContract } from '@contract/admin-page';
import type { AppErrorBody } from '@contract/envelope';
import type { OutputOf } from '@contract/surface';
import { ErrorState } from '@shared/components/ErrorState';
import { Notice } from '@shared/components/Notice';
import { type ChangeEvent, useId, useMemo, useRef, useState } from 'react';
import { parseImport } from './import-document';
import { useTransfer } from './use-transfer';

export type ImportResult = OutputOf<AdminPageContract, 'transfer/import'>;

const SHOWN_ERRORS = 10;

export interface ImportDialogProps {
  onClose: () => void;
  onImported: (result: ImportResult) => void;
}

/**
 * Imports outcomes and KPIs from a JSON file (chosen or pasted). The JSON is parsed here first, so a
 * broken file is reported at once; the server then checks the whole file and writes all of it or
 * nothing, listing its first errors.
 */
export default function ImportDialog({ onClose, onImported }: ImportDialogProps) {
  const { importDocument } = useTransfer();
  const uid = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const parsed = useMemo(() => parseImport(text), [text]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    setReadError(null);
    setError(null);
    if (!file) return;
    try {
      setText(await file.text());
      setFileName(file.name);
    } catch {
      setReadError(`“${file.name}” could not be read. Choose it again, or paste its contents below.`);
    }
  };

  const submit = async () => {
    if (busy || parsed.status !== 'parsed') return;
    setBusy(true);
    setError(null);
    const reply = await importDocument(parsed.document);
    setBusy(false);
    if (reply.ok) onImported(reply.data);
    else setError(reply.error);
  };

  const fieldErrors = error?.fieldErrors ?? [];
  return (
    <ModalDialog
      onClose={() => !busy && onClose()}
      autoFocus={fileRef}
      width="large"
      testId="import-dialog"
      shouldCloseOnOverlayClick={false}
    >
      <ModalHeader>
        <ModalTitle>Import outcomes from JSON</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <div className="ob-stack">
          <p>
            Use a file exported from Outcome Bridge, edited or from another site. Outcomes and KPIs whose ids
            exist here are updated; the others are created. It is all or nothing: if anything in the file is
            wrong, nothing is imported and the first problems are listed.
          </p>
          <div className="ob-field">
            <label className="ob-label" htmlFor={`${uid}-file`}>
              Choose a file
            </label>
            <input
              ref={fileRef}
              id={`${uid}-file`}
              type="file"
              accept="application/json,.json"
              onChange={(e) => void onFile(e)}
              disabled={busy}
              data-testid="import-file"
            />
            {fileName ? <p className="ob-helper">Read “{fileName}”.</p> : null}
            {readError ? (
              <p className="ob-field-error" role="alert">
                {readError}
              </p>
            ) : null}
          </div>
          <div className="ob-field">
            <label className="ob-label" htmlFor={`${uid}-text`}>
              Or paste the JSON
            </label>
            <Textarea
              id={`${uid}-text`}
              testId="import-text"
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setFileName(null);
                setError(null);
              }}
              isMonospaced
              minimumRows={6}
              maxHeight="40vh"
              resize="vertical"
              spellCheck={false}
              isInvalid={parsed.status === 'invalid'}
              isDisabled={busy}
              aria-describedby={`${uid}-status`}
            />
          </div>
          <div id={`${uid}-status`} aria-live="polite">
            {parsed.status === 'invalid' ? (
              <p className="ob-field-error" data-testid="import-parse-error">
                {parsed.message}
              </p>
            ) : null}
            {parsed.status === 'parsed' ? (
              <p className="ob-small" data-testid="import-summary">
                {parsed.summary}
                {parsed.warning ? <span className="ob-text-warning"> {parsed.warning}</span> : null}
              </p>
            ) : null}
          </div>
          {error ? (
            <div data-testid="import-error">
              {error.code === 'VALIDATION_FAILED' ? (
                <Notice appearance="error" title="Nothing was imported">
                  <p>{error.message}</p>
                  {fieldErrors.length > 0 ? (
                    <ul className="ob-import-errors" data-testid="import-errors">
                      {fieldErrors.slice(0, SHOWN_ERRORS).map((fe) => (
                        <li key={`${fe.path}:${fe.message}`}>{fe.message}</li>
                      ))}
                    </ul>
                  ) : null}
                  {fieldErrors.length > SHOWN_ERRORS ? (
                    <p className="ob-small">and {fieldErrors.length - SHOWN_ERRORS} more.</p>
                  ) : null}
                </Notice>
              ) : (
                <ErrorState error={error} onRetry={() => void submit()} />
              )}
            </div>
          ) : null}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose} isDisabled={busy} testId="import-cancel">
          Cancel
        </Button>
        <Button
          appearance="primary"
          onClick={() => void submit()}
          isLoading={busy}
          isDisabled={parsed.status !== 'parsed'}
          testId="import-submit"
        >
          Import
        </Button>
      </ModalFooter>
    </ModalDialog>
  );
}
