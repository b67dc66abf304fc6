import type { z } from 'zod';
import type { FieldError } from './envelope';

/**
 * Validation messages in words, in one place. Schemas keep the few messages only they can phrase
 * ("Give the outcome a title of at least 3 characters."); every other problem the schema library finds
 * is worded here from the field it concerns, so no reply says "expected nonoptional, received undefined"
 * and none names a field by its path (`document.outcomes.0.businessOwnerId`).
 */

type Segment = PropertyKey;

/** Fields as the forms label them. */
const FIELD_WORDS: Record<string, string> = {
  title: 'title',
  statement: 'statement',
  projectKeys: 'projects',
  projectKey: 'project',
  businessOwnerId: 'business owner',
  technologyOwnerId: 'technology owner',
  startDate: 'start date',
  dueDate: 'due date',
  state: 'state',
  parentId: 'parent outcome',
  roles: 'decision roles',
  decides: 'people who decide',
  advises: 'people who advise',
  escalatedTo: 'people escalated to',
  rollup: 'delivery measure',
  method: 'delivery measure',
  countSubtasks: 'choice to count subtasks',
  weights: 'issue type weights',
  outcomeId: 'outcome',
  name: 'name',
  description: 'description',
  kind: 'kind',
  unit: 'unit',
  customUnit: 'custom unit',
  direction: 'direction',
  baseline: 'baseline',
  target: 'target',
  bandMin: 'lower end of the band',
  bandMax: 'upper end of the band',
  pairedKpiId: 'paired KPI',
  source: 'value source',
  type: 'kind of value source',
  jql: 'JQL',
  numeratorJql: 'numerator JQL',
  denominatorJql: 'denominator JQL',
  saveAsDraft: 'choice to save as a draft',
  kpiId: 'KPI',
  kpiIds: 'KPIs',
  value: 'value',
  confidence: 'confidence',
  note: 'note',
  cursor: 'history page',
  id: 'id',
  expectedVersion: 'version you opened',
  expectedRevision: 'revision of the check-in you opened',
  reason: 'reason',
  kpiDueDates: 'KPI due dates to move',
  confirmUnpublish: 'KPIs you confirmed may become drafts',
  token: 'preview you confirmed',
  checkIns: 'check-ins',
  current: 'current value',
  revision: 'revision',
  withdrawn: 'withdrawal',
  changes: 'changes',
  authorId: 'author',
  at: 'time',
  rules: 'mapping rules',
  confirmedLinkedTickets: 'number of linked tickets you confirmed',
  enabled: 'choice to switch the rule on',
  query: 'search text',
  issueKey: 'issue key',
  issueKeys: 'tickets',
  optOut: 'choice to opt out of inheritance',
  rice: 'RICE inputs',
  reach: 'RICE reach',
  impact: 'RICE impact',
  effort: 'RICE effort',
  pageToken: 'page of tickets',
  pageSize: 'page size',
  period: 'period',
  runId: 'run',
  settings: 'settings',
  atRiskGap: 'at-risk gap',
  offTrackGap: 'off-track gap',
  outputWithoutOutcome: '"output without outcome" thresholds',
  deliveryAtLeast: 'delivery share for "output without outcome"',
  kpiProgressAtMost: 'KPI progress for "output without outcome"',
  releaseWindowDays: 'release window',
  document: 'file',
  draft: 'details',
  format: 'format',
  exportedAt: 'export time',
  outcomes: 'outcomes',
  kpis: 'KPIs',
};

/** What one element of a list is called: the third of a file's `outcomes` is "outcome 3". */
const ELEMENT_WORDS: Record<string, string> = {
  outcomes: 'outcome',
  kpis: 'KPI',
  checkIns: 'check-in',
  rules: 'rule',
  kpiIds: 'KPI',
  projectKeys: 'project',
  issueKeys: 'ticket',
};

/** People in a role are counted in words: "the second person who advises". */
const PERSON_WORDS: Record<string, string> = {
  decides: 'person who decides',
  advises: 'person who advises',
  escalatedTo: 'person escalated to',
};
const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];
const ordinal = (n: number) => ORDINALS[n] ?? `number ${n + 1}`;

/** Containers that say nothing a person needs: the request's `draft`, the import's `document`. */
const SILENT = new Set(['draft', 'document']);

const keyWords = (key: string, parent: Segment | undefined): string =>
  // The bulk link's `target` is the tickets to link, not a KPI's target value.
  key === 'target' && parent === undefined ? 'tickets to link' : (FIELD_WORDS[key] ?? key);

/** A path in words: `['document', 'outcomes', 0, 'kpis', 1, 'name']` is "outcome 1, KPI 2, name". */
export function pathInWords(path: readonly Segment[]): string {
  const parts: string[] = [];
  path.forEach((segment, i) => {
    const before = path[i - 1];
    if (typeof segment === 'number') {
      const container = typeof before === 'string' ? before : '';
      const element = ELEMENT_WORDS[container];
      const person = PERSON_WORDS[container];
      if (element || person) parts.pop();
      parts.push(person ? `${ordinal(segment)} ${person}` : `${element ?? 'entry'} ${segment + 1}`);
    } else if (typeof segment === 'string' && (!SILENT.has(segment) || i === path.length - 1)) {
      // A record's key (an issue type in the weights) is data, not a field.
      parts.push(before === 'weights' ? `weight of "${segment}"` : keyWords(segment, before));
    }
  });
  return parts.join(', ');
}

