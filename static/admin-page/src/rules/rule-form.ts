import type { FieldError } from '@contract/envelope';
import type { RuleDraft, RuleView } from '@contract/rules';
import { type Messages, placeErrors } from '../common/field-messages';

/** What the rule editor holds: exactly what the user sees. */
export interface RuleForm {
  /** The outcome's id, or '' before one is chosen. */
  outcomeId: string;
  jql: string;
  kpiIds: string[];
  enabled: boolean;
}
export type RuleField = keyof RuleForm;
export type RuleMessages = Messages<RuleField>;

/** The order fields appear in, which is also the order the first error is focused in. */
export const RULE_FIELD_ORDER: readonly RuleField[] = ['outcomeId', 'jql', 'kpiIds', 'enabled'];

export const emptyRuleForm = (outcomeId: string): RuleForm => ({
  outcomeId,
  jql: '',
  kpiIds: [],
  enabled: true,
});

export const ruleFormOf = (rule: RuleView): RuleForm => ({
  outcomeId: rule.outcomeId,
  jql: rule.jql,
  kpiIds: [...rule.kpiIds],
  enabled: rule.enabled,
});

export const ruleDraftOf = (form: RuleForm): RuleDraft => ({
  outcomeId: form.outcomeId,
  jql: form.jql.trim(),
  kpiIds: form.kpiIds,
  enabled: form.enabled,
});

export const sameRuleForm = (a: RuleForm, b: RuleForm) =>
  a.outcomeId === b.outcomeId &&
  a.jql.trim() === b.jql.trim() &&
  a.enabled === b.enabled &&
  [...a.kpiIds].sort().join(',') === [...b.kpiIds].sort().join(',');

/** What the form can tell before saving: an outcome must be chosen and some JQL written. */
export function rulePrecheck(form: RuleForm): RuleMessages {
  const messages: RuleMessages = {};
  if (form.outcomeId === '') messages.outcomeId = 'Choose the outcome the matching tickets serve.';
  if (form.jql.trim() === '') messages.jql = 'Write the JQL that picks the tickets.';
  return messages;
}

const FIELD_OF_DRAFT_KEY: Record<string, RuleField> = {
  outcomeId: 'outcomeId',
  jql: 'jql',
  kpiIds: 'kpiIds',
  enabled: 'enabled',
};

/** Splits the server's field errors (`draft.jql`, `draft.kpiIds.0`) into messages under fields and the rest. */
export const placeRuleErrors = (errors: readonly FieldError[]) =>
  placeErrors<RuleField>(errors, (path) => {
    const [root, key] = path.split('.');
    return root === 'draft' && key !== undefined ? FIELD_OF_DRAFT_KEY[key] : undefined;
  });

export const firstInvalidRuleField = (messages: RuleMessages): RuleField | undefined =>
  RULE_FIELD_ORDER.find((field) => messages[field] !== undefined);
