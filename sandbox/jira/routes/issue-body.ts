import { fieldErrors } from '../errors';
import type { IssueChanges, NewIssueInput, StoredIssue } from '../model';
import type { Actor } from '../permissions';
import type { JiraSite } from '../site';
import { isRecord } from './context';

// Translates the `fields` / `update` JSON of Jira's create and edit issue requests into the
// emulator's inputs, with Jira's per-field error messages for values of the wrong shape.

const CANNOT_SET = (field: string) =>
  `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** Plain text of an Atlassian Document Format node: text nodes joined, blocks separated by blank lines. */
export function adfToText(node: unknown): string {
  if (!isRecord(node)) return '';
  if (node.type === 'text' && typeof node.text === 'string') return node.text;
  const content = Array.isArray(node.content) ? node.content : [];
  const parts = content.map(adfToText);
  return node.type === 'doc' ? parts.join('\n\n') : parts.join('');
}

function ref(value: unknown, keys: string[]): string | undefined {
  if (typeof value === 'string') return value;
  if (!isRecord(value)) return undefined;
  for (const key of keys) {
    const v = value[key];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return undefined;
}

/** Account id of a user field value: `{accountId}`; null, `{accountId: null}` and "-1" mean nobody. */
function accountRef(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const id = value.accountId ?? value.id;
  if (id === null || id === '-1') return null;
  return typeof id === 'string' ? id : undefined;
}

interface ParsedFields {
  project?: string;
  issueType?: string;
  summary?: string;
  description?: string | null;
  parent?: string | null;
  assigneeId?: string | null;
  reporterId?: string | null;
  priority?: string;
  labels?: string[];
  duedate?: string | null;
  customFields: Record<string, number | null>;
}

function parseFields(
  site: JiraSite,
  fields: Record<string, unknown>,
  v: string,
  mode: 'create' | 'edit',
  errors: Record<string, string>,
): ParsedFields {
  const out: ParsedFields = { customFields: {} };
  for (const [name, value] of Object.entries(fields)) {
    switch (name) {
      case 'project':
        if (mode === 'edit') errors.project = CANNOT_SET('project');
        else out.project = ref(value, ['key', 'id']) ?? '';
        break;
      case 'issuetype':
        out.issueType = ref(value, ['id', 'name']) ?? '';
        break;
      case 'summary':
        if (typeof value === 'string') out.summary = value;
        else errors.summary = 'Operation value must be a string';
        break;
      case 'description':
        if (value === null) out.description = null;
        else if (v === '2' && typeof value === 'string') out.description = value;
        else if (v !== '2' && isRecord(value) && value.type === 'doc') out.description = adfToText(value);
        else {
          errors.description =
            v === '2' ? 'Operation value must be a string' : 'Operation value must be an Atlassian Document';
        }
        break;
      case 'parent':
        if (value === null || (isRecord(value) && (value.none === true || Object.keys(value).length === 0))) {
          out.parent = null;
        } else {
          const parentRef = ref(value, ['key', 'id']);
          if (parentRef === undefined) errors.parent = 'Could not find issue by id or key.';
          else out.parent = parentRef;
        }
        break;
      case 'assignee':
      case 'reporter': {
        const account = accountRef(value);
        if (account === undefined) errors[name] = 'Specify a valid value for the user.';
        else if (name === 'assignee') out.assigneeId = account;
        else out.reporterId = account;
        break;
      }
      case 'priority': {
        const p = ref(value, ['id', 'name']);
        if (p === undefined) errors.priority = 'The priority selected is invalid.';
        else out.priority = p;
        break;
      }
      case 'labels':
        if (Array.isArray(value) && value.every((l) => typeof l === 'string')) out.labels = value;
        else errors.labels = 'Operation value must be a string array';
        break;
      case 'duedate':
        if (value === null || typeof value === 'string') out.duedate = value === '' ? null : value;
        else errors.duedate = 'Operation value must be a string';
        break;
      default:
        if (site.customField(name)) {
          if (value === null || (typeof value === 'number' && Number.isFinite(value)))
            out.customFields[name] = value;
          else errors[name] = 'Operation value must be a number';
        } else {
          errors[name] = CANNOT_SET(name);
        }
    }
  }
  return out;
}

/** Folds Jira's `update` operations into plain field values (labels add/remove/set; `set` elsewhere). */
function applyUpdateOps(
  update: Record<string, unknown>,
  fields: Record<string, unknown>,
  current: StoredIssue | undefined,
  errors: Record<string, string>,
): void {
  for (const [name, ops] of Object.entries(update)) {
    if (!Array.isArray(ops)) {
      errors[name] = 'Operation value must be an array of operations';
      continue;
    }
    for (const op of ops) {
      if (!isRecord(op)) continue;
      if (name === 'labels') {
        const base = Array.isArray(fields.labels)
          ? (fields.labels as string[])
          : [...(current?.labels ?? [])];
        if ('set' in op) fields.labels = op.set;
        else if (typeof op.add === 'string') fields.labels = base.includes(op.add) ? base : [...base, op.add];
        else if (typeof op.remove === 'string') fields.labels = base.filter((l) => l !== op.remove);
      } else if ('set' in op) {
        fields[name] = op.set;
      } else {
        errors[name] =
          `The operation '${Object.keys(op)[0] ?? ''}' is not supported for the field '${name}' by the Jira emulator.`;
      }
    }
  }
}

export function parseCreateBody(site: JiraSite, body: Record<string, unknown>, v: string): NewIssueInput {
  const errors: Record<string, string> = {};
  const fields = isRecord(body.fields) ? { ...body.fields } : {};
  if (isRecord(body.update)) applyUpdateOps(body.update, fields, undefined, errors);
  const parsed = parseFields(site, fields, v, 'create', errors);
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  return {
    project: parsed.project ?? '',
    issueType: parsed.issueType ?? '',
    summary: parsed.summary ?? '',
    ...(parsed.description !== undefined ? { description: parsed.description } : {}),
    ...(parsed.parent ? { parentKey: parsed.parent } : {}),
    ...(parsed.assigneeId !== undefined ? { assigneeId: parsed.assigneeId } : {}),
    ...(parsed.reporterId !== undefined ? { reporterId: parsed.reporterId } : {}),
    ...(parsed.priority !== undefined ? { priority: parsed.priority } : {}),
    ...(parsed.labels !== undefined ? { labels: parsed.labels } : {}),
    ...(parsed.duedate !== undefined ? { duedate: parsed.duedate } : {}),
    customFields: parsed.customFields,
  };
}

export interface EditRequest {
  changes: IssueChanges;
  /** Field names the request touches, for permission errors. */
  fieldNames: string[];
}

export function parseEditBody(
  site: JiraSite,
  issue: StoredIssue,
  body: Record<string, unknown>,
  v: string,
  extraReadOnly: string[] = [],
): EditRequest {
  const errors: Record<string, string> = {};
  const fields = isRecord(body.fields) ? { ...body.fields } : {};
  if (isRecord(body.update)) applyUpdateOps(body.update, fields, issue, errors);
  for (const name of [
    'status',
    'resolution',
    'created',
    'updated',
    'creator',
    'resolutiondate',
    ...extraReadOnly,
  ]) {
    if (name in fields) {
      errors[name] = CANNOT_SET(name);
      delete fields[name];
    }
  }
  const parsed = parseFields(site, fields, v, 'edit', errors);
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  const changes: IssueChanges = { customFields: parsed.customFields };
  if (parsed.summary !== undefined) changes.summary = parsed.summary;
  if (parsed.description !== undefined) changes.description = parsed.description;
  if (parsed.parent !== undefined) changes.parentKey = parsed.parent;
  if (parsed.assigneeId !== undefined) changes.assigneeId = parsed.assigneeId;
  if (parsed.reporterId !== undefined) changes.reporterId = parsed.reporterId;
  if (parsed.priority !== undefined) changes.priority = parsed.priority;
  if (parsed.labels !== undefined) changes.labels = parsed.labels;
  if (parsed.duedate !== undefined) changes.duedate = parsed.duedate;
  if (parsed.issueType !== undefined)
    changes.issueTypeId = site.issueType(parsed.issueType)?.id ?? parsed.issueType;
  return { changes, fieldNames: Object.keys(fields) };
}

/** A parent the caller cannot see is reported as not found, never revealed. */
export function checkParentVisible(
  site: JiraSite,
  actor: Actor,
  parentRef: string | null | undefined,
): Record<string, string> {
  if (!parentRef) return {};
  const parent = site.issue(parentRef);
  return parent && !site.canSeeIssue(actor, parent) ? { parent: 'Could not find issue by id or key.' } : {};
}
