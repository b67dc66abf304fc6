import Button from '@atlaskit/button/default/button';
import ModalBody from '@atlaskit/modal-dialog/modal-body';
import ModalDialog from '@atlaskit/modal-dialog/modal-dialog';
import ModalFooter from '@atlaskit/modal-dialog/modal-footer';
import ModalHeader from '@atlaskit/modal-dialog/modal-header';
import ModalTitle from '@atlaskit/modal-dialog/modal-title';
import Select from '@atlaskit/select/select';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import type { AppErrorBody, Reply } from '@contract/envelope';
import { OUTCOME_STATES, type RollupMethod } from '@contract/limits';
import type { AdminOutcome as SavedOutcome } from '@contract/outcome';
import type { OutcomeState } from '@contract/primitives';
import { ErrorState } from '@shared/components/ErrorState';
import { Notice } from '@shared/components/Notice';
import { formatMoment } from '@shared/format';
import { type FormEvent, type RefObject, useId, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { ConflictNotice } from './ConflictNotice';
import { DecisionRolesFields } from './DecisionRolesFields';
import { FieldShell } from './FieldShell';
import {
  draftOf,
  emptyForm,
  type FieldMessages,
  type FormField,
  firstInvalid,
  formOf,
  issueTypeOf,
  isWeightField,
  type OutcomeForm,
  placeFieldErrors,
  precheck,
  rollupOf,
  STATEMENT_MAX,
  sameForm,
  sameRollup,
  TITLE_MAX,
  weightField,
  withWeight,
} from './outcome-form';
import { ParentField } from './ParentField';
import { RollupFields } from './RollupFields';
import { weighableTypes } from './rollup-form';
import { UserPicker } from './UserPicker';
import { type AdminData, type AdminOutcome, type AdminProject, useOutcomeMutations } from './use-admin-page';
import { useRollupOptions } from './use-rollup-options';

export interface OutcomeEditorProps {
  /** The outcome to edit, as loaded; null to create one. */
  outcome: AdminOutcome | null;
  projects: AdminProject[];
  /** Every outcome on the page: the choices for the parent outcome. */
  outcomes: readonly AdminOutcome[];
  /** Projects a new outcome starts with (e.g. the project the list is filtered by). */
  initialProjectKeys: string[];
  onClose: () => void;
  onSaved: (saved: SavedOutcome, how: 'created' | 'updated') => void;
  /** Loads the admin page again (and updates its table); the editor picks its outcome from the answer. */
  refresh: () => Promise<Reply<AdminData>>;
  /** Where focus goes when the editor closes (its trigger unless this names another element). */
  returnFocus?: RefObject<HTMLElement>;
}

interface ProjectOption {
  label: string;
  value: string;
}

const STATE_LABEL: Record<OutcomeState, { label: string; hint: string }> = {
  active: { label: 'Active', hint: 'work towards it is under way' },
  achieved: { label: 'Achieved', hint: 'the result was reached' },
  dropped: { label: 'Dropped', hint: 'no longer pursued' },
};
/** The contract's states, listed here so the browser gets no schema code. */
const STATES: readonly OutcomeState[] = OUTCOME_STATES;

/** A field name as a DOM id: issue type names (in weight fields) may hold spaces or any other character. */
const domSafe = (field: string) =>
  field.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)?.toString(16) ?? ''}_`);

/**
 * Creates or edits one outcome in a modal. The form keeps what the user typed through every error;
 * the server's field errors appear under their fields and its message at the top. A save that lost a race
 * (CONFLICT) keeps the edits and offers to load the other person's version instead, after confirming.
 */
export default function OutcomeEditor({
  outcome,
  projects,
  outcomes,
  initialProjectKeys,
  onClose,
  onSaved,
  refresh,
  returnFocus,
}: OutcomeEditorProps) {
  const { create, update } = useOutcomeMutations();
  const uid = useId();
  const fieldId = (field: FormField) => `${uid}-${domSafe(field)}`;
  const rollupOptions = useRollupOptions();
  const titleRef = useRef<HTMLInputElement>(null);
  const topRef = useRef<HTMLDivElement>(null);

  const [form, setForm] = useState<OutcomeForm>(() =>
    outcome ? formOf(outcome) : emptyForm(initialProjectKeys),
  );
  /** The values last loaded from the server: the form is "dirty" when it differs from them. */
  const [loaded, setLoaded] = useState<OutcomeForm>(form);
  /** Which stored outcome a save updates, and the version the user's edits are based on. */
  const [base, setBase] = useState(outcome ? { id: outcome.id, version: outcome.version } : null);
  const [fieldMessages, setFieldMessages] = useState<FieldMessages>({});
  const [otherMessages, setOtherMessages] = useState<string[]>([]);
  const [serverError, setServerError] = useState<AppErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState<'reload' | 'discard' | null>(null);
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<AppErrorBody | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  /** The outcome was deleted after the editor opened: the edits can still be saved as a new outcome. */
  const [gone, setGone] = useState(false);
  /** The reloaded outcome now spans a project this user does not administer. */
  const [locked, setLocked] = useState(false);

  const dirty = !sameForm(form, loaded);
  const creating = base === null || gone;
  /** The issue types whose weight fields show; only these are checked before saving. */
  const shownWeightTypes =
    form.rollupMethod === 'weights' && rollupOptions.state.status === 'ready'
      ? weighableTypes(rollupOptions.state.data, form.countSubtasks).map((t) => t.name)
      : [];

  const projectOptions = useMemo<ProjectOption[]>(() => {
    const manageable = projects.filter((p) => p.canManage);
    const options = manageable.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` }));
    for (const key of form.projectKeys) {
      if (!options.some((o) => o.value === key)) {
        const known = projects.find((p) => p.key === key);
        options.push({ value: key, label: known ? `${known.name} (${key})` : key });
      }
    }
    return options;
  }, [projects, form.projectKeys]);

  const focusField = (field: FormField) => {
    const element =
      field === 'state' || field === 'rollupMethod'
        ? document.querySelector<HTMLInputElement>(`input[name="${uid}-${field}"]:checked`)
        : document.getElementById(fieldId(field));
    // A group (the weights) takes focus on its first field.
    const target = element instanceof HTMLFieldSetElement ? element.querySelector('input') : element;
    target?.focus();
  };
  const showTop = () => {
    topRef.current?.scrollIntoView({ block: 'nearest' });
    topRef.current?.focus();
  };

  const clearMessage = (field: FormField) =>
    setFieldMessages((m) => {
      if (m[field] === undefined) return m;
      const next = { ...m };
      delete next[field];
      return next;
    });
  const set = <K extends keyof OutcomeForm>(field: K, value: OutcomeForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    clearMessage(field);
  };
  const setWeight = (issueType: string, text: string) => {
    setForm((f) => ({ ...f, weights: withWeight(f.weights, issueType, text) }));
    clearMessage(weightField(issueType));
  };

  /**
   * The server's field errors, placed under their fields; a message for a field the form does not show
   * right now (the weight of a type that is not listed) joins the others at the top, so none is lost.
   */
  const placeServerErrors = (errors: Parameters<typeof placeFieldErrors>[0]) => {
    const { byField, other } = placeFieldErrors(errors);
    const shown = new Set(shownWeightTypes);
    for (const field of Object.keys(byField) as FormField[]) {
      const hidden =
        (isWeightField(field) && !shown.has(issueTypeOf(field))) ||
        (field === 'weights' && shownWeightTypes.length === 0);
      if (!hidden) continue;
      const message = byField[field];
      if (message) other.push(isWeightField(field) ? `${issueTypeOf(field)}: ${message}` : message);
      delete byField[field];
    }
    return { byField, other };
  };

  const save = async () => {
    if (saving || locked) return;
    setInfo(null);
    setReloadError(null);
    setConfirming(null);
    const local = precheck(form, shownWeightTypes);
    const firstLocal = firstInvalid(local);
    if (firstLocal) {
      setFieldMessages(local);
      setOtherMessages([]);
      setServerError(null);
      focusField(firstLocal);
      return;
    }
    setSaving(true);
    const draft = draftOf(form);
    const target = creating ? null : base;
    const reply = target ? await update(target.id, target.version, draft) : await create(draft);
    if (reply.ok) {
      setSaving(false);
      onSaved(reply.data, target ? 'updated' : 'created');
      return;
    }
    const { byField, other } = placeServerErrors(reply.error.fieldErrors);
    // Rendered at once, so the fields are enabled again and the first one with an error can take focus.
    flushSync(() => {
      setSaving(false);
      setFieldMessages(byField);
      setOtherMessages(other);
      setServerError(reply.error);
      if (reply.error.code === 'NOT_FOUND' && target) setGone(true);
    });
    if (reply.error.code === 'NOT_FOUND' && target) void refresh(); // the table should stop listing it too
    const first = firstInvalid(byField);
    if (first) focusField(first);
    else showTop();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  /** Replaces the form with the stored version (after the user confirmed, when they had edits). */
  const loadTheirs = async () => {
    if (!base) return;
    setReloading(true);
    setReloadError(null);
    const reply = await refresh();
    setReloading(false);
    setConfirming(null);
    if (!reply.ok) {
      setReloadError(reply.error);
      return;
    }
    const current = reply.data.outcomes.find((o) => o.id === base.id);
    setFieldMessages({});
    setOtherMessages([]);
    if (!current) {
      setGone(true);
      setServerError({
        code: 'NOT_FOUND',
        message:
          'This outcome was deleted after you opened it. Your edits are still here: save them as a new outcome, or cancel.',
        fieldErrors: [],
      });
      return;
    }
    const next = formOf(current);
    setForm(next);
    setLoaded(next);
    setBase({ id: current.id, version: current.version });
    setServerError(null);
    setLocked(!current.canManage);
    setInfo(
      current.canManage
        ? `This is the version ${current.updatedBy?.displayName ?? 'someone'} saved ${formatMoment(current.updatedAt)}. Make your changes again, then save.`
        : `${current.updatedBy?.displayName ?? 'Someone'} moved this outcome into a project you do not administer, so you can no longer change it.`,
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
  const heading = creating ? 'Create an outcome' : 'Edit outcome';
  const disabled = saving || reloading || locked;
  const recomputes = !creating && !sameRollup(form, loaded);

  return (
    <ModalDialog
      onClose={requestClose}
      width="large"
      autoFocus={titleRef}
      shouldReturnFocus={returnFocus ?? true}
      label={heading}
      testId="outcome-editor"
      shouldCloseOnOverlayClick={false}
    >
      <form className="ob-modal-form" onSubmit={onSubmit} noValidate aria-label={heading}>
        <ModalHeader>
          <ModalTitle>{heading}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <div className="ob-stack">
            <div ref={topRef} tabIndex={-1} className="ob-field" data-testid="editor-messages">
              {conflict ? (
                <ConflictNotice error={conflict}>
                  <p>
                    <Button
                      onClick={askToLoadTheirs}
                      isLoading={reloading}
                      isDisabled={saving}
                      testId="reload-their-version"
                    >
                      Reload their version
                    </Button>
                  </p>
                </ConflictNotice>
              ) : null}
              {otherError ? (
                <div data-testid="editor-error">
                  <ErrorState error={otherError} />
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
                <Notice appearance={locked ? 'warning' : 'information'}>
                  <p data-testid="editor-info">{info}</p>
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
                      testId="confirm-reload"
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

            <div className="ob-form-grid">
              <FieldShell
                id={fieldId('title')}
                label="Title"
                required
                wide
                testId="outcome-title-field"
                error={fieldMessages.title}
                helper={`${form.title.trim().length} of ${TITLE_MAX} characters.`}
              >
                {(aria) => (
                  <Textfield
                    ref={titleRef}
                    id={aria.id}
                    name="title"
                    testId="outcome-title"
                    value={form.title}
                    onChange={(e) => set('title', e.currentTarget.value)}
                    isInvalid={aria.invalid}
                    isDisabled={disabled}
                    isRequired
                    aria-describedby={aria.describedBy}
                    placeholder="e.g. Fewer shoppers abandon checkout"
                  />
                )}
              </FieldShell>

              <FieldShell
                id={fieldId('statement')}
                label="Statement"
                required
                wide
                testId="outcome-statement-field"
                error={fieldMessages.statement}
                helper={
                  <>
                    In business words: what changes for customers or the business, and why it matters. For
                    example: “Shoppers who reach checkout finish buying, so online revenue grows without more
                    marketing spend.” {form.statement.trim().length} of {STATEMENT_MAX} characters.
                  </>
                }
              >
                {(aria) => (
                  <Textarea
                    id={aria.id}
                    name="statement"
                    testId="outcome-statement"
                    value={form.statement}
                    onChange={(e) => set('statement', e.currentTarget.value)}
                    isInvalid={aria.invalid}
                    isDisabled={disabled}
                    isRequired
                    minimumRows={3}
                    resize="vertical"
                    aria-describedby={aria.describedBy}
                  />
                )}
              </FieldShell>

              <FieldShell
                id={fieldId('projectKeys')}
                label="Projects"
                required
                wide
                testId="outcome-projects"
                error={fieldMessages.projectKeys}
                helper="The projects whose work serves this outcome. You can choose projects you administer."
              >
                {(aria) => (
                  <Select<ProjectOption, true>
                    inputId={aria.id}
                    aria-describedby={aria.describedBy}
                    isInvalid={aria.invalid}
                    isDisabled={disabled}
                    isMulti
                    options={projectOptions}
                    value={projectOptions.filter((o) => form.projectKeys.includes(o.value))}
                    onChange={(options) =>
                      set(
                        'projectKeys',
                        options.map((o) => o.value),
                      )
                    }
                    placeholder="Choose projects"
                    menuPlacement="auto"
                    noOptionsMessage={() => 'No other project you administer.'}
                  />
                )}
              </FieldShell>

              <FieldShell
                id={fieldId('businessOwner')}
                label="Business owner"
                required
                testId="outcome-business-owner"
                error={fieldMessages.businessOwner}
                helper="Answers for the value: decides what success means."
              >
                {(aria) => (
                  <UserPicker
                    aria={aria}
                    value={form.businessOwner}
                    onChange={(user) => set('businessOwner', user)}
                    isDisabled={disabled}
                  />
                )}
              </FieldShell>

              <FieldShell
                id={fieldId('technologyOwner')}
                label="Technology owner"
                required
                testId="outcome-technology-owner"
                error={fieldMessages.technologyOwner}
                helper="Answers for the delivery: how the work gets done."
              >
                {(aria) => (
                  <UserPicker
                    aria={aria}
                    value={form.technologyOwner}
                    onChange={(user) => set('technologyOwner', user)}
                    isDisabled={disabled}
                  />
                )}
              </FieldShell>

              <DecisionRolesFields
                fieldId={fieldId}
                values={{ decides: form.decides, advises: form.advises, escalatedTo: form.escalatedTo }}
                messages={fieldMessages}
                disabled={disabled}
                onChange={(field, users) => set(field, users)}
              />

              <ParentField
                id={fieldId('parentId')}
                outcomeId={creating ? null : (base?.id ?? null)}
                outcomes={outcomes}
                value={form.parentId}
                error={fieldMessages.parentId}
                disabled={disabled}
                onChange={(parentId) => set('parentId', parentId)}
              />

              <FieldShell
                id={fieldId('startDate')}
                label="Start date"
                required
                testId="outcome-start-date-field"
                error={fieldMessages.startDate}
              >
                {(aria) => (
                  <Textfield
                    type="date"
                    id={aria.id}
                    name="startDate"
                    testId="outcome-start-date"
                    value={form.startDate}
                    onChange={(e) => set('startDate', e.currentTarget.value)}
                    isInvalid={aria.invalid}
                    isDisabled={disabled}
                    aria-describedby={aria.describedBy}
                  />
                )}
              </FieldShell>

              <FieldShell
                id={fieldId('dueDate')}
                label="Due date"
                required
                testId="outcome-due-date-field"
                error={fieldMessages.dueDate}
                helper="After the start date."
              >
                {(aria) => (
                  <Textfield
                    type="date"
                    id={aria.id}
                    name="dueDate"
                    testId="outcome-due-date"
                    value={form.dueDate}
                    onChange={(e) => set('dueDate', e.currentTarget.value)}
                    isInvalid={aria.invalid}
                    isDisabled={disabled}
                    aria-describedby={aria.describedBy}
                  />
                )}
              </FieldShell>

              <fieldset
                className="ob-field ob-field--wide ob-radios"
                data-testid="outcome-state"
                aria-describedby={fieldMessages.state ? `${fieldId('state')}-error` : undefined}
                disabled={disabled}
              >
                <legend className="ob-label">State</legend>
                {STATES.map((state) => (
                  <label className="ob-radio" key={state}>
                    <input
                      type="radio"
                      name={`${uid}-state`}
                      value={state}
                      checked={form.state === state}
                      onChange={() => set('state', state)}
                      data-testid={`outcome-state-${state}`}
                    />
                    <span>
                      {STATE_LABEL[state].label}
                      <span className="ob-muted ob-small"> · {STATE_LABEL[state].hint}</span>
                    </span>
                  </label>
                ))}
                {fieldMessages.state ? (
                  <p className="ob-field-error" id={`${fieldId('state')}-error`}>
                    {fieldMessages.state}
                  </p>
                ) : null}
              </fieldset>

              <RollupFields
                idOf={fieldId}
                radioName={`${uid}-rollupMethod`}
                form={form}
                settings={rollupOf(form)}
                options={rollupOptions.state}
                onRetryOptions={() => void rollupOptions.reload()}
                messages={fieldMessages}
                disabled={disabled}
                recomputes={recomputes}
                onMethod={(method: RollupMethod) => set('rollupMethod', method)}
                onCountSubtasks={(on) => set('countSubtasks', on)}
                onWeight={setWeight}
              />
            </div>
          </div>
        </ModalBody>
        <ModalFooter>
          {confirming === 'discard' ? (
            <div className="ob-actions">
              <span className="ob-muted ob-center">Discard your changes?</span>
              <Button appearance="warning" onClick={onClose} testId="confirm-discard">
                Discard changes
              </Button>
              <Button appearance="subtle" onClick={() => setConfirming(null)} autoFocus>
                Keep editing
              </Button>
            </div>
          ) : (
            <>
              <Button appearance="subtle" onClick={requestClose} isDisabled={saving} testId="outcome-cancel">
                Cancel
              </Button>
              <Button
                type="submit"
                appearance="primary"
                isLoading={saving}
                isDisabled={reloading || locked}
                testId="outcome-save"
              >
                {gone ? 'Save as new outcome' : creating ? 'Create outcome' : 'Save changes'}
              </Button>
            </>
          )}
        </ModalFooter>
      </form>
    </ModalDialog>
  );
}
