import { ChoiceRow } from '../common/ChoiceRow';
import { bindField } from '../common/field-group';
import { JqlField } from '../common/JqlField';
import type { KpiFieldGroup, KpiForm } from './kpi-form';
import { CADENCE_CHOICES, SOURCE_CHOICES } from './kpi-labels';

/** The queries each JQL source asks for: one count, or the part and the whole of a ratio. */
const QUERIES: Partial<
  Record<KpiForm['sourceType'], { field: JqlKpiField; label: string; testId: string; hint: string }[]>
> = {
  'jql-count': [
    {
      field: 'jql',
      label: 'JQL: the tickets to count',
      testId: 'kpi-jql',
      hint: "The KPI's value is the number of tickets that match.",
    },
  ],
  'jql-ratio': [
    {
      field: 'numeratorJql',
      label: 'JQL: the part (numerator)',
      testId: 'kpi-jql-numerator',
      hint: 'For example, the checkout bugs that are done.',
    },
    {
      field: 'denominatorJql',
      label: 'JQL: the whole (denominator)',
      testId: 'kpi-jql-denominator',
      hint: 'For example, all checkout bugs. The value is the part divided by the whole.',
    },
  ],
};
type JqlKpiField = 'jql' | 'numeratorJql' | 'denominatorJql';

/** How long each cadence waits, as the hint says it. */
const CADENCE_SPAN: Record<KpiForm['cadence'], string> = {
  weekly: 'a week',
  'every-2-weeks': '2 weeks',
  monthly: 'a month',
  quarterly: 'a quarter',
};

/** Where the KPI's value comes from: people checking in, or Jira counting (one query, or a ratio of two). */
export function KpiSourceFields(group: KpiFieldGroup) {
  const { form } = group;
  const bind = bindField(group);
  return (
    <>
      <ChoiceRow
        {...bind('sourceType')}
        label="Source of the value"
        wide
        helper={
          form.sourceType === 'manual'
            ? 'Owners record the value with a check-in whenever they measure it.'
            : 'Outcome Bridge counts the tickets in Jira on a schedule, and whenever you press “Refresh now”.'
        }
        inputTestId="kpi-source"
        choices={SOURCE_CHOICES}
      />
      {(QUERIES[form.sourceType] ?? []).map(({ field, label, testId, hint }) => (
        <JqlField key={field} {...bind(field)} label={label} testId={testId} hint={hint} />
      ))}
      {form.sourceType === 'manual' ? (
        <ChoiceRow
          {...bind('cadence')}
          label="Check-in cadence"
          wide
          helper={`After ${CADENCE_SPAN[form.cadence]} without a check-in, everyone who sees the KPI is told its value is stale, and those who may check it in get a link here.`}
          inputTestId="kpi-cadence"
          choices={CADENCE_CHOICES}
        />
      ) : null}
    </>
  );
}
