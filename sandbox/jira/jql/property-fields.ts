import type { Property } from '@atlaskit/jql-ast';
import { parseJqlAbsoluteDate } from '../dates';
import type { IndexedPropertyValue, StoredIssue } from '../model';
import { EQUALITY_OPS, type JqlField, ORDERED_OPS, TEXT_OPS, textField, valueField } from './field-kinds';
import { dateValue, type EvalContext, functionNotAllowed, jqlError, numberValue, userValues } from './values';

/**
 * The leaf values at a dotted path of a property value. Arrays anywhere along the path are
 * flattened, so an array matches when any element matches, as Jira's index does.
 */
export function valuesAtPath(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesAtPath(v, path));
  if (path.length === 0) return value === null || value === undefined ? [] : [value];
  if (typeof value !== 'object' || value === null) return [];
  const [head, ...rest] = path;
  return valuesAtPath((value as Record<string, unknown>)[head ?? ''], rest);
}

function leaves(issue: StoredIssue, index: IndexedPropertyValue): unknown[] {
  if (!(index.propertyKey in issue.properties)) return [];
  return valuesAtPath(issue.properties[index.propertyKey], index.path.split('.'));
}

function primitives(values: unknown[]): string[] {
  return values
    .filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map((v) => String(v));
}

function dateLeaf(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : Date.parse(v);
  return Number.isNaN(ms) ? (parseJqlAbsoluteDate(v) ?? null) : ms;
}

/** A searchable entity property value, typed as its `jira:entityProperty` module declares. */
function indexedField(name: string, index: IndexedPropertyValue, ctx: EvalContext): JqlField {
  const get = (issue: StoredIssue) => leaves(issue, index);
  switch (index.type) {
    case 'number':
      return valueField<number>({
        name,
        operators: ORDERED_OPS,
        values: (issue) => get(issue).filter((v): v is number => typeof v === 'number'),
        resolve: (literal) => [numberValue(literal, name)],
        compare: (a, b) => a - b,
        sortValue: (issue) => get(issue).find((v): v is number => typeof v === 'number') ?? null,
      });
    case 'date':
      return valueField<number>({
        name,
        operators: ORDERED_OPS,
        values: (issue) => get(issue).flatMap((v) => dateLeaf(v) ?? []),
        resolve: (literal) => [dateValue(literal, name, ctx)],
        compare: (a, b) => a - b,
        sortValue: (issue) => get(issue).flatMap((v) => dateLeaf(v) ?? [])[0] ?? null,
      });
    case 'text':
      return textField(name, TEXT_OPS, (issue) => primitives(get(issue)));
    case 'user':
      return valueField<string>({
        name,
        operators: EQUALITY_OPS,
        values: (issue) => primitives(get(issue)),
        resolve: (literal) => userValues(literal, name, ctx),
      });
    case 'string':
      return valueField<string>({
        name,
        operators: EQUALITY_OPS,
        // Exact values, compared without regard to case.
        values: (issue) => primitives(get(issue)).map((v) => v.toLowerCase()),
        resolve: (literal) => {
          if (literal.kind === 'function') throw functionNotAllowed(literal.name, name);
          return [literal.value.toLowerCase()];
        },
        sortValue: (issue) => primitives(get(issue))[0]?.toLowerCase() ?? null,
      });
  }
}

/** `issue.property[key].path`: only paths indexed by the app's entityProperty module are searchable. */
export function propertyField(properties: Property[], ctx: EvalContext): JqlField {
  const property = properties[0];
  const key = property?.key ? property.key.value : '';
  const path = (property?.path ?? [])
    .map((p) => p.value)
    .join('')
    .replace(/^\./, '');
  const name = `issue.property[${key}]${path ? `.${path}` : ''}`;
  const index = ctx.site.indexedProperties.find((ip) => ip.propertyKey === key && ip.path === path);
  if (!index) throw jqlError(`Field '${name}' does not exist or you do not have permission to view it.`);
  return indexedField(name, index, ctx);
}

/** A `searchAlias` from the entityProperty module, usable as a field name. */
export function propertyFieldByAlias(name: string, ctx: EvalContext): JqlField | undefined {
  const index = ctx.site.indexedProperties.find((ip) => ip.searchAlias?.toLowerCase() === name.toLowerCase());
  return index ? indexedField(name, index, ctx) : undefined;
}
