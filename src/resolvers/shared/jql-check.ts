import type { FieldError } from '../../contract/envelope';
import type { KpiSource } from '../../contract/kpi';
import { jqlSyntaxProblem } from '../../domain/jql-syntax';
import { JiraHttpError } from '../../platform/jira/client';
import { countIssues } from '../../platform/jira/issues';

export interface JqlCheck {
  valid: boolean;
  count: number | null;
  message: string | null;
}

/**
 * Validates an admin's JQL before it is saved: parsed with Atlassian's parser, then run once in Jira
 * as the admin (so it can name only what they may see). Jira's own message comes back on failure.
 */
export async function checkJql(jql: string): Promise<JqlCheck> {
  const syntax = jqlSyntaxProblem(jql);
  if (syntax) return { valid: false, count: null, message: syntax };
  try {
    const count = await countIssues('user', jql);
    return { valid: true, count, message: null };
  } catch (error) {
    if (error instanceof JiraHttpError && error.status === 400) {
      return { valid: false, count: null, message: error.messages.join(' ') || 'Jira rejected the JQL.' };
    }
    throw error;
  }
}

/** Field errors for every JQL of a KPI source that does not check out. */
export async function sourceProblems(source: KpiSource): Promise<FieldError[]> {
  const fields: [string, string][] =
    source.type === 'jql-count'
      ? [['jql', source.jql]]
      : source.type === 'jql-ratio'
        ? [
            ['numeratorJql', source.numeratorJql],
            ['denominatorJql', source.denominatorJql],
          ]
        : [];
  const checks = await Promise.all(
    fields.map(async ([field, jql]) => ({ field, check: await checkJql(jql) })),
  );
  return checks
    .filter(({ check }) => !check.valid)
    .map(({ field, check }) => ({
      path: `draft.source.${field}`,
      message: check.message ?? 'Jira rejected the JQL.',
    }));
}
