import Button from '@atlaskit/button/default/button';
import type { Reply } from '@contract/envelope';
import type { AdminOutcome } from '@contract/outcome';
import { ErrorState } from '@shared/components/ErrorState';
import { type RefObject, useId, useMemo, useRef } from 'react';
import { ChoiceRow } from '../common/ChoiceRow';
import { bindField } from '../common/field-group';
import { RecordEditorDialog } from '../common/RecordEditorDialog';
import { SmartFeedback } from '../common/SmartFeedback';
import { TextRow } from '../common/TextRow';
import { useRecordEditor } from '../common/use-record-editor';
import { type KpiView, type OutcomeDetail, useKpiMutations } from '../outcomes/use-outcome-detail';
import { KpiMeasureFields } from './KpiMeasureFields';
import { KpiPairField } from './KpiPairField';
import { KpiWarnings } from './KpiSmartList';
import { KpiSourceFields } from './KpiSourceFields';
import {
  achievableWarningsOf,
  DESCRIPTION_MAX,
  emptyKpiForm,
  firstInvalidKpiField,
  type KpiField,
  type KpiForm,
  kpiDraftOf,
  kpiFormOf,
  kpiPrecheck,
  NAME_MAX,
  placeKpiErrors,
  sameKpiForm,
  smartOf,
} from './kpi-form';
import { KIND_CHOICES, KIND_HINT, KIND_NAME } from './kpi-labels';
import { TranslationPreview } from './TranslationPreview';

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

  const editor = useRecordEditor<KpiForm, KpiField, KpiView, OutcomeDetail, 'save' | 'draft'>({
    noun: 'KPI',
    record: kpi,
    initialForm: () => (kpi ? kpiFormOf(kpi) : emptyKpiForm(outcome, kpis)),
    formOf: kpiFormOf,
    same: sameKpiForm,
    precheck: kpiPrecheck,
    placeErrors: placeKpiErrors,
    firstInvalid: firstInvalidKpiField,
    focusField: (field) => document.getElementById(fieldId(field))?.focus(),
    refresh: refreshDetail,
    find: (data, id) => data.kpis.find((k) => k.id === id),
    onClose,
  });
  const { form, messages, set, saving, reloading, creating, base } = editor;

  const findings = useMemo(() => smartOf(form, outcome), [form, outcome]);
  const warnings = useMemo(() => achievableWarningsOf(form, outcome, kpi), [form, outcome, kpi]);
  const rejected = editor.serverError?.code === 'VALIDATION_FAILED';
  const offerDraft = findings.length > 0 || rejected;
  const disabled = editor.busy;
  const group = { form, set, messages, fieldId, disabled };
  const bind = bindField(group);

  const save = (asDraft: boolean) =>
    void editor.save(
      asDraft ? 'draft' : 'save',
      (target) => {
        const draft = kpiDraftOf(form, outcome.id);
        return target ? update(target.id, target.version, draft, asDraft) : create(draft, asDraft);
      },
      (detail, how, target) => {
        const before = new Set(kpis.map((k) => k.id));
        const savedId = target?.id ?? detail.kpis.find((k) => !before.has(k.id))?.id ?? '';
        onSaved(detail, savedId, how);
      },
    );

  const heading = creating
    ? `Add a KPI to “${outcome.title}”`
    : `Edit KPI “${editor.loaded.name || kpi?.name}”`;

  return (
    <RecordEditorDialog
      editor={editor}
      heading={heading}
      width="x-large"
      autoFocus={nameRef}
      returnFocus={returnFocus}
      name="kpi"
      prefix="kpi-"
      labels={{ create: 'Add KPI', save: 'Save KPI' }}
      onSave={() => save(false)}
      renderError={(error) => (
        <>
          <ErrorState error={error} />
          {rejected && findings.length > 0 ? (
            <p className="ob-small">
              To keep it while you work on it, use “Save as draft”: drafts are listed but do not count until
              they pass.
            </p>
          ) : null}
        </>
      )}
      extraActions={
        offerDraft ? (
          <Button
            onClick={() => save(true)}
            isLoading={saving === 'draft'}
            isDisabled={reloading || saving === 'save'}
            testId="kpi-save-draft"
          >
            Save as draft
          </Button>
        ) : null
      }
    >
      <div className="ob-editor-layout">
        <div className="ob-form-grid">
          <TextRow
            {...bind('name')}
            label="Name"
            required
            wide
            helper={`What is measured, in words both sides use. ${form.name.trim().length} of ${NAME_MAX} characters.`}
            inputRef={nameRef}
            inputTestId="kpi-name"
            placeholder="e.g. Checkout abandonment rate"
          />

          <TextRow
            {...bind('description')}
            label="Description"
            wide
            helper={`How it is measured and where the number comes from. ${form.description.trim().length} of ${DESCRIPTION_MAX} characters.`}
            inputTestId="kpi-description"
            rows={2}
            placeholder="Share of sessions that reach the cart but do not complete payment, from web analytics."
          />

          <ChoiceRow
            {...bind('kind')}
            label="Kind"
            required
            wide
            helper={`${KIND_NAME[form.kind]}: ${KIND_HINT[form.kind]}.`}
            inputTestId="kpi-kind"
            choices={KIND_CHOICES}
          />

          <KpiMeasureFields {...group} outcomeStart={outcome.startDate} outcomeDue={outcome.dueDate} />

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

          <KpiSourceFields {...group} />
        </div>
        <aside className="ob-editor-aside" aria-label="Checks as you type">
          <SmartFeedback findings={findings} />
          <KpiWarnings findings={warnings} />
          <TranslationPreview form={form} />
        </aside>
      </div>
    </RecordEditorDialog>
  );
}
