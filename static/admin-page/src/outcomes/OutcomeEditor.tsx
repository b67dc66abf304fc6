import Select from '@atlaskit/select/select';
import type { FieldError, Reply } from '@contract/envelope';
import { OUTCOME_STATES, type RollupMethod } from '@contract/limits';
import type { AdminOutcome as SavedOutcome } from '@contract/outcome';
import type { OutcomeState } from '@contract/primitives';
import { type RefObject, useId, useMemo, useRef, useState } from 'react';
import { FieldShell, selectAria } from '../common/FieldShell';
import { bindField } from '../common/field-group';
import { RecordEditorDialog } from '../common/RecordEditorDialog';
import { TextRow } from '../common/TextRow';
import { UserPicker } from '../common/UserPicker';
import { useRecordEditor } from '../common/use-record-editor';
import { DecisionRolesFields } from './DecisionRolesFields';
import { type DueDateChoices, KpiDateImpact, kpiDateOptions } from './KpiDateImpact';
import {
  draftOf,
  emptyForm,
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
import { type AdminData, type AdminOutcome, type AdminProject, useOutcomeMutations } from './use-admin-page';
import { useKpisOfOutcome } from './use-outcome-detail';
import { useRollupOptions } from './use-rollup-options';

/** "127 of 120 characters: 7 too many.", or nothing while it fits. */
const tooLong = (text: string, max: number) => {
  const n = text.trim().length;
  return n > max ? `${n} of ${max} characters: ${n - max} too many.` : undefined;
};

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

/** The timeframe: KPIs' due dates fall inside it, and "time elapsed" is measured over it. */
const DATES = [
  { field: 'startDate', label: 'Start date', testId: 'outcome-start-date', helper: undefined },
  { field: 'dueDate', label: 'Due date', testId: 'outcome-due-date', helper: 'After the start date.' },
] as const;

/** The two owners, each one person: who answers for the value, and who for the delivery. */
const OWNERS = [
  {
    field: 'businessOwner',
    label: 'Business owner',
    testId: 'outcome-business-owner',
    helper: 'Answers for the value: decides what success means.',
  },
  {
    field: 'technologyOwner',
    label: 'Technology owner',
    testId: 'outcome-technology-owner',
    helper: 'Answers for the delivery: how the work gets done.',
  },
] as const;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

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

  /** The issue types whose weight fields show (for the form as it is now); only these are checked before saving. */
  const shownWeightTypesOf = (form: OutcomeForm) =>
    form.rollupMethod === 'weights' && rollupOptions.state.status === 'ready'
      ? weighableTypes(rollupOptions.state.data, form.countSubtasks).map((t) => t.name)
      : [];

  /**
   * The server's field errors, placed under their fields; a message for a field the form does not show
   * right now (the weight of a type that is not listed) joins the others at the top, so none is lost.
   */
  const placeServerErrors = (errors: readonly FieldError[], form: OutcomeForm) => {
    const { byField, other } = placeFieldErrors(errors);
    const shownTypes = shownWeightTypesOf(form);
    const shown = new Set(shownTypes);
    for (const field of Object.keys(byField) as FormField[]) {
      const hidden =
        (isWeightField(field) && !shown.has(issueTypeOf(field))) ||
        (field === 'weights' && shownTypes.length === 0);
      if (!hidden) continue;
      const message = byField[field];
      if (message) other.push(isWeightField(field) ? `${issueTypeOf(field)}: ${message}` : message);
      delete byField[field];
    }
    return { byField, other };
  };

  const editor = useRecordEditor({
    noun: 'outcome',
    record: outcome,
    initialForm: () => (outcome ? formOf(outcome) : emptyForm(initialProjectKeys)),
    formOf,
    same: sameForm,
    precheck: (form: OutcomeForm) => precheck(form, shownWeightTypesOf(form)),
    placeErrors: placeServerErrors,
    firstInvalid,
    focusField: (field: FormField) => {
      const element =
        field === 'state' || field === 'rollupMethod'
          ? document.querySelector<HTMLInputElement>(`input[name="${uid}-${field}"]:checked`)
          : document.getElementById(fieldId(field));
      // A group (the weights) takes focus on its first field.
      const target = element instanceof HTMLFieldSetElement ? element.querySelector('input') : element;
      target?.focus();
    },
    refresh,
    find: (data: AdminData, id) => data.outcomes.find((o) => o.id === id),
    // The reloaded outcome may now span a project this user does not administer.
    theirsInfo: (current) =>
      current.canManage
        ? undefined
        : `${current.updatedBy?.displayName ?? 'Someone'} moved this outcome into a project you do not administer, so you can no longer change it.`,
    onClose,
    // The table should stop listing it too.
    onMissing: () => void refresh(),
  });
  const { form, messages: fieldMessages, set, creating, base } = editor;
  // New dates can unpublish KPIs (due outside the timeframe) or publish drafts: said before saving.
  const datesChanged =
    !creating &&
    ISO_DAY.test(form.startDate) &&
    ISO_DAY.test(form.dueDate) &&
    form.startDate < form.dueDate &&
    (form.startDate !== editor.loaded.startDate || form.dueDate !== editor.loaded.dueDate);
  const outcomeKpis = useKpisOfOutcome(base?.id ?? null, datesChanged);
  const [dueDateChoices, setDueDateChoices] = useState<DueDateChoices>({});
  const timeframe = useMemo(
    () => ({ startDate: form.startDate, dueDate: form.dueDate }),
    [form.startDate, form.dueDate],
  );
  /** The reloaded outcome now spans a project this user does not administer. */
  const locked = editor.theirs !== null && !editor.theirs.canManage;

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

  const setWeight = (issueType: string, text: string) =>
    editor.edit((f) => ({ ...f, weights: withWeight(f.weights, issueType, text) }), weightField(issueType));

  const save = () => {
    if (locked) return;
    void editor.save(
      'save',
      (target) => {
        const draft = draftOf(form);
        const kpiOptions =
          datesChanged && outcomeKpis.kpis
            ? kpiDateOptions(outcomeKpis.kpis, timeframe, dueDateChoices)
            : { kpiDueDates: [], confirmUnpublish: [] };
        return target
          ? update(target.id, target.version, draft, {
              kpiDueDates: kpiOptions.kpiDueDates,
              confirmUnpublish: kpiOptions.confirmUnpublish,
            })
          : create(draft);
      },
      onSaved,
    );
  };

  const heading = creating ? 'Create an outcome' : 'Edit outcome';
  const disabled = editor.busy || locked;
  const bind = bindField({ form, set, messages: fieldMessages, fieldId, disabled });
  const recomputes = !creating && !sameRollup(form, editor.loaded);

  return (
    <RecordEditorDialog
      editor={editor}
      heading={heading}
      width="large"
      autoFocus={titleRef}
      returnFocus={returnFocus ?? true}
      name="outcome"
      prefix=""
      labels={{ create: 'Create outcome', save: 'Save changes' }}
      onSave={save}
      locked={locked}
    >
      <div className="ob-form-grid">
        <TextRow
          {...bind('title')}
          label="Title"
          required
          wide
          testId="outcome-title-field"
          // Too long shows as an error as soon as it is: the count alone read as a hint.
          error={fieldMessages.title ?? tooLong(form.title, TITLE_MAX)}
          helper={`${form.title.trim().length} of ${TITLE_MAX} characters.`}
          inputRef={titleRef}
          name="title"
          inputTestId="outcome-title"
          isRequired
          placeholder="e.g. Fewer shoppers abandon checkout"
        />

        <TextRow
          {...bind('statement')}
          label="Statement"
          required
          wide
          testId="outcome-statement-field"
          helper={
            <>
              In business words: what changes for customers or the business, and why it matters. For example:
              “Shoppers who reach checkout finish buying, so online revenue grows without more marketing
              spend.” {form.statement.trim().length} of {STATEMENT_MAX} characters.
            </>
          }
          name="statement"
          inputTestId="outcome-statement"
          isRequired
          rows={3}
        />

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
              {...selectAria(aria)}
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

        {OWNERS.map(({ field, label, testId, helper }) => (
          <FieldShell
            key={field}
            id={fieldId(field)}
            label={label}
            required
            testId={testId}
            error={fieldMessages[field]}
            helper={helper}
          >
            {(aria) => (
              <UserPicker
                aria={aria}
                value={form[field]}
                onChange={(user) => set(field, user)}
                isDisabled={disabled}
              />
            )}
          </FieldShell>
        ))}

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

        {DATES.map(({ field, label, testId, helper }) => (
          <TextRow
            key={field}
            {...bind(field)}
            label={label}
            required
            testId={`${testId}-field`}
            helper={helper}
            type="date"
            name={field}
            inputTestId={testId}
          />
        ))}

        {datesChanged ? (
          <KpiDateImpact
            kpis={outcomeKpis.kpis}
            failed={outcomeKpis.failed}
            timeframe={timeframe}
            choices={dueDateChoices}
            onChoices={setDueDateChoices}
            disabled={disabled}
          />
        ) : null}

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
    </RecordEditorDialog>
  );
}
