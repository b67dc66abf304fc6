import { ChoiceSelect } from '@shared/components/ChoiceSelect';
import { FieldShell } from '../common/FieldShell';
import { JqlField } from '../common/JqlField';
import type { KpiFieldGroup } from './kpi-form';
import { SOURCE_CHOICES } from './kpi-labels';

/** Where the KPI's value comes from: people checking in, or Jira counting (one query, or a ratio of two). */
export function KpiSourceFields({ form, set, messages, fieldId, disabled }: KpiFieldGroup) {
  return (
    <>
      <FieldShell
        id={fieldId('sourceType')}
        label="Source of the value"
        wide
        error={messages.sourceType}
        helper={
          form.sourceType === 'manual'
            ? 'Owners record the value with a check-in whenever they measure it.'
            : 'Outcome Bridge counts the tickets in Jira on a schedule, and whenever you press “Refresh now”.'
        }
      >
        {(aria) => (
          <ChoiceSelect
            aria={aria}
            testId="kpi-source"
            choices={SOURCE_CHOICES}
            value={form.sourceType}
            onChange={(type) => set('sourceType', type)}
            disabled={disabled}
          />
        )}
      </FieldShell>
      {form.sourceType === 'jql-count' ? (
        <JqlField
          id={fieldId('jql')}
          label="JQL: the tickets to count"
          value={form.jql}
          onChange={(jql) => set('jql', jql)}
          error={messages.jql}
          disabled={disabled}
          testId="kpi-jql"
          hint="The KPI's value is the number of tickets that match."
        />
      ) : null}
      {form.sourceType === 'jql-ratio' ? (
        <>
          <JqlField
            id={fieldId('numeratorJql')}
            label="JQL: the part (numerator)"
            value={form.numeratorJql}
            onChange={(jql) => set('numeratorJql', jql)}
            error={messages.numeratorJql}
            disabled={disabled}
            testId="kpi-jql-numerator"
            hint="For example, the checkout bugs that are done."
          />
          <JqlField
            id={fieldId('denominatorJql')}
            label="JQL: the whole (denominator)"
            value={form.denominatorJql}
            onChange={(jql) => set('denominatorJql', jql)}
            error={messages.denominatorJql}
            disabled={disabled}
            testId="kpi-jql-denominator"
            hint="For example, all checkout bugs. The value is the part divided by the whole."
          />
        </>
      ) : null}
    </>
  );
}
