import type { FieldError } from '@contract/envelope';
import { OUTCOME_STATEMENT, OUTCOME_TITLE, type RollupMethod } from '@contract/limits';
import type { OutcomeDraft, OutcomeView, RollupSettings } from '@contract/outcome';
import type { OutcomeState, UserRef } from '@contract/primitives';
import { checkOutcomeRules } from '@domain/outcome';
import { type Messages, placeErrors } from '../common/field-messages';
import { DEFAULT_WEIGHT, weightError, weightValue } from './rollup-form';

/** What the editor holds: exactly what the user sees, so nothing typed is lost while it is being fixed. */
export interface OutcomeForm {
  title: string;
  statement: string;
  projectKeys: string[];
  businessOwner: UserRef | null;
  technologyOwner: UserRef | null;
  /** `YYYY-MM-DD` from a date input, or '' when not set. */
  startDate: string;
  dueDate: string;
  state: OutcomeState;
  /** The parent outcome's id, or '' for none. */
  parentId: string;
  /** Decision roles: who decides when business and technology disagree, who advises, who is escalated to. */
  decides: UserRef[];
  advises: UserRef[];
  escalatedTo: UserRef[];
  /** How delivery is measured: tickets, story points or weights per issue type. */
  rollupMethod: RollupMethod;
  /** Subtasks count on their own (off: they count through their parents). */
  countSubtasks: boolean;
  /** Weights as typed, by issue type name. A type not listed weighs 1. */
  weights: Record<string, string>;
  /** The weights as loaded, never edited: what a save sends for a type whose weight is not valid or not shown. */
  savedWeights: Record<string, number>;
}
/** The weight field of one issue type: its messages are keyed by the type's name. */
export type WeightField = `weight:${string}`;
export type FormField = keyof OutcomeForm | WeightField;
export type FieldMessages = Messages<FormField>;

const WEIGHT_PREFIX = 'weight:';
export const weightField = (issueType: string): WeightField => `weight:${issueType}`;
export const isWeightField = (field: string): field is WeightField => field.startsWith(WEIGHT_PREFIX);
export const issueTypeOf = (field: WeightField) => field.slice(WEIGHT_PREFIX.length);

/** The order fields appear in, which is also the order the first error is focused in. */
export const FIELD_ORDER: readonly FormField[] = [
  'title',
  'statement',
  'projectKeys',
  'businessOwner',
  'technologyOwner',
  'decides',
  'advises',
  'escalatedTo',
  'parentId',
  'startDate',
  'dueDate',
  'state',
  'rollupMethod',
  'countSubtasks',
  // The weight fields (`weight:<type>`) follow 'weights', in the order they are shown.
  'weights',
];

export const TITLE_MAX = OUTCOME_TITLE.max;
export const STATEMENT_MAX = OUTCOME_STATEMENT.max;

export const emptyForm = (projectKeys: string[]): OutcomeForm => ({
  title: '',
  statement: '',
  projectKeys,
  businessOwner: null,
  technologyOwner: null,
  startDate: '',
  dueDate: '',
  state: 'active',
  parentId: '',
  decides: [],
  advises: [],
  escalatedTo: [],
  rollupMethod: 'count',
  countSubtasks: false,
  weights: {},
  savedWeights: {},
});

export const formOf = (outcome: OutcomeView): OutcomeForm => ({
  title: outcome.title,
  statement: outcome.statement,
  projectKeys: [...outcome.projectKeys],
  businessOwner: outcome.businessOwner,
  technologyOwner: outcome.technologyOwner,
  startDate: outcome.startDate ?? '',
  dueDate: outcome.dueDate ?? '',
  state: outcome.state,
  parentId: outcome.parent?.id ?? '',
  decides: [...outcome.roles.decides],
  advises: [...outcome.roles.advises],
  escalatedTo: [...outcome.roles.escalatedTo],
  rollupMethod: outcome.rollup.method,
  countSubtasks: outcome.rollup.countSubtasks,
  weights: Object.fromEntries(Object.entries(outcome.rollup.weights).map(([type, w]) => [type, String(w)])),
  savedWeights: { ...outcome.rollup.weights },
});

/** The weight of an issue type as its field shows it: as typed, else as loaded, else 1. */
export function weightText(form: Pick<OutcomeForm, 'weights' | 'savedWeights'>, type: string): string {
  if (Object.hasOwn(form.weights, type)) return form.weights[type] ?? '';
  return String(Object.hasOwn(form.savedWeights, type) ? form.savedWeights[type] : DEFAULT_WEIGHT);
}

/** The typed weights with one type's changed (any name is safe as a key, even `__proto__`). */
export const withWeight = (weights: Record<string, string>, type: string, text: string) =>
  Object.fromEntries([...Object.entries(weights), [type, text]]);

/**
 * The rollup settings a save sends: always all of them, so an edit never resets them. Every loaded weight
 * goes back (as typed when valid, as loaded when not), even for types the form does not show; a new weight
 * of 1 is left out, as a type not listed weighs 1 anyway. Loaded weights keep their order, so settings
 * that did not change are sent exactly as stored.
 */
