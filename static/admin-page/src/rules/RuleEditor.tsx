import type { Reply } from '@contract/envelope';
import type { AdminOutcome } from '@contract/outcome';
import { scopedRuleJql } from '@domain/mapping-rule';
import { projectsInWords } from '@domain/project-words';
import { CheckOption, withChosen } from '@shared/components/CheckOption';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import { type RefObject, useId, useMemo, useRef } from 'react';
import { FieldShell } from '../common/FieldShell';
import { bindField } from '../common/field-group';
import { JqlField } from '../common/JqlField';
import { RecordEditorDialog } from '../common/RecordEditorDialog';
import { useRecordEditor } from '../common/use-record-editor';
import { KIND_NAME } from '../kpis/kpi-labels';
import {
  emptyRuleForm,
  firstInvalidRuleField,
  placeRuleErrors,
  type RuleField,
  ruleDraftOf,
  ruleFormOf,
  rulePrecheck,
  sameRuleForm,
} from './rule-form';
import { type RulesData, type RuleView, useOutcomeKpis, useRuleMutations } from './use-rules';

export interface RuleEditorProps {
  /** The rule to edit; null to create one. */
  rule: RuleView | null;
  /** The page's outcomes: a rule can map to any the user may manage. */
  outcomes: readonly AdminOutcome[];
  onClose: () => void;
  onSaved: (rule: RuleView, how: 'created' | 'updated') => void;
  /** Loads the rules again (after a conflict); the editor picks its rule from the answer. */
  refreshRules: () => Promise<Reply<RulesData>>;
  returnFocus: RefObject<HTMLElement>;
}

/**
 * Creates or edits a mapping rule: the outcome, the JQL (checked with Jira as the admin types, within
 * the outcome's projects, as the rule will run), the outcome's KPIs the tickets should move, and whether
 * it is on. Nothing typed is lost on errors; a save that lost a race offers the other person's version.
 */
