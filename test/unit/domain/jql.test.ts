import { JastBuilder } from '@atlaskit/jql-ast';
import { describe, expect, it } from 'vitest';
import { and, inProject, isDone, jqlString, servesOutcome } from '../../../src/domain/jql';

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