export function rollupOf(form: OutcomeForm): RollupSettings {
  const weights = new Map<string, number>();
  const saved = new Map(Object.entries(form.savedWeights));
  for (const type of new Set([...saved.keys(), ...Object.keys(form.weights)])) {
    const typed = Object.hasOwn(form.weights, type) ? form.weights[type] : undefined;
    const value = typed === undefined ? null : weightValue(typed);
    const before = saved.get(type);
    if (value === null) {
      if (before !== undefined) weights.set(type, before);
    } else if (before !== undefined || value !== 1) {
      weights.set(type, value);
    }
  }
  return {
    method: form.rollupMethod,
    countSubtasks: form.countSubtasks,
    weights: Object.fromEntries(weights),
  };
}

const ids = (users: UserRef[]) => users.map((u) => u.accountId);

export const draftOf = (form: OutcomeForm): OutcomeDraft => ({
  title: form.title.trim(),
  statement: form.statement.trim(),
  projectKeys: form.projectKeys,
  businessOwnerId: form.businessOwner?.accountId ?? null,
  technologyOwnerId: form.technologyOwner?.accountId ?? null,
  startDate: form.startDate || null,
  dueDate: form.dueDate || null,
  state: form.state,
  parentId: form.parentId || null,
  roles: { decides: ids(form.decides), advises: ids(form.advises), escalatedTo: ids(form.escalatedTo) },
  rollup: rollupOf(form),
});

export function sameForm(a: OutcomeForm, b: OutcomeForm): boolean {
  return JSON.stringify(draftOf(a)) === JSON.stringify(draftOf(b));
}

/** True when both forms measure delivery alike, compared as the server does (a difference makes it recompute). */
export function sameRollup(a: OutcomeForm, b: OutcomeForm): boolean {
  return JSON.stringify(rollupOf(a)) === JSON.stringify(rollupOf(b));
}

/** Request paths (`draft.title`, `draft.projectKeys.0`) to the field that shows the message. */
const FIELD_OF_DRAFT_KEY: Record<string, FormField> = {
  title: 'title',
  statement: 'statement',
  projectKeys: 'projectKeys',
  businessOwnerId: 'businessOwner',
  technologyOwnerId: 'technologyOwner',
  startDate: 'startDate',
  dueDate: 'dueDate',
  state: 'state',
  parentId: 'parentId',
};
const FIELD_OF_ROLE: Record<string, FormField> = {
  decides: 'decides',
  advises: 'advises',
  escalatedTo: 'escalatedTo',
};

const FIELD_OF_ROLLUP_KEY: Record<string, FormField> = {
  method: 'rollupMethod',
  countSubtasks: 'countSubtasks',
  weights: 'weights',
};

export function fieldOfPath(path: string): FormField | null {
  const [root, key, role, ...rest] = path.split('.');
  if (root !== 'draft' || key === undefined) return null;
  // `draft.roles.decides.0` and `draft.roles.decides` show under "Who decides"; `draft.roles` too.
  if (key === 'roles') return role === undefined ? 'decides' : (FIELD_OF_ROLE[role] ?? 'decides');
  // `draft.rollup.weights.Story` shows under Story's weight (a type's name may hold dots); `draft.rollup`
  // under the method.
  if (key === 'rollup') {
    if (role === 'weights' && rest.length > 0) return weightField(rest.join('.'));
    return role === undefined ? 'rollupMethod' : (FIELD_OF_ROLLUP_KEY[role] ?? 'rollupMethod');
  }
  return FIELD_OF_DRAFT_KEY[key] ?? null;
}

/**
 * Splits the server's field errors into messages under fields and the rest (paths no field shows,
 * such as `expectedVersion`), so every message is shown somewhere.
 */
export const placeFieldErrors = (errors: readonly FieldError[]) => placeErrors(errors, fieldOfPath);

/**
 * A quick check before saving, so obvious gaps show at once. The rules relating fields are the domain's
 * own (`checkOutcomeRules`); the server checks everything again and stays the authority. `weightTypes`
 * are the issue types whose weight fields are shown: only those are checked (a weight not shown is sent
 * as it was loaded).
 */
export function precheck(form: OutcomeForm, weightTypes: readonly string[] = []): FieldMessages {
  const draft = draftOf(form);
  const errors: FieldError[] = [];
  if (draft.title.length === 0) errors.push({ path: 'draft.title', message: 'Give the outcome a title.' });
  if (draft.statement.length === 0) {
    errors.push({
      path: 'draft.statement',
      message: 'Say in a sentence why this outcome matters to the business.',
    });
  }
  if (draft.projectKeys.length === 0) {
    errors.push({ path: 'draft.projectKeys', message: 'Choose at least one project.' });
  }
  errors.push(...checkOutcomeRules(draft));
  const byField = placeFieldErrors(errors).byField;
  if (form.rollupMethod === 'weights') {
    for (const type of weightTypes) {
      const message = weightError(weightText(form, type));
      if (message) byField[weightField(type)] = message;
    }
  }
  return byField;
}

export function firstInvalid(messages: FieldMessages): FormField | undefined {
  for (const field of FIELD_ORDER) {
    if (messages[field] !== undefined) return field;
    if (field === 'weights') {
      const weight = (Object.keys(messages) as FormField[]).find(isWeightField);
      if (weight) return weight;
    }
  }
  return undefined;
}
