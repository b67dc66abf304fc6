import { kvsErrors } from './errors';
import { deepEqual, isRecord, isScalar, type Scalar } from './values';

export type ConditionName =
  | 'BEGINS_WITH'
  | 'BETWEEN'
  | 'CONTAINS'
  | 'NOT_CONTAINS'
  | 'EQUAL_TO'
  | 'NOT_EQUAL_TO'
  | 'EXISTS'
  | 'NOT_EXISTS'
  | 'GREATER_THAN'
  | 'GREATER_THAN_EQUAL_TO'
  | 'LESS_THAN'
  | 'LESS_THAN_EQUAL_TO';

/** What `where` (an index range) accepts; filters and transaction conditions accept all twelve. */
export const RANGE_CONDITIONS: ReadonlySet<ConditionName> = new Set([
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
]);

export const FILTER_CONDITIONS: ReadonlySet<ConditionName> = new Set([
  ...RANGE_CONDITIONS,
  'CONTAINS',
  'NOT_CONTAINS',
  'NOT_EQUAL_TO',
  'EXISTS',
  'NOT_EXISTS',
]);

export interface Condition {
  condition: ConditionName;
  values: Scalar[];
}

export interface PropertyCondition extends Condition {
  property: string;
}

export interface FilterGroup {
  operator: 'and' | 'or';
  conditions: PropertyCondition[];
}

export function parseCondition(raw: unknown, allowed: ReadonlySet<ConditionName>): Condition {
  if (!isRecord(raw)) throw kvsErrors.badRequest('a condition must be an object');
  const { condition, values } = raw;
  if (typeof condition !== 'string' || !allowed.has(condition as ConditionName)) {
    throw kvsErrors.invalidFilterCondition();
  }
  const name = condition as ConditionName;
  if (!Array.isArray(values)) throw kvsErrors.invalidFilterValues();
  if (name === 'EXISTS' || name === 'NOT_EXISTS') return { condition: name, values: [] };
  if (name === 'BETWEEN' && values.length < 2) throw kvsErrors.insufficientFilterValues();
  const expected = name === 'BETWEEN' ? 2 : 1;
  if (values.length !== expected || !values.every(isScalar)) throw kvsErrors.invalidFilterValues();
  return { condition: name, values };
}

/** `{ and: [...] }` or `{ or: [...] }`, never both and never empty (handling-errors-customentities). */
export function parseFilterGroup(raw: unknown): FilterGroup | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) throw kvsErrors.badRequest('filters must be an object');
  const operators = (['and', 'or'] as const).filter((operator) => raw[operator] !== undefined);
  const unknown = Object.keys(raw).filter(
    (field) => field !== 'and' && field !== 'or' && raw[field] !== undefined,
  );
  if (unknown.length > 0) throw kvsErrors.badRequest(`filters has an unsupported operator "${unknown[0]}"`);
  if (operators.length > 1) throw kvsErrors.invalidFilterOperatorsCombination();
  const operator = operators[0];
  if (operator === undefined) throw kvsErrors.emptyFilterOperator();
  const items = raw[operator];
  if (!Array.isArray(items)) throw kvsErrors.badRequest(`filters.${operator} must be an array`);
  if (items.length === 0) throw kvsErrors.emptyFilterOperator();
  const conditions = items.map((item): PropertyCondition => {
    const parsed = parseCondition(item, FILTER_CONDITIONS);
    const property = isRecord(item) ? item.property : undefined;
    if (typeof property !== 'string' || property.length === 0) {
      throw kvsErrors.badRequest('a filter condition needs a property');
    }
    return { ...parsed, property };
  });
  return { operator, conditions };
}

const sameType = (a: unknown, b: Scalar): a is Scalar =>
  typeof a === typeof b && (typeof a === 'string' || typeof a === 'number');

/**
 * Evaluates one condition against an attribute's value (undefined when absent). Comparisons only hold between values
 * of one type, as in the document store behind Forge. The negations (NOT_EQUAL_TO, NOT_CONTAINS, NOT_EXISTS) hold for
 * an absent attribute, which is what lets a transaction condition express "only if not there yet" (chosen; the docs
 * do not spell out absent attributes).
 */
export function matchesCondition(condition: Condition, actual: unknown): boolean {
  const [first, second] = condition.values;
  switch (condition.condition) {
    case 'EXISTS':
      return actual !== undefined && actual !== null;
    case 'NOT_EXISTS':
      return actual === undefined || actual === null;
    case 'EQUAL_TO':
      return actual === first;
    case 'NOT_EQUAL_TO':
      return actual !== first;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && first !== undefined && actual.startsWith(String(first));
    case 'CONTAINS':
      return contains(actual, first);
    case 'NOT_CONTAINS':
      return !contains(actual, first);
    case 'GREATER_THAN':
      return first !== undefined && sameType(actual, first) && actual > first;
    case 'GREATER_THAN_EQUAL_TO':
      return first !== undefined && sameType(actual, first) && actual >= first;
    case 'LESS_THAN':
      return first !== undefined && sameType(actual, first) && actual < first;
    case 'LESS_THAN_EQUAL_TO':
      return first !== undefined && sameType(actual, first) && actual <= first;
    case 'BETWEEN':
      return (
        first !== undefined &&
        second !== undefined &&
        sameType(actual, first) &&
        sameType(actual, second) &&
        actual >= first &&
        actual <= second
      );
  }
}

/** A substring of a string attribute, or an element of a list attribute. */
function contains(actual: unknown, needle: Scalar | undefined): boolean {
  if (needle === undefined) return false;
  if (typeof actual === 'string') return typeof needle === 'string' && actual.includes(needle);
  if (Array.isArray(actual)) return actual.some((element) => deepEqual(element, needle));
  return false;
}

export function matchesFilterGroup(group: FilterGroup | undefined, value: Record<string, unknown>): boolean {
  if (group === undefined) return true;
  const test = (condition: PropertyCondition) => matchesCondition(condition, value[condition.property]);
  return group.operator === 'and' ? group.conditions.every(test) : group.conditions.some(test);
}
