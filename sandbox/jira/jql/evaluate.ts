import type { Clause } from '@atlaskit/jql-ast';
import type { IssuePredicate } from './field-kinds';
import { resolveField } from './fields';
import { type EvalContext, jqlError, literalsOf } from './values';

const HISTORY_OPERATORS = new Set(['was', 'was not', 'was in', 'was not in', 'changed']);

/** Compiles a WHERE clause into a predicate. Every value is resolved here, so bad JQL fails even on an empty site. */
export function compileClause(clause: Clause, ctx: EvalContext): IssuePredicate {
  switch (clause.clauseType) {
    case 'compound': {
      const parts = clause.clauses.map((c) => compileClause(c, ctx));
      return clause.operator.value === 'and'
        ? (issue) => parts.every((p) => p(issue))
        : (issue) => parts.some((p) => p(issue));
    }
    case 'not': {
      const inner = compileClause(clause.clause, ctx);
      return (issue) => !inner(issue);
    }
    case 'terminal': {
      const operator = clause.operator ? clause.operator.value : undefined;
      if (!operator)
        throw jqlError(`Error in the JQL Query: expecting an operator after '${clause.field.text}'.`);
      if (HISTORY_OPERATORS.has(operator) || clause.predicates.length > 0) {
        throw jqlError(
          `The operator '${operator}' is not supported by the Jira emulator: it keeps no issue history to search.`,
        );
      }
      const field = resolveField(clause.field, ctx);
      if (!field.operators.has(operator)) {
        throw jqlError(`The operator '${operator}' is not supported by the '${field.name}' field.`);
      }
      const literals = clause.operand ? literalsOf(clause.operand) : [];
      if (literals.length === 0) {
        throw jqlError(`Error in the JQL Query: expecting a value after '${clause.field.text} ${operator}'.`);
      }
      if ((operator === 'is' || operator === 'is not') && literals.some((l) => l.kind !== 'empty')) {
        throw jqlError(
          `The operator '${operator}' only supports the EMPTY keyword for the '${field.name}' field.`,
        );
      }
      return field.compile(operator, literals);
    }
  }
}
