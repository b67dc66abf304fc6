import type { OrderBy } from '@atlaskit/jql-ast';
import type { StoredIssue } from '../model';
import type { SortValue } from './field-kinds';
import { resolveField } from './fields';
import { type EvalContext, jqlError } from './values';

export type IssueComparator = (a: StoredIssue, b: StoredIssue) => number;

/** Empty values sort after every value in ascending order (and so first when descending), as in Jira. */
function compareValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function keyOrder(issue: StoredIssue): string {
  const [project, num] = issue.key.split('-');
  return `${project}-${(num ?? '').padStart(10, '0')}`;
}

/** ORDER BY as a comparator; without ORDER BY, issues come by key. Ties break on key so pages are stable. */
export function compileOrderBy(orderBy: OrderBy | undefined, ctx: EvalContext): IssueComparator {
  const keys = (orderBy?.fields ?? []).map((f) => {
    const field = resolveField(f.field, ctx);
    const sortValue = field.sortValue;
    if (!sortValue) throw jqlError(`Not able to sort using field '${field.name}'.`);
    const direction = f.direction?.value === 'DESC' ? -1 : 1;
    return { sortValue, direction };
  });
  return (a, b) => {
    for (const { sortValue, direction } of keys) {
      const c = compareValues(sortValue(a), sortValue(b)) * direction;
      if (c !== 0) return c;
    }
    return compareValues(keyOrder(a), keyOrder(b));
  };
}
