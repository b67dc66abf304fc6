import type { Field } from '@atlaskit/jql-ast';
import { startOfUtcDay } from '../dates';
import { DONE_RESOLUTION, STATUS_CATEGORIES, type StatusCategoryKey, type StoredIssue } from '../model';
import { canBrowse } from '../permissions';
import {
  EQUALITY_OPS,
  type JqlField,
  ORDERED_OPS,
  type SortValue,
  TEXT_OPS,
  textField,
  valueField,
} from './field-kinds';
import { propertyField, propertyFieldByAlias } from './property-fields';
import {
  dateValue,
  type EvalContext,
  functionNotAllowed,
  jqlError,
  type Literal,
  numberValue,
  userValues,
} from './values';

type ResolvableLiteral = Exclude<Literal, { kind: 'empty' }>;

function notExist(value: string, field: string): never {
  throw jqlError(`The value '${value}' does not exist for the field '${field}'.`);
}

/** A literal that must be a plain value (fields that take no functions). */
function plainValue(literal: ResolvableLiteral, field: string): string {
  if (literal.kind === 'function') throw functionNotAllowed(literal.name, field);
  return literal.value;
}

function keySortValue(issue: StoredIssue): string {
  const [project, num] = issue.key.split('-');
  return `${project}-${(num ?? '').padStart(10, '0')}`;
}

function issueKeyField(name: string, ctx: EvalContext): JqlField {
  const { site, actor } = ctx;
  return valueField<StoredIssue>({
    name,
    operators: ['=', '!=', 'in', 'not in', '<', '<=', '>', '>='],
    values: (issue) => [issue],
    resolve: (literal) => {
      const value = plainValue(literal, name);
      const issue = site.issue(value);
      if (!issue || !site.canSeeIssue(actor, issue)) {
        throw jqlError(`An issue with key '${value}' does not exist for field '${name}'.`);
      }
      return [issue];
    },
    equals: (a, b) => a.id === b.id,
    // Key order is per project: `key > CHK-10` means later issues of CHK.
    compare: (a, b) => (a.projectId === b.projectId ? issueNumber(a) - issueNumber(b) : null),
    sortValue: keySortValue,
  });
}

function issueNumber(issue: StoredIssue): number {
  return Number(issue.key.split('-')[1] ?? 0);
}

function userField(name: string, ctx: EvalContext, get: (i: StoredIssue) => string | null): JqlField {
  return valueField<string>({
    name,
    operators: EQUALITY_OPS,
    values: (issue) => {
      const v = get(issue);
      return v === null ? [] : [v];
    },
    resolve: (literal) => userValues(literal, name, ctx),
    sortValue: (issue) => {
      const v = get(issue);
      return v === null ? null : (ctx.site.user(v)?.displayName.toLowerCase() ?? v);
    },
  });
}

function dateTimeField(name: string, ctx: EvalContext, get: (i: StoredIssue) => string | null): JqlField {
  const ms = (issue: StoredIssue) => {
    const v = get(issue);
    return v === null ? null : Date.parse(v);
  };
  return valueField<number>({
    name,
    operators: ORDERED_OPS,
    values: (issue) => {
      const v = ms(issue);
      return v === null ? [] : [v];
    },
    resolve: (literal) => [dateValue(literal, name, ctx)],
    compare: (a, b) => a - b,
    sortValue: ms,
  });
}

/** A calendar-date field (due date): the operand is truncated to its day before comparing. */
function dateOnlyField(name: string, ctx: EvalContext, get: (i: StoredIssue) => string | null): JqlField {
  const ms = (issue: StoredIssue) => {
    const v = get(issue);
    return v === null ? null : Date.parse(`${v}T00:00:00Z`);
  };
  return valueField<number>({
    name,
    operators: ORDERED_OPS,
    values: (issue) => {
      const v = ms(issue);
      return v === null ? [] : [v];
    },
    resolve: (literal) => [startOfUtcDay(dateValue(literal, name, ctx))],
    compare: (a, b) => a - b,
    sortValue: ms,
  });
}

function numberField(name: string, get: (i: StoredIssue) => number | null): JqlField {
  return valueField<number>({
    name,
    operators: ORDERED_OPS,
    values: (issue) => {
      const v = get(issue);
      return v === null ? [] : [v];
    },
    resolve: (literal) => [numberValue(literal, name)],
    compare: (a, b) => a - b,
    sortValue: get,
  });
}

