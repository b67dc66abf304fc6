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

const KINDS = [
  ['outcomes', 'Outcomes'],
  ['kpis', 'KPIs'],
  ['checkIns', 'Check-ins'],
  ['rules', 'Mapping rules'],
] as const;
const SETTINGS: Record<ImportResult['settings'], string> = {
  create: 'saved from the file',
  update: 'replaced by the file’s',
  unchanged: 'as in the file already',
  absent: 'not in the file: left as they are',
  kept: 'left as they are (only Jira admins change them)',
};

/** What the import would do: per kind, how many records it creates, updates and leaves alone; which by name. */
function ImportPreview({ preview }: { preview: ImportResult }) {
  const uid = useId();
  return (
    <section
      className="ob-stack ob-stack--tight"
      aria-labelledby={`${uid}-title`}
      data-testid="import-preview"
    >
      <h3 className="ob-heading" id={`${uid}-title`}>
        What the import will do
      </h3>
      <table className="ob-table ob-table--compact">
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col">Create</th>
            <th scope="col">Update</th>
            <th scope="col">Leave alone</th>
          </tr>
        </thead>
        <tbody>
          {KINDS.map(([key, label]) => (
            <tr key={key} data-testid={`import-preview-${key}`}>
              <th scope="row">{label}</th>
              <td>{preview[key].create}</td>
              <td>{preview[key].update}</td>
              <td>{preview[key].unchanged}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="ob-small" data-testid="import-preview-settings">
        Settings: {SETTINGS[preview.settings]}.
      </p>
      {preview.changes.length > 0 ? (
        <ul className="ob-small" data-testid="import-preview-changes">
          {preview.changes.map((c) => (
            <li key={`${c.kind}:${c.id}`}>
              {c.action === 'create' ? 'Creates' : 'Updates'} the {c.kind} “{c.name}”
            </li>
          ))}
        </ul>
      ) : (
        <p className="ob-small" data-testid="import-preview-nothing">
          Everything in the file is here already: importing it changes nothing.
        </p>
      )}
      {preview.warnings.map((w) => (
        <Notice key={w} appearance="warning" title="Worth knowing">
          <p>{w}</p>
        </Notice>
      ))}
    </section>
  );
}

const SHOWN_ERRORS = 10;

export interface ImportDialogProps {
  onClose: () => void;
  onImported: (result: ImportResult) => void;
}

/**
 * Restores a backup from a JSON file (chosen or pasted). The JSON is parsed here first, so a broken file is
 * reported at once; then the server checks the whole file and says what importing it would create,
 * update and leave alone (the preview); only then can the admin import exactly that plan.
 */
export default function ImportDialog({ onClose, onImported }: ImportDialogProps) {
  const { previewDocument, importDocument } = useTransfer();
  const [preview, setPreview] = useState<ImportResult | null>(null);
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
      setPreview(null);
    } catch {
      setReadError(`“${file.name}” could not be read. Choose it again, or paste its contents below.`);
    }
  };

  const submit = async () => {
    if (busy || parsed.status !== 'parsed') return;
    setBusy(true);
    setError(null);
    if (!preview) {
      const reply = await previewDocument(parsed.document);
      setBusy(false);
      if (reply.ok) setPreview(reply.data);
      else setError(reply.error);
      return;
    }
    const reply = await importDocument(parsed.document, preview.token);
    setBusy(false);
    if (reply.ok) onImported(reply.data);
    else {
      setError(reply.error);
      // A plan that changed since its preview is previewed again before anything can be imported.
      if (reply.error.code === 'CONFLICT') setPreview(null);
    }
  };
  const edited = () => {
    setError(null);
    setPreview(null);
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
            Use a backup exported from Outcome Bridge, edited or from another site: outcomes, KPIs with their
            values and check-in history, mapping rules and settings. Records whose ids exist here are brought
            to the file’s state, the others are created, and those that already match are left alone, so
            importing a file twice changes nothing. Nothing is deleted. First you see what the import would
            do; then you import exactly that. If anything in the file is wrong, nothing is imported and the
            first problems are listed.
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
                edited();
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
          {preview ? <ImportPreview preview={preview} /> : null}
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
          {preview ? 'Import' : 'Check the file'}
        </Button>
      </ModalFooter>
    </ModalDialog>
  );
}
