import { JastBuilder } from '@atlaskit/jql-ast';

/**
 * Checks JQL syntax with Atlassian's own parser before Jira is asked, so an admin gets the position of
 * a typo as they type. Returns the first problem, or null when the query parses.
 */
export function jqlSyntaxProblem(jql: string): string | null {
  if (jql.trim() === '') return 'Write a JQL query.';
  const { errors } = new JastBuilder().build(jql);
  const first = errors[0];
  if (!first) return null;
  const where =
    'start' in first && typeof first.start === 'number' ? ` (at character ${first.start + 1})` : '';
  return `The JQL does not parse${where}: ${first.message}`;
}