function systemField(lower: string, name: string, ctx: EvalContext): JqlField | undefined {
  const { site, actor } = ctx;
  switch (lower) {
    case 'project':
      return valueField<string>({
        name,
        operators: EQUALITY_OPS,
        values: (issue) => [issue.projectId],
        resolve: (literal) => {
          const value = plainValue(literal, name);
          const project =
            site.project(value) ??
            site.state.projects.find((p) => p.name.toLowerCase() === value.toLowerCase());
          if (!project || !canBrowse(actor, project)) notExist(value, name);
          return [project.id];
        },
        sortValue: (issue) => site.projectOf(issue).key,
      });
    case 'key':
    case 'issuekey':
    case 'id':
    case 'issue':
      return issueKeyField(name, ctx);
    case 'issuetype':
    case 'type':
      return valueField<string>({
        name,
        operators: EQUALITY_OPS,
        values: (issue) => [issue.issueTypeId],
        resolve: (literal) => {
          if (literal.kind === 'function') {
            const fn = literal.name.toLowerCase();
            if (fn === 'standardissuetypes') {
              return site.state.issueTypes.filter((t) => t.hierarchyLevel >= 0).map((t) => t.id);
            }
            if (fn === 'subtaskissuetypes') {
              return site.state.issueTypes.filter((t) => t.hierarchyLevel === -1).map((t) => t.id);
            }
            throw functionNotAllowed(literal.name, name);
          }
          const type = site.issueType(literal.value);
          if (!type) notExist(literal.value, name);
          return [type.id];
        },
        sortValue: (issue) => site.issueTypeOf(issue).name.toLowerCase(),
      });
    case 'status':
      return valueField<string>({
        name,
        operators: EQUALITY_OPS,
        values: (issue) => [issue.statusId],
        resolve: (literal) => {
          const value = plainValue(literal, name);
          const status = site.status(value);
          if (!status) notExist(value, name);
          return [status.id];
        },
        // Statuses sort in workflow order.
        sortValue: (issue) => site.state.statuses.findIndex((s) => s.id === issue.statusId),
      });
    case 'statuscategory':
      return valueField<StatusCategoryKey>({
        name,
        operators: EQUALITY_OPS,
        values: (issue) => [site.statusOf(issue).category],
        resolve: (literal) => {
          const value = plainValue(literal, name).toLowerCase();
          const category = Object.values(STATUS_CATEGORIES).find(
            (c) => String(c.id) === value || c.key === value || c.name.toLowerCase() === value,
          );
          if (!category) notExist(plainValue(literal, name), name);
          return [category.key];
        },
      });
    case 'parent':
      return valueField<string>({
        name,
        operators: EQUALITY_OPS,
        values: (issue) => (issue.parentId === null ? [] : [issue.parentId]),
        resolve: (literal) => {
          const value = plainValue(literal, name);
          const parent = site.issue(value);
          if (!parent || !site.canSeeIssue(actor, parent)) {
            throw jqlError(`An issue with key '${value}' does not exist for field '${name}'.`);
          }
          return [parent.id];
        },
      });
    case 'assignee':
      return userField(name, ctx, (i) => i.assigneeId);
    case 'reporter':
      return userField(name, ctx, (i) => i.reporterId);
    case 'creator':
      return userField(name, ctx, (i) => i.creatorId);
    case 'labels':
      return valueField<string>({
        name,
        operators: EQUALITY_OPS,
        values: (issue) => issue.labels.map((l) => l.toLowerCase()),
        resolve: (literal) => [plainValue(literal, name).toLowerCase()],
      });
    case 'level':
      // Jira: "Search for work items with a particular security level", by name (= != IN NOT IN IS IS NOT).
      return valueField<string>({
        name,
        operators: EQUALITY_OPS,
        values: (issue) => (issue.securityLevel ? [issue.securityLevel.toLowerCase()] : []),
        resolve: (literal) => [plainValue(literal, name).toLowerCase()],
      });
    case 'priority':
      return valueField<number>({
        name,
        operators: ORDERED_OPS,
        // The rank makes "higher priority" compare as greater: Highest is first in the list.
        values: (issue) => [priorityRank(ctx, issue.priorityId)],
        resolve: (literal) => {
          const value = plainValue(literal, name);
          const priority = site.priority(value);
          if (!priority) notExist(value, name);
          return [priorityRank(ctx, priority.id)];
        },
        compare: (a, b) => a - b,
        sortValue: (issue) => priorityRank(ctx, issue.priorityId),
      });
    case 'resolution': {
      const resolution = valueField<string>({
        name,
        operators: EQUALITY_OPS,
        values: (issue) => (issue.resolutiondate === null ? [] : [DONE_RESOLUTION.id]),
        resolve: (literal) => {
          const value = plainValue(literal, name);
          if (value === DONE_RESOLUTION.id || value.toLowerCase() === DONE_RESOLUTION.name.toLowerCase()) {
            return [DONE_RESOLUTION.id];
          }
          notExist(value, name);
        },
      });
      // `resolution = Unresolved` is Jira's spelling of "no resolution", i.e. EMPTY.
      return {
        ...resolution,
        compile: (operator, literals) =>
          resolution.compile(
            operator,
            literals.map((l) =>
              l.kind === 'value' && l.value.toLowerCase() === 'unresolved' ? { kind: 'empty' } : l,
            ),
          ),
      };
    }
    case 'summary':
      return textField(
        name,
        TEXT_OPS,
        (i) => [i.summary],
        (i) => i.summary.toLowerCase(),
      );
    case 'description':
      return textField(name, TEXT_OPS, (i) => (i.description ? [i.description] : []));
    case 'text':
      return textField(name, ['~'], (i) => [i.summary, ...(i.description ? [i.description] : [])]);
    case 'created':
    case 'createddate':
      return dateTimeField(name, ctx, (i) => i.created);
    case 'updated':
    case 'updateddate':
      return dateTimeField(name, ctx, (i) => i.updated);
    case 'resolutiondate':
    case 'resolved':
      return dateTimeField(name, ctx, (i) => i.resolutiondate);
    case 'duedate':
    case 'due':
      return dateOnlyField(name, ctx, (i) => i.duedate);
    default:
      return undefined;
  }
}

