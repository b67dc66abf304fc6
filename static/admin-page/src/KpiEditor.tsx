import Button from '@atlaskit/button/default/button';
import ModalBody from '@atlaskit/modal-dialog/modal-body';
import ModalDialog from '@atlaskit/modal-dialog/modal-dialog';
import ModalFooter from '@atlaskit/modal-dialog/modal-footer';
import ModalHeader from '@atlaskit/modal-dialog/modal-header';
import ModalTitle from '@atlaskit/modal-dialog/modal-title';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import type { AppErrorBody, Reply } from '@contract/envelope';
import type { KpiKind } from '@contract/limits';
import type { AdminOutcome } from '@contract/outcome';
import { ErrorState } from '@shared/components/ErrorState';
import { Notice } from '@shared/components/Notice';
import { formatMoment } from '@shared/format';
import { type FormEvent, type RefObject, useId, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { ConflictNotice } from './ConflictNotice';
import { FieldShell } from './FieldShell';
import { KpiMeasureFields } from './KpiMeasureFields';
import { KpiPairField } from './KpiPairField';
import { KpiSourceFields } from './KpiSourceFields';
import {
  DESCRIPTION_MAX,
  emptyKpiForm,
  firstInvalidKpiField,
  type KpiField,
  type KpiForm,
  type KpiMessages,
  kpiDraftOf,
  kpiFormOf,
  kpiPrecheck,
  NAME_MAX,
  placeKpiErrors,
  type SetKpiField,
  sameKpiForm,
  smartOf,
} from './kpi-form';
import { KIND_HINT, KIND_NAME, KINDS } from './kpi-labels';
import { SmartFeedback } from './SmartFeedback';
import { TranslationPreview } from './TranslationPreview';
import { type KpiView, type OutcomeDetail, useKpiMutations } from './use-outcome-detail';

export interface KpiEditorProps {
  outcome: AdminOutcome;
  /** The outcome's KPIs as last loaded: the choices for pairing. */
  kpis: readonly KpiView[];
  /** The KPI to edit; null to add one. */
  kpi: KpiView | null;
  onClose: () => void;
  /** The outcome's detail after the save, and the id of the KPI saved. */
  onSaved: (detail: OutcomeDetail, kpiId: string, how: 'created' | 'updated') => void;
  /** Loads the outcome's detail again (after a conflict); the editor picks its KPI from the answer. */
  refreshDetail: () => Promise<Reply<OutcomeDetail>>;
  /** Where focus goes when the editor closes (its trigger unless this names another element). */
  returnFocus: RefObject<HTMLElement>;
}

const isKind = (value: string): value is KpiKind => KINDS.some((k) => k === value);

/**
 * Adds or edits one KPI of an outcome. The SMART check and the business translation update as the admin
 * types; a KPI that fails SMART can be saved only as a draft. Nothing typed is lost on errors, and a save
 * that lost a race (CONFLICT) keeps the edits and offers the other person's version instead.
 */
export default function KpiEditor({
  outcome,
  kpis,
  kpi,
  onClose,
  onSaved,
  refreshDetail,
  returnFocus,
}: KpiEditorProps) {
  const { create, update } = useKpiMutations();
  const uid = useId();
  const fieldId = (field: KpiField) => `${uid}-${field}`;
  const nameRef = useRef<HTMLInputElement>(null);
  const topRef = useRef<HTMLDivElement>(null);

  const [form, setForm] = useState<KpiForm>(() => (kpi ? kpiFormOf(kpi) : emptyKpiForm(outcome, kpis)));
  const [loaded, setLoaded] = useState<KpiForm>(form);
  const [base, setBase] = useState(kpi ? { id: kpi.id, version: kpi.version } : null);
  const [messages, setMessages] = useState<KpiMessages>({});
  const [otherMessages, setOtherMessages] = useState<string[]>([]);
  const [serverError, setServerError] = useState<AppErrorBody | null>(null);
  const [saving, setSaving] = useState<'save' | 'draft' | null>(null);
  const [confirming, setConfirming] = useState<'reload' | 'discard' | null>(null);
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<AppErrorBody | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  /** The KPI was deleted after the editor opened: the edits can still be saved as a new KPI. */
  const [gone, setGone] = useState(false);

  const findings = useMemo(() => smartOf(form, outcome), [form, outcome]);
  const dirty = !sameKpiForm(form, loaded);
  const creating = base === null || gone;
  const rejected = serverError?.code === 'VALIDATION_FAILED';
  const offerDraft = findings.length > 0 || rejected;
  const disabled = saving !== null || reloading;

  const focusField = (field: KpiField) => document.getElementById(fieldId(field))?.focus();
  const showTop = () => {
    topRef.current?.scrollIntoView({ block: 'nearest' });
    topRef.current?.focus();
  };

  const set: SetKpiField = (field, value) => {
    setForm((f) => ({ ...f, [field]: value }));
    setMessages((m) => {
      if (m[field] === undefined) return m;
      const next = { ...m };
      delete next[field];
      return next;
    });
  };

  const save = async (asDraft: boolean) => {
    if (saving) return;
    setInfo(null);
    setReloadError(null);
    setConfirming(null);
    const local = kpiPrecheck(form);
    const firstLocal = firstInvalidKpiField(local);
    if (firstLocal) {
      setMessages(local);
      setOtherMessages([]);
      setServerError(null);
      focusField(firstLocal);
      return;
    }
    setSaving(asDraft ? 'draft' : 'save');
    const draft = kpiDraftOf(form, outcome.id);
    const target = creating ? null : base;
    const reply = target
      ? await update(target.id, target.version, draft, asDraft)
      : await create(draft, asDraft);
    if (reply.ok) {
      setSaving(null);
      const before = new Set(kpis.map((k) => k.id));
      const savedId = target?.id ?? reply.data.kpis.find((k) => !before.has(k.id))?.id ?? '';
      onSaved(reply.data, savedId, target ? 'updated' : 'created');
      return;
    }
    const { byField, other } = placeKpiErrors(reply.error.fieldErrors);
    // Rendered at once, so the fields are enabled again and the first one with an error can take focus.
    flushSync(() => {
      setSaving(null);
      setMessages(byField);
      setOtherMessages(other);
      setServerError(reply.error);
      if (reply.error.code === 'NOT_FOUND' && target) setGone(true);
    });
    const first = firstInvalidKpiField(byField);
    if (first) focusField(first);
    else showTop();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  /** Replaces the form with the stored KPI (after the user confirmed, when they had edits). */
  const loadTheirs = async () => {
    if (!base) return;
    setReloading(true);
    setReloadError(null);
    const reply = await refreshDetail();
    setReloading(false);
    setConfirming(null);
    if (!reply.ok) {
      setReloadError(reply.error);
      return;
    }
    const current = reply.data.kpis.find((k) => k.id === base.id);
    setMessages({});
    setOtherMessages([]);
    if (!current) {
      setGone(true);
      setServerError({
        code: 'NOT_FOUND',
        message:
          'This KPI was deleted after you opened it. Your edits are still here: save them as a new KPI, or cancel.',
        fieldErrors: [],
      });
      return;
    }
    const next = kpiFormOf(current);
    setForm(next);
    setLoaded(next);
    setBase({ id: current.id, version: current.version });
    setServerError(null);
    setInfo(
      `This is the version ${current.updatedBy?.displayName ?? 'someone'} saved ${formatMoment(current.updatedAt)}. Make your changes again, then save.`,
    );
    showTop();
  };

  const askToLoadTheirs = () => {
    if (dirty) setConfirming('reload');
    else void loadTheirs();
  };

  const requestClose = () => {
    if (saving) return;
    if (dirty) setConfirming('discard');
    else onClose();
  };

  const conflict = serverError?.code === 'CONFLICT' ? serverError : null;
  const otherError = serverError && serverError.code !== 'CONFLICT' ? serverError : null;
  const heading = creating ? `Add a KPI to “${outcome.title}”` : `Edit KPI “${loaded.name || kpi?.name}”`;

  return (
    <ModalDialog
      onClose={requestClose}
      width="x-large"
      autoFocus={nameRef}
      shouldReturnFocus={returnFocus}
      label={heading}
      testId="kpi-editor"
      shouldCloseOnOverlayClick={false}
    >
      <form className="ob-modal-form" onSubmit={onSubmit} noValidate aria-label={heading}>
        <ModalHeader>
          <ModalTitle>{heading}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <div className="ob-stack">
            <div ref={topRef} tabIndex={-1} className="ob-field" data-testid="kpi-editor-messages">
              {conflict ? (
                <ConflictNotice error={conflict}>
                  <p>
                    <Button
                      onClick={askToLoadTheirs}
                      isLoading={reloading}
                      isDisabled={saving !== null}
                      testId="kpi-reload-their-version"
                    >
                      Reload their version
                    </Button>
                  </p>
                </ConflictNotice>
              ) : null}
              {otherError ? (
                <div data-testid="kpi-editor-error">
                  <ErrorState error={otherError} />
                  {rejected && findings.length > 0 ? (
                    <p className="ob-small">
                      To keep it while you work on it, use “Save as draft”: drafts are listed but do not count
                      until they pass.
                    </p>
                  ) : null}
                </div>
              ) : null}
              {otherMessages.length > 0 ? (
                <Notice appearance="error" title="Also check">
                  <ul>
                    {otherMessages.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                </Notice>
              ) : null}
              {reloadError ? <ErrorState error={reloadError} onRetry={() => void loadTheirs()} /> : null}
              {info ? (
                <Notice appearance="information">
                  <p data-testid="kpi-editor-info">{info}</p>
                </Notice>
              ) : null}
              {confirming === 'reload' ? (
                <Notice appearance="warning" title="Replace your edits?">
                  <p>
                    Loading their version replaces everything in this form. What you typed here will be lost.
                  </p>
                  <p className="ob-actions ob-actions--start">
                    <Button
                      appearance="warning"
                      onClick={() => void loadTheirs()}
                      isLoading={reloading}
                      testId="kpi-confirm-reload"
                    >
                      Replace my edits
                    </Button>
                    <Button appearance="subtle" onClick={() => setConfirming(null)}>
                      Keep my edits
                    </Button>
                  </p>
                </Notice>
              ) : null}
            </div>

            <div className="ob-editor-layout">
              <div className="ob-form-grid">
                <FieldShell
                  id={fieldId('name')}
                  label="Name"
                  required
                  wide
                  error={messages.name}
                  helper={`What is measured, in words both sides use. ${form.name.trim().length} of ${NAME_MAX} characters.`}
                >
                  {(aria) => (
                    <Textfield
                      ref={nameRef}
                      id={aria.id}
                      testId="kpi-name"
                      value={form.name}
                      onChange={(e) => set('name', e.currentTarget.value)}
                      isInvalid={aria.invalid}
                      isDisabled={disabled}
                      aria-describedby={aria.describedBy}
                      placeholder="e.g. Checkout abandonment rate"
                    />
                  )}
                </FieldShell>

                <FieldShell
                  id={fieldId('description')}
                  label="Description"
                  wide
                  error={messages.description}
                  helper={`How it is measured and where the number comes from. ${form.description.trim().length} of ${DESCRIPTION_MAX} characters.`}
                >
                  {(aria) => (
                    <Textarea
                      id={aria.id}
                      testId="kpi-description"
                      value={form.description}
                      onChange={(e) => set('description', e.currentTarget.value)}
                      isInvalid={aria.invalid}
                      isDisabled={disabled}
                      minimumRows={2}
                      resize="vertical"
                      aria-describedby={aria.describedBy}
                      placeholder="Share of sessions that reach the cart but do not complete payment, from web analytics."
                    />
                  )}
                </FieldShell>

                <FieldShell
                  id={fieldId('kind')}
                  label="Kind"
                  required
                  wide
                  error={messages.kind}
                  helper={`${KIND_NAME[form.kind]}: ${KIND_HINT[form.kind]}.`}
                >
                  {(aria) => (
                    <select
                      id={aria.id}
                      className="ob-select"
                      value={form.kind}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        if (isKind(value)) set('kind', value);
                      }}
                      disabled={disabled}
                      aria-invalid={aria.invalid || undefined}
                      aria-describedby={aria.describedBy}
                      data-testid="kpi-kind"
                    >
                      {KINDS.map((k) => (
                        <option key={k} value={k}>
                          {KIND_NAME[k]}
                        </option>
                      ))}
                    </select>
                  )}
                </FieldShell>

                <KpiMeasureFields
                  form={form}
                  set={set}
                  messages={messages}
                  fieldId={fieldId}
                  disabled={disabled}
                  outcomeStart={outcome.startDate}
                  outcomeDue={outcome.dueDate}
                />

                <KpiPairField
                  id={fieldId('pairedKpiId')}
                  form={form}
                  outcomeId={outcome.id}
                  kpiId={creating ? null : (base?.id ?? null)}
                  kpis={kpis}
                  error={messages.pairedKpiId}
                  disabled={disabled}
                  onChange={(id) => set('pairedKpiId', id)}
                />

                <KpiSourceFields
                  form={form}
                  set={set}
                  messages={messages}
                  fieldId={fieldId}
                  disabled={disabled}
                />
              </div>
              <aside className="ob-editor-aside" aria-label="Checks as you type">
                <SmartFeedback findings={findings} />
                <TranslationPreview form={form} />
              </aside>
            </div>
          </div>
        </ModalBody>
        <ModalFooter>
          {confirming === 'discard' ? (
            <div className="ob-actions">
              <span className="ob-muted ob-center">Discard your changes?</span>
              <Button appearance="warning" onClick={onClose} testId="kpi-confirm-discard">
                Discard changes
              </Button>
              <Button appearance="subtle" onClick={() => setConfirming(null)} autoFocus>
                Keep editing
              </Button>
            </div>
          ) : (
            <>
              <Button
                appearance="subtle"
                onClick={requestClose}
                isDisabled={saving !== null}
                testId="kpi-cancel"
              >
                Cancel
              </Button>
              {offerDraft ? (
                <Button
                  onClick={() => void save(true)}
                  isLoading={saving === 'draft'}
                  isDisabled={reloading || saving === 'save'}
                  testId="kpi-save-draft"
                >
                  Save as draft
                </Button>
              ) : null}
              <Button
                type="submit"
                appearance="primary"
                isLoading={saving === 'save'}
                isDisabled={reloading || saving === 'draft'}
                testId="kpi-save"
              >
                {gone ? 'Save as new KPI' : creating ? 'Add KPI' : 'Save KPI'}
              </Button>
            </>
          )}
        </ModalFooter>
      </form>
    </ModalDialog>
  );
}