/** The field a message is about: the last segment of its path in words. */
function fieldOf(path: readonly Segment[]): string {
  const words = pathInWords(path).split(', ');
  return words.at(-1) || 'request';
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const list = (values: readonly unknown[]) =>
  values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
const plural = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;

type Issue = z.core.$ZodRawIssue;

function typeWords(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
    case 'int':
    case 'bigint':
      return 'a number';
    case 'boolean':
      return 'yes or no (true or false)';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a set of named fields';
    case 'null':
      return 'empty (null)';
    default:
      return `a ${expected}`;
  }
}

/** The sentence for one problem with the `field` (already in words). */
function sentence(issue: Issue, field: string): string {
  // "Outcome 2" needs no article; "the title" does.
  const the = /\d$/.test(field) ? field : `the ${field}`;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `Fill in ${the}.`;
      if (issue.expected === 'number' && typeof issue.input === 'number')
        return `Use an ordinary number for ${the}.`;
      return `Give ${the} as ${typeWords(issue.expected)}.`;
    case 'too_big':
      if (issue.origin === 'string')
        return `Keep ${the} to ${plural(issue.maximum, 'character', 'characters')} or fewer.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Give at most ${plural(issue.maximum, 'entry', 'entries')} for ${the}.`;
      return `Make ${the} ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? `Fill in ${the}.`
          : `Write at least ${plural(issue.minimum, 'character', 'characters')} for ${the}.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Give at least ${plural(issue.minimum, 'entry', 'entries')} for ${the}.`;
      return `Make ${the} ${issue.inclusive === false ? 'more than' : 'at least'} ${issue.minimum}.`;
    case 'invalid_format':
      if (issue.format === 'date') return `Write ${the} as a date like 2026-03-31.`;
      return `Write ${the} in the form the app gave it; this one is not.`;
    case 'not_multiple_of':
      return `Make ${the} a multiple of ${issue.divisor}.`;
    case 'unrecognized_keys':
      return `Leave out ${list(issue.keys)}: there is no such field in ${the}.`;
    case 'invalid_union':
      return `Give ${the} in one of the forms the app accepts; this one matches none.`;
    case 'invalid_key':
      return `Use other names in ${the}; one is not accepted.`;
    case 'invalid_element':
      return `Correct the entries of ${the}; one is not accepted.`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `Set ${the} to ${list(issue.values)}.`
        : `Choose ${the} from ${list(issue.values)}.`;
    case 'custom':
      return `Correct ${the}.`;
    default:
      return `Correct ${the}.`;
  }
}

/**
 * The error map every resolver payload is parsed with (`schema.safeParse(payload, { error: inWords })`).
 * Messages a schema sets itself take precedence, as zod applies them first.
 */
export const inWords = (issue: Issue): string => sentence(issue, fieldOf(issue.path ?? []));

/**
 * A field error as a person reads it: the message names its field (one that does not, such as a schema's
 * own "Use a Jira project key such as CHK.", is prefixed with it) and, below a list, which entry
 * ("Outcome 2, KPI 1: …"). The machine path stays for the form to place the message. Messages written
 * beside their field below the resolvers name it already (`nameField: false`): only the entry is added.
 * Idempotent.
 */
export function inPlace(error: FieldError, { nameField = true } = {}): FieldError {
  const path = error.path
    .split('.')
    .filter((s) => s !== '' && s !== '(payload)')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const words = pathInWords(path).split(', ').filter(Boolean);
  const field = words.at(-1) ?? '';
  const where = capitalize(words.filter((w, i) => i < words.length - 1 && /\d$/.test(w)).join(', '));
  const lower = error.message.toLowerCase();
  // "Jira has no project NOPE." names the projects field well enough.
  const named =
    !nameField ||
    field === '' ||
    [field, field.replace(/s$/, '')].some((f) => lower.includes(f.toLowerCase()));
  const placed = where !== '' && error.message.startsWith(where);
  const prefix = [placed ? '' : where, named ? '' : field].filter(Boolean).join(', ');
  const message = prefix === '' ? error.message : `${capitalize(prefix)}: ${lowerFirst(error.message)}`;
  return { path: error.path, message };
}

/** The field errors of a failed parse; `prefix` places the parsed value in the request (`['document']`). */
export function fieldErrorsOf(error: z.ZodError, prefix: readonly Segment[] = []): FieldError[] {
  return error.issues.map((issue) =>
    inPlace({
      path: [...prefix, ...issue.path].map(String).join('.') || '(payload)',
      message: issue.message,
    }),
  );
}

const lowerFirst = (text: string) =>
  // Names stay as they are spelled: "JQL", "KPI", "RICE", "Jira".
  /^([A-Z]{2}|Jira\b|Outcome Bridge\b)/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);

/** Text a person reads must read as it is stored: no characters that reorder it, no controls, no broken pairs. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters) and the invisible marks. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const BROKEN_PAIR = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text cannot be stored as typed (a sentence that does not name the field), or null when it can. */
export function textProblem(text: string): string | null {
  if (BIDI.test(text))
    return 'Remove the invisible text-direction characters; they can make the text read differently from what is stored.';
  if (CONTROL.test(text)) return 'Remove the control characters (such as NUL or escape) from it.';
  if (BROKEN_PAIR.test(text)) return 'Type it again: it holds a broken character.';
  return null;
}