function priorityRank(ctx: EvalContext, priorityId: string): number {
  const index = ctx.site.state.priorities.findIndex((p) => p.id === priorityId);
  return ctx.site.state.priorities.length - index;
}

function customField(lower: string, name: string, ctx: EvalContext): JqlField | undefined {
  const cf = /^cf\[(\d+)\]$/.exec(lower);
  const id = cf ? `customfield_${cf[1]}` : lower.startsWith('customfield_') ? lower : undefined;
  const field =
    (id ? ctx.site.customField(id) : undefined) ??
    ctx.site.state.customFields.find((f) => f.name.toLowerCase() === lower);
  if (!field) return undefined;
  return numberField(name, (issue) => issue.customFields[field.id] ?? null);
}

// Real Jira fields the emulated site does not model; naming them gives a clearer 400 than "does not exist".
const UNMODELLED_JIRA_FIELDS = new Set([
  'rank',
  'sprint',
  'fixversion',
  'affectedversion',
  'component',
  'comment',
  'environment',
  'epic link',
  'team',
  'watcher',
  'watchers',
  'votes',
  'voter',
  'attachments',
  'filter',
  'timespent',
  'originalestimate',
  'remainingestimate',
  'worklogauthor',
  'worklogdate',
  'worklogcomment',
  'lastviewed',
  'category',
  'issuelinktype',
  'development',
  'flagged',
  'statuscategorychangeddate',
]);

/** Resolves a JQL field reference, or throws Jira's "does not exist" error. */
export function resolveField(field: Field, ctx: EvalContext): JqlField {
  const name = field.value;
  const lower = name.toLowerCase();
  const properties = field.properties ?? [];
  if (properties.length > 0) {
    if (lower === 'issue.property') return propertyField(properties, ctx);
    throw jqlError(`Field '${field.text}' does not exist or you do not have permission to view it.`);
  }
  const resolved =
    systemField(lower, name, ctx) ?? customField(lower, name, ctx) ?? propertyFieldByAlias(name, ctx);
  if (!resolved && UNMODELLED_JIRA_FIELDS.has(lower)) {
    throw jqlError(`The field '${name}' is not supported by the Jira emulator.`);
  }
  if (!resolved) throw jqlError(`Field '${name}' does not exist or you do not have permission to view it.`);
  return resolved;
}

export type { SortValue };
