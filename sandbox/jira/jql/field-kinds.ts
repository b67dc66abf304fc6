import type { StoredIssue } from '../model';
import { parseTextQuery, textMatches } from './text';
import { functionNotAllowed, jqlError, type Literal } from './values';

export type IssuePredicate = (issue: StoredIssue) => boolean;
export type SortValue = string | number | null;

/** A searchable JQL field: which operators it takes and how a clause on it is evaluated. */
export interface JqlField {
  /** The name as written in the query, for error messages. */
  name: string;
  operators: ReadonlySet<string>;
  compile(operator: string, literals: Literal[]): IssuePredicate;
  /** Present when the field can be used in ORDER BY. */
  sortValue?: (issue: StoredIssue) => SortValue;
}

export const EQUALITY_OPS = ['=', '!=', 'in', 'not in', 'is', 'is not'] as const;
export const ORDERED_OPS = [...EQUALITY_OPS, '<', '<=', '>', '>='] as const;
export const TEXT_OPS = ['~', '!~', 'is', 'is not'] as const;

type ResolvableLiteral = Exclude<Literal, { kind: 'empty' }>;

export interface ValueFieldDef<T> {
  name: string;
  operators: readonly string[];
  /** The field's values on an issue; an empty list is EMPTY. Multi-valued fields return several. */
  values: (issue: StoredIssue) => T[];
  /** What a literal denotes. Throws a JQL error for values that do not exist. */
  resolve: (literal: ResolvableLiteral) => T[];
  equals?: (a: T, b: T) => boolean;
  /** Ordering for < <= > >=; null means "not comparable" (never matches). */
  compare?: (a: T, b: T) => number | null;
  sortValue?: (issue: StoredIssue) => SortValue;
}

function comparisonTest(operator: string): (c: number) => boolean {
  switch (operator) {
    case '<':
      return (c) => c < 0;
    case '<=':
      return (c) => c <= 0;
    case '>':
      return (c) => c > 0;
    default:
      return (c) => c >= 0;
  }
}

/**
 * Jira's semantics for value fields: `=`/`in` match any value, `!=`/`not in` never match an empty
 * field (so `assignee != x` leaves out unassigned issues), and EMPTY inside a list matches empties.
 */
export function valueField<T>(def: ValueFieldDef<T>): JqlField {
  const equals = def.equals ?? ((a: T, b: T) => a === b);
  return {
    name: def.name,
    operators: new Set(def.operators),
    sortValue: def.sortValue,
    compile(operator, literals) {
      let anyEmpty = false;
      const targets: T[] = [];
      for (const literal of literals) {
        if (literal.kind === 'empty') anyEmpty = true;
        else targets.push(...def.resolve(literal));
      }
      const hit = (values: T[]) => values.some((v) => targets.some((t) => equals(v, t)));
      switch (operator) {
        case '=':
        case 'in':
          return (issue) => {
            const values = def.values(issue);
            return (values.length === 0 && anyEmpty) || hit(values);
          };
        case '!=':
        case 'not in':
          return (issue) => {
            const values = def.values(issue);
            return values.length > 0 && !hit(values);
          };
        case 'is':
          return (issue) => def.values(issue).length === 0;
        case 'is not':
          return (issue) => def.values(issue).length > 0;
        case '<':
        case '<=':
        case '>':
        case '>=': {
          const compare = def.compare;
          if (!compare)
            throw jqlError(`The operator '${operator}' is not supported by the '${def.name}' field.`);
          if (anyEmpty) throw jqlError(`The operator '${operator}' does not support the EMPTY keyword.`);
          const test = comparisonTest(operator);
          return (issue) =>
            def.values(issue).some((v) =>
              targets.some((t) => {
                const c = compare(v, t);
                return c !== null && test(c);
              }),
            );
        }
        default:
          throw jqlError(`The operator '${operator}' is not supported by the '${def.name}' field.`);
      }
    },
  };
}

export function textField(
  name: string,
  operators: readonly string[],
  values: (issue: StoredIssue) => string[],
  sortValue?: (issue: StoredIssue) => SortValue,
): JqlField {
  return {
    name,
    operators: new Set(operators),
    sortValue,
    compile(operator, literals) {
      if (operator === 'is') return (issue) => values(issue).length === 0;
      if (operator === 'is not') return (issue) => values(issue).length > 0;
      const literal = literals[0];
      if (literals.length !== 1 || !literal || literal.kind === 'empty') {
        throw jqlError(`The operator '${operator}' requires a single text value for the field '${name}'.`);
      }
      if (literal.kind === 'function') throw functionNotAllowed(literal.name, name);
      const query = parseTextQuery(literal.value);
      if (query.terms.length === 0) {
        throw jqlError(`The text query '${literal.value}' for the field '${name}' is not valid.`);
      }
      const matches = (issue: StoredIssue) => values(issue).some((text) => textMatches(text, query));
      if (operator === '~') return matches;
      return (issue) => values(issue).length > 0 && !matches(issue);
    },
  };
}
