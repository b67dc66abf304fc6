import type { KpiSource } from '../contract/kpi';
import type { KpiUnit } from '../contract/limits';

const PERCENT_UNITS: ReadonlySet<KpiUnit> = new Set([
  'percent',
  'availability-percent',
  'error-rate-percent',
]);

/** The JQL queries a source needs counted (none for manual KPIs), each with the field that holds it. */
export const queriesByField = (source: KpiSource): [field: string, jql: string][] =>
  source.type === 'jql-count'
    ? [['jql', source.jql]]
    : source.type === 'jql-ratio'
      ? [
          ['numeratorJql', source.numeratorJql],
          ['denominatorJql', source.denominatorJql],
        ]
      : [];

export const queriesOf = (source: KpiSource): string[] => queriesByField(source).map(([, jql]) => jql);

/**
 * Turns Jira's counts into the KPI's value: a count as is; a ratio as numerator ÷ denominator, in percent
 * when the unit is a percentage. A ratio over zero tickets has no value, and says so.
 */
export function valueFromCounts(
  source: KpiSource,
  counts: number[],
  unit: KpiUnit | null,
  /** Whether any count is Jira's estimate rather than tickets counted one by one. */
  estimated = false,
): { value: number; note: string; confidence: 'high' | 'low' } | { error: string } {
  // A value from an estimate is recorded as one: low confidence, and a note that says "about".
  const about = estimated ? 'about ' : '';
  const confidence = estimated ? 'low' : 'high';
  if (source.type === 'jql-count') {
    const count = counts[0] ?? 0;
    const tickets = `${about}${count} ${count === 1 ? 'ticket' : 'tickets'}`;
    return {
      value: count,
      confidence,
      note: estimated ? `Estimated by Jira: ${tickets}.` : `Counted in Jira: ${tickets}.`,
    };
  }
  if (source.type === 'jql-ratio') {
    const [numerator = 0, denominator = 0] = counts;
    if (denominator === 0)
      return { error: 'The denominator JQL matched no tickets, so the ratio has no value.' };
    const ratio = numerator / denominator;
    const value =
      unit !== null && PERCENT_UNITS.has(unit) ? Number((ratio * 100).toFixed(6)) : Number(ratio.toFixed(6));
    const of = `${about}${numerator} of ${about}${denominator} tickets`;
    return {
      value,
      confidence,
      note: estimated ? `Estimated by Jira: ${of}.` : `Computed in Jira: ${of}.`,
    };
  }
  return { error: 'This KPI is checked in by people, not computed from Jira.' };
}
