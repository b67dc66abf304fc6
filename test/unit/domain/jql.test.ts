import { JastBuilder } from '@atlaskit/jql-ast';
import { describe, expect, it } from 'vitest';
import { and, inProject, isDone, jqlString, servesOutcome } from '../../../src/domain/jql';
import {
  confinedJql,
  embeddedJqlProblem,
  embedJql,
  jqlSyntaxProblem,
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
  const theirs = 'issuetype = Bug AND status = )';
  // Wrapped as embedJql would (it refuses JQL that does not parse, which is what Jira's message is about).
  const run = `project = "CHK" AND (${theirs})`;

  it('counts positions from the start of their JQL and quotes what they wrote there', () => {
    // By hand: `project = "CHK" AND (` is 21 characters, so character 51 of the run is 51 − 21 = 30 of
    // theirs, the ")" they typed last.
    expect(run.indexOf(theirs)).toBe(21);
    expect(
      messageInTheirTerms("Error in the JQL Query: (line 1, character 51) mismatched input ')'", run, theirs),
    ).toBe("Error in the JQL Query: (character 30 of what you typed, at “)”) mismatched input ')'");
    // Character 22 of the run is the first they typed; a long rest is cut after 20 characters.
    expect(messageInTheirTerms('Unknown field at character 22.', run, theirs)).toBe(
      'Unknown field at character 1 of what you typed, at “issuetype = Bug AND …”.',
    );
  });

  it('names the app’s own part as such, and leaves a message without a position alone', () => {
    expect(messageInTheirTerms('Error at character 3', run, theirs)).toBe(
      'Error at the part the app adds (not what you typed)',
    );
    // Character 52 is the bracket the app closes their JQL with: where a query that stops too soon is
    // found wanting, so it is said as the end of theirs ("status =" needs its value there).
    expect(messageInTheirTerms('(line 1, character 52)', run, theirs)).toBe(
      '(character 31 of what you typed, at the end)',
    );
    expect(messageInTheirTerms('(line 1, character 53)', run, theirs)).toBe(
      '(the part the app adds (not what you typed))',
    );
    expect(messageInTheirTerms('Field does not exist', run, theirs)).toBe('Field does not exist');
  });

  it('counts lines and characters in JQL written over several lines', () => {
    const lines = 'issuetype = Bug\nAND status = Done\nAND priority = )';
    const wrapped = `project = "CHK" AND (${lines})`;
    // Jira counts line 3 of the run, which is line 3 of theirs (the app's part sits on line 1), character
    // 16: the ")" after "AND priority = ".
    expect(messageInTheirTerms('(line 3, character 16)', wrapped, lines)).toBe(
      '(line 3, character 16 of what you typed, at “)”)',
    );
    // On line 1 the app's 21 characters come first: character 25 of the run is character 4 of theirs.
    expect(messageInTheirTerms('(line 1, character 25)', wrapped, lines)).toBe(
      '(line 1, character 4 of what you typed, at “uetype = Bug”)',
    );
  });

  it('maps the app’s own parser’s position in the wrapped query back to the person’s text', () => {
    const said = jqlSyntaxProblem(run);
    // The parser stops at the ")" they typed: character 51 of the run, 30 of theirs.
    expect(said).toMatch(/at character 51\)/);
    expect(messageInTheirTerms(said ?? '', run, theirs)).toMatch(
      /^The JQL does not parse \(at character 30 of what you typed, at “\)”\): /,
    );
  });
});
