import type { KpiDirection, KpiKind, KpiUnit } from '@contract/limits';
import { CHECK_IN_CADENCES, KPI_DIRECTIONS, KPI_KINDS, KPI_UNITS } from '@contract/limits';
import { TECHNICAL_UNITS } from '@domain/units';
import { choicesOf } from '@shared/components/ChoiceSelect';
import type { SourceType } from './kpi-form';

/** Readable names of the contract's value lists, for selects and for the KPI list. */
export const UNIT_NAME: Record<KpiUnit, string> = {
  percent: 'Percent (%)',
  count: 'Count',
  currency: 'Money (amount)',
  days: 'Days',
  hours: 'Hours',
  minutes: 'Minutes',
  score: 'Score (points)',
  'availability-percent': 'Availability (%)',
  'error-rate-percent': 'Error rate (%)',
  'latency-ms': 'Latency (milliseconds)',
  'mttr-minutes': 'Time to recover (minutes)',
  'deploys-per-week': 'Deploys per week',
  custom: 'Other: name the unit',
};

/** Units grouped as the unit select shows them: general ones, then technical ones with a translation. */
export const GENERAL_UNITS: readonly KpiUnit[] = KPI_UNITS.filter(
  (u) => !TECHNICAL_UNITS.has(u) && u !== 'custom',
);
export const TRANSLATED_UNITS: readonly KpiUnit[] = KPI_UNITS.filter((u) => TECHNICAL_UNITS.has(u));
export const UNIT_GROUPS = [
  { label: 'General', choices: choicesOf(GENERAL_UNITS, UNIT_NAME) },
  { label: 'Technical, said in business terms', choices: choicesOf(TRANSLATED_UNITS, UNIT_NAME) },
  { label: 'Your own', choices: choicesOf(['custom'], UNIT_NAME) },
];
export const UNIT_CHOICES = UNIT_GROUPS.flatMap((g) => g.choices);

export const KIND_NAME: Record<KpiKind, string> = { business: 'Business', technical: 'Technical' };
export const KIND_HINT: Record<KpiKind, string> = {
  business: 'what customers or the business feel, e.g. checkout abandonment',
  technical: 'how the system behaves, e.g. checkout API availability',
};
export const KIND_CHOICES = choicesOf(KPI_KINDS, KIND_NAME);

export const DIRECTION_NAME: Record<KpiDirection, string> = {
  increase: 'Increase: higher is better',
  decrease: 'Decrease: lower is better',
  maintain: 'Maintain: keep it within a band',
};
export const DIRECTION_CHOICES = choicesOf(KPI_DIRECTIONS, DIRECTION_NAME);

export const SOURCE_NAME: Record<SourceType, string> = {
  manual: 'Manual check-ins',
  'jql-count': 'Jira count (one JQL query)',
  'jql-ratio': 'Jira ratio (two JQL counts)',
};
export const SOURCE_TYPES: readonly SourceType[] = ['manual', 'jql-count', 'jql-ratio'];
export const SOURCE_CHOICES = choicesOf(SOURCE_TYPES, SOURCE_NAME);

export { CONFIDENCE_CHOICES, CONFIDENCE_NAME } from '@shared/confidence';

/** Each cadence as the KPI editor offers it. */
export const CADENCE_CHOICES = choicesOf(CHECK_IN_CADENCES, {
  weekly: 'Weekly',
  'every-2-weeks': 'Every 2 weeks',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
});
