import { JastBuilder } from '@atlaskit/jql-ast';
import { describe, expect, it } from 'vitest';
import { and, inProject, isDone, jqlString, servesOutcome } from '../../../src/domain/jql';
import {
  confinedJql,
  embeddedJqlProblem,
  embedJql,
  messageInTheirTerms,
  UnsafeJqlError,
} from '../../../src/domain/jql-syntax';

describe('JQL built by the app', () => {
  it('escapes quotes and backslashes so a value can never break out of its string', () => {
    expect(jqlString('a "quoted" \\ value')).toBe('"a \\"quoted\\" \\\\ value"');
  });

  it("parses with Atlassian's own JQL parser", () => {
    const jql = and(inProject('CHK'), servesOutcome('o-abc"def'), isDone);
    const built = new JastBuilder().build(jql);
    expect(built.errors).toEqual([]);
    expect(jql).toBe(
      '(project = "CHK") AND (issue.property[outcome-bridge-links].effectiveOutcomeIds = "o-abc\\"def") AND (statusCategory = Done)',
    );
  });
});

describe('a person’s JQL inside the app’s own query', () => {
  it('is refused when it parses only once combined: it could reach past the project scope', () => {
    expect(embeddedJqlProblem('issuetype = Bug) OR (issuetype = Bug')).toMatch(
      /does not parse \(at character 16\)/,
    );
    expect(() => embedJql('project = "CHK"', 'issuetype = Bug) OR (issuetype = Bug')).toThrow(UnsafeJqlError);
    expect(() => confinedJql('a = 1) OR (b = 2', ['CHK'])).toThrow(UnsafeJqlError);
  });

  it('is refused with ORDER BY, or without a condition', () => {
    expect(embeddedJqlProblem('issuetype = Bug ORDER BY created')).toMatch(/ORDER BY/);
    expect(embeddedJqlProblem('ORDER BY created')).toMatch(/ORDER BY/);
    expect(embeddedJqlProblem('  ')).toBe('Write a JQL query.');
  });

  it('is one bracketed node when it parses alone, whatever its parentheses or OR', () => {
    const jql = embedJql('project = "CHK"', 'summary ~ "a) OR (b" OR issuetype = Bug');
    expect(jql).toBe('project = "CHK" AND (summary ~ "a) OR (b" OR issuetype = Bug)');
    const { query, errors } = new JastBuilder().build(jql);
    expect(errors).toEqual([]);
    expect(query?.where?.clauseType).toBe('compound');
    expect(confinedJql('issuetype = Bug OR priority = High', ['CHK', 'PLAT'])).toBe(
      'project in ("CHK", "PLAT") AND (issuetype = Bug OR priority = High)',
    );
  });
});

describe('Jira’s messages about a wrapped query, in the terms of what the person typed', () => {
  it('counts positions from the start of their JQL, and names the app’s own part as such', () => {
    const theirs = 'issuetype = Bug AND status = )';
    // Wrapped as embedJql would (it refuses JQL that does not parse, which is what Jira's message is about).
    const run = `project = "CHK" AND (${theirs})`;
    // By hand: `project = "CHK" AND (` is 21 characters, so character 51 of the run is 51 − 21 = 30 of theirs.
    expect(run.indexOf(theirs)).toBe(21);
    expect(
      messageInTheirTerms("Error in the JQL Query: (line 1, character 51) mismatched input ')'", run, theirs),
    ).toBe("Error in the JQL Query: (line 1, character 30) mismatched input ')'");
    expect(messageInTheirTerms('Error at character 3', run, theirs)).toBe(
      'Error at the part the app adds (not what you typed)',
    );
    expect(messageInTheirTerms('Field does not exist', run, theirs)).toBe('Field does not exist');
  });
});
