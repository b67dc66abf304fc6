import type { FieldError } from '@contract/envelope';
import type { KpiDraft, KpiSource, KpiView, SmartFinding } from '@contract/kpi';
import type { CheckInCadence, KpiDirection, KpiKind, KpiUnit } from '@contract/limits';
import { DEFAULT_CADENCE, KPI_CUSTOM_UNIT, KPI_DESCRIPTION, KPI_NAME } from '@contract/limits';
import type { AdminOutcome } from '@contract/outcome';
import { achievabilityWarning, checkSmart } from '@domain/kpi';
import type { FieldGroup } from '../common/field-group';
import { type Messages, placeErrors } from '../common/field-messages';
import { parseNumber } from '../common/parse-number';

export type SourceType = KpiSource['type'];

/**
 * What the KPI editor holds: exactly what the user sees. Numbers stay text until saved, so "99." or "-"
 * mid-typing is never rewritten, and the JQL of every source type is kept while switching between them.
 */
export interface KpiForm {
  name: string;
  description: string;
  kind: KpiKind;
  unit: KpiUnit | '';
  customUnit: string;
  direction: KpiDirection;
  baseline: string;
  target: string;
  bandMin: string;
  bandMax: string;
  /** `YYYY-MM-DD`, or ''. */
  dueDate: string;
  /** The paired KPI's id, or ''. */
  pairedKpiId: string;
  sourceType: SourceType;
  jql: string;
  numeratorJql: string;
  denominatorJql: string;
  /** How often a manual KPI expects a check-in; kept while the source is JQL, which has none. */
  cadence: CheckInCadence;
}
export type KpiField = keyof KpiForm;
export type KpiMessages = Messages<KpiField>;

/** The order fields appear in, which is also the order the first error is focused in. */
const KPI_FIELD_ORDER: readonly KpiField[] = [
  'name',
  'description',
  'kind',
  'unit',
  'customUnit',
  'direction',
  'baseline',
  'target',
  'bandMin',
  'bandMax',
  'dueDate',
  'pairedKpiId',
  'sourceType',
  'jql',
  'numeratorJql',
  'denominatorJql',
  'cadence',
];

export const NAME_MAX = KPI_NAME.max;
export const DESCRIPTION_MAX = KPI_DESCRIPTION.max;
export const CUSTOM_UNIT_MAX = KPI_CUSTOM_UNIT.max;

