import type { FieldError } from '@contract/envelope';
import { OUTCOME_STATEMENT, OUTCOME_TITLE } from '@contract/limits';
import type { OutcomeDraft, OutcomeView, RollupSettings } from '@contract/outcome';
import type { OutcomeState, UserRef } from '@contract/primitives';
import { checkOutcomeRules } from '@domain/outcome';

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
  /** How delivery is measured. Not edited here (yet): kept as loaded, so saving never resets it. */
  rollup: RollupSettings;
}
export type FormField = keyof OutcomeForm;
export type FieldMessages = Partial<Record<FormField, string>>;

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
  rollup: { method: 'count', countSubtasks: false, weights: {} },
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
  rollup: outcome.rollup,
});

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
  rollup: form.rollup,
});

export function sameForm(a: OutcomeForm, b: OutcomeForm): boolean {
  return JSON.stringify(draftOf(a)) === JSON.stringify(draftOf(b));
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

export function fieldOfPath(path: string): FormField | null {
  const [root, key, role] = path.split('.');
  if (root !== 'draft' || key === undefined) return null;
  // `draft.roles.decides.0` and `draft.roles.decides` show under "Who decides"; `draft.roles` too.
  if (key === 'roles') return role === undefined ? 'decides' : (FIELD_OF_ROLE[role] ?? 'decides');
  return FIELD_OF_DRAFT_KEY[key] ?? null;
}

/**
 * Splits the server's field errors into messages under fields and the rest (paths no field shows,
 * such as `expectedVersion`), so every message is shown somewhere.
 */
export function placeFieldErrors(errors: readonly FieldError[]): { byField: FieldMessages; other: string[] } {
  const byField: FieldMessages = {};
  const other: string[] = [];
  for (const { path, message } of errors) {
    const field = fieldOfPath(path);
    if (field === null) other.push(message);
    else
      byField[field] =
        byField[field] && byField[field] !== message ? `${byField[field]} ${message}` : message;
  }
  return { byField, other };
}

/**
 * A quick check before saving, so obvious gaps show at once. The rules relating fields are the domain's
 * own (`checkOutcomeRules`); the server checks everything again and stays the authority.
 */
export function precheck(form: OutcomeForm): FieldMessages {
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
  return placeFieldErrors(errors).byField;
}

export const firstInvalid = (messages: FieldMessages): FormField | undefined =>
  FIELD_ORDER.find((field) => messages[field] !== undefined);