export default function RuleEditor({
  rule,
  outcomes,
  onClose,
  onSaved,
  refreshRules,
  returnFocus,
}: RuleEditorProps) {
  const { create, update } = useRuleMutations();
  const uid = useId();
  const fieldId = (field: RuleField) => `${uid}-${field}`;
  const firstRef = useRef<HTMLSelectElement>(null);

  const manageable = useMemo(
    () => outcomes.filter((o) => o.canManage).sort((a, b) => a.title.localeCompare(b.title)),
    [outcomes],
  );
  const editor = useRecordEditor({
    noun: 'rule',
    record: rule,
    initialForm: () =>
      rule ? ruleFormOf(rule) : emptyRuleForm(manageable.length === 1 ? (manageable[0]?.id ?? '') : ''),
    formOf: ruleFormOf,
    same: sameRuleForm,
    precheck: rulePrecheck,
    placeErrors: placeRuleErrors,
    firstInvalid: firstInvalidRuleField,
    focusField: (field) => {
      const element = document.getElementById(fieldId(field));
      // The KPI list is a group: its first checkbox takes focus.
      const target =
        element instanceof HTMLFieldSetElement ? element.querySelector<HTMLElement>('input') : element;
      (target ?? element)?.focus();
    },
    refresh: refreshRules,
    find: (data: RulesData, id) => data.rules.find((r) => r.id === id),
    onClose,
    reloadErrorAsServerError: true,
  });
  const { form, messages, set, creating } = editor;

  const outcome = outcomes.find((o) => o.id === form.outcomeId);
  const { byOutcome, retry: retryKpis } = useOutcomeKpis(form.outcomeId ? [form.outcomeId] : []);
  const kpis = form.outcomeId ? byOutcome.get(form.outcomeId) : undefined;
  const jql = form.jql.trim();
  const effective = outcome && jql ? scopedRuleJql({ jql }, outcome.projectKeys) : null;
  const disabled = editor.busy;
  const bind = bindField({ form, set, messages, fieldId, disabled });

  const save = () =>
    void editor.save(
      'save',
      (target) => {
        const draft = ruleDraftOf(form);
        return target ? update(target.id, target.version, draft) : create(draft);
      },
      onSaved,
    );

  // Field errors already show under their fields; the notice then only says what kind of problem it was.
  const placedOnly = editor.otherError?.code === 'VALIDATION_FAILED' && editor.otherMessages.length === 0;
  const heading = creating ? 'Create a mapping rule' : `Edit the mapping rule for “${rule?.outcomeTitle}”`;
  const outcomeChoices =
    outcome && !manageable.some((o) => o.id === outcome.id) ? [outcome, ...manageable] : manageable;

  return (
    <RecordEditorDialog
      editor={editor}
      heading={heading}
      width="large"
      autoFocus={firstRef}
      returnFocus={returnFocus}
      name="rule"
      prefix="rule-"
      labels={{ create: 'Create rule', save: 'Save rule' }}
      onSave={save}
      intro={
        <p className="ob-small">
          Tickets that match the JQL, in the outcome's projects, serve the outcome: new and changed tickets at
          once, existing ones when you apply the rule. A person's own choice on a ticket always wins over a
          rule.
        </p>
      }
      renderError={(error) =>
        placedOnly ? (
          <Notice appearance="error" title="Something needs fixing">
            <p>{error.message} The fields concerned say what.</p>
          </Notice>
        ) : (
          <ErrorState error={error} />
        )
      }
    >
      <FieldShell
        id={fieldId('outcomeId')}
        label="Outcome"
        required
        error={messages.outcomeId}
        helper={
          creating
            ? manageable.length === 0
              ? 'You manage no outcome yet: a rule maps tickets to an outcome of a project you administer.'
              : 'The outcome the matching tickets serve. Only outcomes you manage are listed.'
            : 'A rule stays with its outcome. To map tickets to another outcome, create a new rule.'
        }
      >
        {(aria) => (
          <select
            ref={firstRef}
            id={aria.id}
            className="ob-select"
            value={form.outcomeId}
            onChange={(e) => {
              const value = e.currentTarget.value;
              // The KPIs belong to the outcome: a new outcome starts with none chosen.
              editor.edit((f) => ({ ...f, outcomeId: value, kpiIds: [] }), 'outcomeId', 'kpiIds');
            }}
            disabled={disabled || !creating}
            aria-invalid={aria.invalid || undefined}
            aria-describedby={aria.describedBy}
            data-testid="rule-outcome"
          >
            <option value="">Choose an outcome</option>
            {outcomeChoices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title} ({projectsInWords(o.projectKeys, o.hiddenProjects)})
              </option>
            ))}
          </select>
        )}
      </FieldShell>

      <JqlField
        {...bind('jql')}
        label="JQL: the tickets that serve it"
        checked={effective ?? undefined}
        testId="rule-jql"
        hint={
          effective ? (
            <>
              It runs within the outcome's projects, as{' '}
              <code className="ob-code" data-testid="rule-effective-jql">
                {effective}
              </code>
            </>
          ) : (
            'For example issuetype = Bug, or labels = "checkout". It only ever reaches the outcome’s projects.'
          )
        }
      />

      <fieldset
        className="ob-fieldset"
        id={fieldId('kpiIds')}
        aria-describedby={messages.kpiIds ? `${fieldId('kpiIds')}-error` : undefined}
        data-testid="rule-kpis"
      >
        <legend className="ob-label">KPIs the tickets should move</legend>
        {messages.kpiIds ? (
          <p className="ob-field-error" id={`${fieldId('kpiIds')}-error`} data-testid="rule-kpis-error">
            {messages.kpiIds}
          </p>
        ) : null}
        {!form.outcomeId ? (
          <p className="ob-muted ob-small">Choose an outcome to pick among its KPIs.</p>
        ) : kpis === undefined || kpis.status === 'loading' ? (
          <LoadingState label="Loading the outcome's KPIs" />
        ) : kpis.status === 'error' ? (
          <ErrorState error={kpis.error} onRetry={retryKpis} />
        ) : kpis.kpis.length === 0 && form.kpiIds.length === 0 ? (
          <p className="ob-muted ob-small" data-testid="rule-no-kpis">
            This outcome has no KPIs yet. The rule links tickets to the outcome alone.
          </p>
        ) : (
          <div className="ob-rule-kpi-list">
            {kpis.kpis.map((k) => (
              <CheckOption
                key={k.id}
                checked={form.kpiIds.includes(k.id)}
                onCheck={(on) => set('kpiIds', withChosen(form.kpiIds, k.id, on))}
                disabled={disabled}
                testId={`rule-kpi-${k.id}`}
              >
                <span>{k.name}</span>
                <span className={`ob-kind ob-kind--${k.kind}`}>{KIND_NAME[k.kind]}</span>
                {k.isDraft ? <span className="ob-lozenge ob-lozenge--draft">Draft</span> : null}
              </CheckOption>
            ))}
            {form.kpiIds
              .filter((id) => !kpis.kpis.some((k) => k.id === id))
              .map((id) => (
                <CheckOption
                  key={id}
                  checked
                  onCheck={(on) => set('kpiIds', withChosen(form.kpiIds, id, on))}
                  disabled={disabled}
                  testId={`rule-kpi-${id}`}
                >
                  <span className="ob-muted">A KPI that no longer exists: untick it to save</span>
                </CheckOption>
              ))}
            <p className="ob-helper">Optional. Tickets it links say which of these they should move.</p>
          </div>
        )}
      </fieldset>

      <div className="ob-field">
        <label className="ob-check ob-rule-enabled">
          <input
            type="checkbox"
            id={fieldId('enabled')}
            checked={form.enabled}
            onChange={(e) => set('enabled', e.currentTarget.checked)}
            disabled={disabled}
            aria-describedby={`${fieldId('enabled')}-helper`}
            data-testid="rule-enabled"
          />
          <span>Enabled</span>
        </label>
        <p className="ob-helper" id={`${fieldId('enabled')}-helper`}>
          {form.enabled
            ? 'New and changed tickets that match are linked as they change.'
            : 'Off: nothing is linked by this rule until you enable it; the links it made stay.'}
        </p>
        {messages.enabled ? <p className="ob-field-error">{messages.enabled}</p> : null}
      </div>
    </RecordEditorDialog>
  );
}