const NUMBER_FIELDS = ['baseline', 'target', 'bandMin', 'bandMax'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

const numberOrNull = (text: string) => {
  const n = parseNumber(text);
  return n === 'invalid' ? null : n;
};
const text = (n: number | null) => (n === null ? '' : String(n));

/** The kind a new KPI most likely needs: the one the outcome lacks (business first). */
function missingKind(kpis: readonly KpiView[]): KpiKind {
  const has = (kind: KpiKind) => kpis.some((k) => k.kind === kind);
  return has('business') && !has('technical') ? 'technical' : 'business';
}

export const emptyKpiForm = (outcome: AdminOutcome, kpis: readonly KpiView[]): KpiForm => ({
  name: '',
  description: '',
  kind: missingKind(kpis),
  unit: '',
  customUnit: '',
  direction: 'increase',
  baseline: '',
  target: '',
  bandMin: '',
  bandMax: '',
  // Most KPIs are due with their outcome; the admin can bring it forward.
  dueDate: outcome.dueDate ?? '',
  pairedKpiId: '',
  sourceType: 'manual',
  jql: '',
  numeratorJql: '',
  denominatorJql: '',
  cadence: DEFAULT_CADENCE,
});

export function kpiFormOf(kpi: KpiView): KpiForm {
  const source = kpi.source;
  return {
    name: kpi.name,
    description: kpi.description,
    kind: kpi.kind,
    unit: kpi.unit ?? '',
    customUnit: kpi.customUnit,
    direction: kpi.direction,
    baseline: text(kpi.baseline),
    target: text(kpi.target),
    bandMin: text(kpi.bandMin),
    bandMax: text(kpi.bandMax),
    dueDate: kpi.dueDate ?? '',
    pairedKpiId: kpi.pairedKpiId ?? '',
    sourceType: source.type,
    jql: source.type === 'jql-count' ? source.jql : '',
    numeratorJql: source.type === 'jql-ratio' ? source.numeratorJql : '',
    denominatorJql: source.type === 'jql-ratio' ? source.denominatorJql : '',
    cadence: kpi.cadence,
  };
}

function sourceOf(form: KpiForm): KpiSource {
  switch (form.sourceType) {
    case 'jql-count':
      return { type: 'jql-count', jql: form.jql.trim() };
    case 'jql-ratio':
      return {
        type: 'jql-ratio',
        numeratorJql: form.numeratorJql.trim(),
        denominatorJql: form.denominatorJql.trim(),
      };
    default:
      return { type: 'manual' };
  }
}

/** The draft a save sends. Numbers that do not parse count as missing (the form says so first). */
export function kpiDraftOf(form: KpiForm, outcomeId: string): KpiDraft {
  const maintain = form.direction === 'maintain';
  return {
    outcomeId,
    name: form.name.trim(),
    description: form.description.trim(),
    kind: form.kind,
    unit: form.unit === '' ? null : form.unit,
    customUnit: form.unit === 'custom' ? form.customUnit.trim() : '',
    direction: form.direction,
    baseline: numberOrNull(form.baseline),
    target: maintain ? null : numberOrNull(form.target),
    bandMin: maintain ? numberOrNull(form.bandMin) : null,
    bandMax: maintain ? numberOrNull(form.bandMax) : null,
    dueDate: form.dueDate || null,
    // Only a technical KPI names a partner: the business KPI it moves.
    pairedKpiId: form.kind === 'technical' ? form.pairedKpiId || null : null,
    source: sourceOf(form),
    cadence: form.cadence,
  };
}

/** Whether the user changed anything, as typed (so "abc" in a number field counts as a change). */
export const sameKpiForm = (a: KpiForm, b: KpiForm) =>
  KPI_FIELD_ORDER.every((field) => a[field].trim() === b[field].trim());

/** The SMART check as the user types, with the outcome's timeframe: the domain's own rules. */
export const smartOf = (form: KpiForm, outcome: AdminOutcome): SmartFinding[] =>
  checkSmart(kpiDraftOf(form, outcome.id), {
    exists: true,
    startDate: outcome.startDate,
    dueDate: outcome.dueDate,
  });

/**
 * SMART's warnings as the user types: the target against the pace of the KPI's own history (kept by the
 * server as its first and latest standing values). Warnings never make a draft.
 */
export function achievableWarningsOf(
  form: KpiForm,
  outcome: AdminOutcome,
  kpi: KpiView | null,
): SmartFinding[] {
  if (!kpi) return [];
  const draft = kpiDraftOf(form, outcome.id);
  const warning = achievabilityWarning({ ...draft, current: kpi.current }, kpi.historyEnds, utcDay());
  return warning ? [{ letter: 'A', field: 'target', message: warning }] : [];
}

const utcDay = () => new Date().toISOString().slice(0, 10);

/**
 * Problems the form can see before saving that no save could get past: numbers that are not numbers,
 * lengths over the limit, empty JQL. SMART gaps are not here: a KPI failing SMART can be saved as a draft.
 */
export function kpiPrecheck(form: KpiForm): KpiMessages {
  const messages: KpiMessages = {};
  const active: readonly NumberField[] =
    form.direction === 'maintain' ? ['baseline', 'bandMin', 'bandMax'] : ['baseline', 'target'];
  for (const field of active) {
    if (parseNumber(form[field]) === 'invalid') messages[field] = 'Use a number, such as 42 or 99.5.';
  }
  if (form.name.trim().length > NAME_MAX) messages.name = `Keep the name to ${NAME_MAX} characters or fewer.`;
  if (form.description.trim().length > DESCRIPTION_MAX) {
    messages.description = `Keep the description under ${DESCRIPTION_MAX} characters.`;
  }
  if (form.unit === 'custom' && form.customUnit.trim().length > CUSTOM_UNIT_MAX) {
    messages.customUnit = `Keep the unit to ${CUSTOM_UNIT_MAX} characters or fewer.`;
  }
  if (form.sourceType === 'jql-count' && form.jql.trim() === '') messages.jql = 'Write a JQL query.';
  if (form.sourceType === 'jql-ratio') {
    if (form.numeratorJql.trim() === '') messages.numeratorJql = 'Write the JQL that counts the part.';
    if (form.denominatorJql.trim() === '') messages.denominatorJql = 'Write the JQL that counts the whole.';
  }
  return messages;
}

/** A number field's own message as the user types (shown at once, not only on save). */
export const numberMessage = (value: string): string | undefined =>
  parseNumber(value) === 'invalid' ? 'Use a number, such as 42 or 99.5.' : undefined;

const FIELD_OF_DRAFT_KEY: Record<string, KpiField> = {
  name: 'name',
  description: 'description',
  kind: 'kind',
  unit: 'unit',
  customUnit: 'customUnit',
  direction: 'direction',
  baseline: 'baseline',
  target: 'target',
  bandMin: 'bandMin',
  bandMax: 'bandMax',
  dueDate: 'dueDate',
  pairedKpiId: 'pairedKpiId',
  cadence: 'cadence',
};
const FIELD_OF_SOURCE_KEY: Record<string, KpiField> = {
  type: 'sourceType',
  jql: 'jql',
  numeratorJql: 'numeratorJql',
  denominatorJql: 'denominatorJql',
};

/** Request paths (`draft.target`, `draft.source.jql`) to the field that shows the message. */
function kpiFieldOfPath(path: string): KpiField | null {
  const [root, key, sub] = path.split('.');
  if (root !== 'draft' || key === undefined) return null;
  if (key === 'source') return sub === undefined ? 'sourceType' : (FIELD_OF_SOURCE_KEY[sub] ?? 'sourceType');
  return FIELD_OF_DRAFT_KEY[key] ?? null;
}

/** Splits the server's field errors into messages under fields and the rest, so every one is shown. */
export const placeKpiErrors = (errors: readonly FieldError[]) => placeErrors(errors, kpiFieldOfPath);

export const firstInvalidKpiField = (messages: KpiMessages): KpiField | undefined =>
  KPI_FIELD_ORDER.find((field) => messages[field] !== undefined);

/** What every group of the KPI editor's fields is given: the form, its setter and messages, ids, and whether it is busy. */
export type KpiFieldGroup = FieldGroup<KpiForm, KpiField>;
