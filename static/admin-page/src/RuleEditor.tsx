import Button from '@atlaskit/button/default/button';
import ModalBody from '@atlaskit/modal-dialog/modal-body';
import ModalDialog from '@atlaskit/modal-dialog/modal-dialog';
import ModalFooter from '@atlaskit/modal-dialog/modal-footer';
import ModalHeader from '@atlaskit/modal-dialog/modal-header';
import ModalTitle from '@atlaskit/modal-dialog/modal-title';
import type { AppErrorBody, Reply } from '@contract/envelope';
import type { AdminOutcome } from '@contract/outcome';
import { scopedRuleJql } from '@domain/mapping-rule';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { Notice } from '@shared/components/Notice';
import { formatMoment } from '@shared/format';
import { type FormEvent, type RefObject, useId, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { ConflictNotice } from './ConflictNotice';
import { FieldShell } from './FieldShell';
import { JqlField } from './JqlField';
import { KIND_NAME } from './kpi-labels';
import {
  emptyRuleForm,
  firstInvalidRuleField,
  placeRuleErrors,
  type RuleField,
  type RuleForm,
  type RuleMessages,
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
  const topRef = useRef<HTMLDivElement>(null);
  const firstRef = useRef<HTMLSelectElement>(null);

  const manageable = useMemo(
    () => outcomes.filter((o) => o.canManage).sort((a, b) => a.title.localeCompare(b.title)),
    [outcomes],
  );
  const [form, setForm] = useState<RuleForm>(() =>
    rule ? ruleFormOf(rule) : emptyRuleForm(manageable.length === 1 ? (manageable[0]?.id ?? '') : ''),
  );
  const [loaded, setLoaded] = useState<RuleForm>(form);
  const [base, setBase] = useState(rule ? { id: rule.id, version: rule.version } : null);
  const [messages, setMessages] = useState<RuleMessages>({});
  const [otherMessages, setOtherMessages] = useState<string[]>([]);
  const [serverError, setServerError] = useState<AppErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [confirming, setConfirming] = useState<'reload' | 'discard' | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  /** The rule was deleted after the editor opened: the edits can still be saved as a new rule. */
  const [gone, setGone] = useState(false);

  const creating = base === null || gone;
  const outcome = outcomes.find((o) => o.id === form.outcomeId);
  const { byOutcome, retry: retryKpis } = useOutcomeKpis(form.outcomeId ? [form.outcomeId] : []);
  const kpis = form.outcomeId ? byOutcome.get(form.outcomeId) : undefined;
  const jql = form.jql.trim();
  const effective = outcome && jql ? scopedRuleJql({ jql }, outcome.projectKeys) : null;
  const dirty = !sameRuleForm(form, loaded);
  const disabled = saving || reloading;

  const set = <K extends RuleField>(field: K, value: RuleForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setMessages((m) => {
      if (m[field] === undefined) return m;
      const next = { ...m };
      delete next[field];
      return next;
    });
  };

  const focusField = (field: RuleField) => {
    const element = document.getElementById(fieldId(field));
    // The KPI list is a group: its first checkbox takes focus.
    const target =
      element instanceof HTMLFieldSetElement ? element.querySelector<HTMLElement>('input') : element;
    (target ?? element)?.focus();
  };
  const showTop = () => {
    topRef.current?.scrollIntoView({ block: 'nearest' });
    topRef.current?.focus();
  };

  const save = async () => {
    if (saving) return;
    setInfo(null);
    setConfirming(null);
    const local = rulePrecheck(form);
    const firstLocal = firstInvalidRuleField(local);
    if (firstLocal) {
      setMessages(local);
      setOtherMessages([]);
      setServerError(null);
      focusField(firstLocal);
      return;
    }
    setSaving(true);
    const draft = ruleDraftOf(form);
    const target = creating ? null : base;
    const reply = target ? await update(target.id, target.version, draft) : await create(draft);
    if (reply.ok) {
      setSaving(false);
      onSaved(reply.data, target ? 'updated' : 'created');
      return;
    }
    const { byField, other } = placeRuleErrors(reply.error.fieldErrors);
    // Rendered at once, so the fields are enabled again and the first one with an error can take focus.
    flushSync(() => {
      setSaving(false);
      setMessages(byField);
      setOtherMessages(other);
      setServerError(reply.error);
      if (reply.error.code === 'NOT_FOUND' && target) setGone(true);
    });
    const first = firstInvalidRuleField(byField);
    if (first) focusField(first);
    else showTop();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  /** Replaces the form with the stored rule (after the user confirmed, when they had edits). */
  const loadTheirs = async () => {
    if (!base) return;
    setReloading(true);
    const reply = await refreshRules();
    setReloading(false);
    setConfirming(null);
    if (!reply.ok) {
      setServerError(reply.error);
      return;
    }
    const current = reply.data.rules.find((r) => r.id === base.id);
    setMessages({});
    setOtherMessages([]);
    if (!current) {
      setGone(true);
      setServerError({
        code: 'NOT_FOUND',
        message:
          'This rule was deleted after you opened it. Your edits are still here: save them as a new rule, or cancel.',
        fieldErrors: [],
      });
      return;
    }
    const next = ruleFormOf(current);
    setForm(next);
    setLoaded(next);
    setBase({ id: current.id, version: current.version });
    setServerError(null);
    setInfo(
      `This is the version ${current.updatedBy?.displayName ?? 'someone'} saved ${formatMoment(current.updatedAt)}. Make your changes again, then save.`,
    );
    showTop();
  };

  const requestClose = () => {
    if (saving) return;
    if (dirty) setConfirming('discard');
    else onClose();
  };

  const conflict = serverError?.code === 'CONFLICT' ? serverError : null;
  const otherError = serverError && serverError.code !== 'CONFLICT' ? serverError : null;
  // Field errors already show under their fields; the notice then only says what kind of problem it was.
  const placedOnly = otherError?.code === 'VALIDATION_FAILED' && otherMessages.length === 0;
  const heading = creating ? 'Create a mapping rule' : `Edit the mapping rule for “${rule?.outcomeTitle}”`;
  const outcomeChoices =
    outcome && !manageable.some((o) => o.id === outcome.id) ? [outcome, ...manageable] : manageable;

  return (
    <ModalDialog
      onClose={requestClose}
      width="large"
      autoFocus={firstRef}
      shouldReturnFocus={returnFocus}
      label={heading}
      testId="rule-editor"
      shouldCloseOnOverlayClick={false}
    >
      <form className="ob-modal-form" onSubmit={onSubmit} noValidate aria-label={heading}>
        <ModalHeader>
          <ModalTitle>{heading}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <div className="ob-stack">
            <p className="ob-small">
              Tickets that match the JQL, in the outcome's projects, serve the outcome: new and changed
              tickets at once, existing ones when you apply the rule. A person's own choice on a ticket always
              wins over a rule.
            </p>
            <div ref={topRef} tabIndex={-1} className="ob-field" data-testid="rule-editor-messages">
              {conflict ? (
                <ConflictNotice error={conflict}>
                  <p>
                    <Button
                      onClick={() => (dirty ? setConfirming('reload') : void loadTheirs())}
                      isLoading={reloading}
                      isDisabled={saving}
                      testId="rule-reload-their-version"
                    >
                      Reload their version
                    </Button>
                  </p>
                </ConflictNotice>
              ) : null}
              {otherError ? (
                <div data-testid="rule-editor-error">
                  {placedOnly ? (
                    <Notice appearance="error" title="Something needs fixing">
                      <p>{otherError.message} The fields concerned say what.</p>
                    </Notice>
                  ) : (
                    <ErrorState error={otherError} />
                  )}
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
              {info ? (
                <Notice appearance="information">
                  <p data-testid="rule-editor-info">{info}</p>
                </Notice>
              ) : null}
              {confirming === 'reload' ? (
                <Notice appearance="warning" title="Replace your edits?">
                  <p>
                    Loading their version replaces everything in this form. What you typed here will be lost.
                  </p>
                  <p className="ob-actions ob-actions--start">
                    <Button appearance="warning" onClick={() => void loadTheirs()} isLoading={reloading}>
                      Replace my edits
                    </Button>
                    <Button appearance="subtle" onClick={() => setConfirming(null)}>
                      Keep my edits
                    </Button>
                  </p>
                </Notice>
              ) : null}
            </div>

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
                    setForm((f) => ({ ...f, outcomeId: value, kpiIds: [] }));
                    setMessages((m) => ({ ...m, outcomeId: undefined, kpiIds: undefined }));
                  }}
                  disabled={disabled || !creating}
                  aria-invalid={aria.invalid || undefined}
                  aria-describedby={aria.describedBy}
                  data-testid="rule-outcome"
                >
                  <option value="">Choose an outcome</option>
                  {outcomeChoices.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.title} ({o.projectKeys.join(', ')})
                    </option>
                  ))}
                </select>
              )}
            </FieldShell>

            <JqlField
              id={fieldId('jql')}
              label="JQL: the tickets that serve it"
              value={form.jql}
              checked={effective ?? undefined}
              onChange={(value) => set('jql', value)}
              error={messages.jql}
              disabled={disabled}
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
                    <label key={k.id} className="ob-check">
                      <input
                        type="checkbox"
                        checked={form.kpiIds.includes(k.id)}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          set(
                            'kpiIds',
                            on ? [...form.kpiIds, k.id] : form.kpiIds.filter((id) => id !== k.id),
                          );
                        }}
                        disabled={disabled}
                        data-testid={`rule-kpi-${k.id}`}
                      />
                      <span>{k.name}</span>
                      <span className={`ob-kind ob-kind--${k.kind}`}>{KIND_NAME[k.kind]}</span>
                      {k.isDraft ? <span className="ob-lozenge ob-lozenge--draft">Draft</span> : null}
                    </label>
                  ))}
                  {form.kpiIds
                    .filter((id) => !kpis.kpis.some((k) => k.id === id))
                    .map((id) => (
                      <label key={id} className="ob-check">
                        <input
                          type="checkbox"
                          checked
                          onChange={() =>
                            set(
                              'kpiIds',
                              form.kpiIds.filter((other) => other !== id),
                            )
                          }
                          disabled={disabled}
                          data-testid={`rule-kpi-${id}`}
                        />
                        <span className="ob-muted">A KPI that no longer exists: untick it to save</span>
                      </label>
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
          </div>
        </ModalBody>
        <ModalFooter>
          {confirming === 'discard' ? (
            <div className="ob-actions">
              <span className="ob-muted ob-center">Discard your changes?</span>
              <Button appearance="warning" onClick={onClose} testId="rule-confirm-discard">
                Discard changes
              </Button>
              <Button appearance="subtle" onClick={() => setConfirming(null)} autoFocus>
                Keep editing
              </Button>
            </div>
          ) : (
            <>
              <Button appearance="subtle" onClick={requestClose} isDisabled={saving} testId="rule-cancel">
                Cancel
              </Button>
              <Button
                type="submit"
                appearance="primary"
                isLoading={saving}
                isDisabled={reloading}
                testId="rule-save"
              >
                {gone ? 'Save as new rule' : creating ? 'Create rule' : 'Save rule'}
              </Button>
            </>
          )}
        </ModalFooter>
      </form>
    </ModalDialog>
  );
}
