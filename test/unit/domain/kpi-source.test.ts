import { describe, expect, it } from 'vitest';
import { jqlSyntaxProblem } from '../../../src/domain/jql-syntax';
import { queriesOf, valueFromCounts } from '../../../src/domain/kpi-source';

describe('KPI values from Jira counts', () => {
  const ratio = { type: 'jql-ratio' as const, numeratorJql: 'a = 1', denominatorJql: 'b = 2' };
  it('a count is the count; a ratio is numerator ÷ denominator, in percent for percentage units', () => {
    expect(valueFromCounts({ type: 'jql-count', jql: 'x = 1' }, [17], 'count')).toMatchObject({ value: 17 });
    // 3 / 12 = 0.25 → 25%
    expect(valueFromCounts(ratio, [3, 12], 'error-rate-percent')).toMatchObject({ value: 25 });
    expect(valueFromCounts(ratio, [3, 12], 'score')).toMatchObject({ value: 0.25 });
    expect(valueFromCounts(ratio, [1, 3], 'percent')).toMatchObject({ value: 33.333333 });
  });
  it('a value counted one by one is recorded with high confidence; one from Jira’s estimates says so', () => {
    const count = { type: 'jql-count' as const, jql: 'x = 1' };
    expect(valueFromCounts(count, [17], 'count')).toEqual({
      value: 17,
      confidence: 'high',
      note: 'Counted in Jira: 17 tickets.',
    });
    expect(valueFromCounts(count, [1700], 'count', true)).toEqual({
      value: 1700,
      confidence: 'low',
      note: 'Estimated by Jira: about 1700 tickets.',
    });
    expect(valueFromCounts(ratio, [300, 1200], 'percent', true)).toEqual({
      value: 25,
      confidence: 'low',
      note: 'Estimated by Jira: about 300 of about 1200 tickets.',
    });
  });
  it('a ratio over no tickets has no value and says why', () => {
    expect(valueFromCounts(ratio, [0, 0], 'percent')).toEqual({
      error: expect.stringMatching(/matched no tickets/),
    });
  });
  it('lists the queries a source needs', () => {
    expect(queriesOf(ratio)).toEqual(['a = 1', 'b = 2']);
    expect(queriesOf({ type: 'manual' })).toEqual([]);
  });
});

describe('JQL syntax check', () => {
  it('accepts valid JQL and names where invalid JQL breaks', () => {
    expect(jqlSyntaxProblem('project = CHK AND statusCategory = Done')).toBeNull();
    expect(jqlSyntaxProblem('project = = CHK')).toMatch(/does not parse \(at character 11\)/);
    expect(jqlSyntaxProblem('  ')).toBe('Write a JQL query.');
  });
});
