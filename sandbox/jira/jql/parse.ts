import { JastBuilder, JQLSyntaxError, type Query } from '@atlaskit/jql-ast';
import { jqlError } from './values';

/** Parses JQL with Atlassian's own parser; syntax errors become Jira's 400 message. */
export function parseJql(jql: string): Query {
  const { query, errors } = new JastBuilder().build(jql);
  const first = errors[0];
  if (first) {
    const where =
      first instanceof JQLSyntaxError
        ? ` (line ${first.line}, character ${first.charPositionInLine + 1})`
        : '';
    throw jqlError(`Error in the JQL Query: ${first.description}${where}`);
  }
  if (!query) throw jqlError('Error in the JQL Query: the query could not be parsed.');
  return query;
}
