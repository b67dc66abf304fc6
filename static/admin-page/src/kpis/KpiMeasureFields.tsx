import { unitLabel } from '@domain/units';
import { ChoiceSelect } from '@shared/components/ChoiceSelect';
import { formatDay } from '@shared/format';
import { FieldShell } from '../common/FieldShell';
import { TextRow } from '../common/TextRow';
import { CUSTOM_UNIT_MAX, type KpiField, type KpiFieldGroup, numberMessage } from './kpi-form';
import { DIRECTION_CHOICES, UNIT_CHOICES, UNIT_GROUPS } from './kpi-labels';

type NumberField = Extract<KpiField, 'baseline' | 'target' | 'bandMin' | 'bandMax'>;
const TEST_ID: Record<NumberField, string> = {
  baseline: 'kpi-baseline',
  target: 'kpi-target',
  bandMin: 'kpi-band-min',
  bandMax: 'kpi-band-max',
};

/** Unit, direction, baseline and target (or the band to stay within), and the due date. */
export function KpiMeasureFields({
  form,
  set,
  messages,
  fieldId,
  disabled,
  outcomeStart,
  outcomeDue,
}: KpiFieldGroup & {
  outcomeStart: string | null;
  outcomeDue: string | null;
}) {
  const suffix = form.unit === '' ? '' : unitLabel(form.unit, form.customUnit.trim());
  const numberField = (field: NumberField, label: string, helper: string) => (
    <TextRow
      id={fieldId(field)}
      label={label}
      required
      error={messages[field] ?? numberMessage(form[field])}
      helper={helper}
      inputTestId={TEST_ID[field]}
      inputMode="decimal"
      autoComplete="off"
      value={form[field]}
      onChange={(value) => set(field, value)}
      disabled={disabled}
      elemAfterInput={suffix ? <span className="ob-unit-suffix">{suffix}</span> : undefined}
    />
  );

  return (
    <>
      <FieldShell
        id={fieldId('unit')}
        label="Unit"
        required
        error={messages.unit}
        helper="Technical units are translated into business terms."
      >
        {(aria) => (
          <ChoiceSelect
            aria={aria}
            testId="kpi-unit"
            choices={UNIT_CHOICES}
            groups={UNIT_GROUPS}
            value={form.unit}
            onChange={(unit) => set('unit', unit)}
            placeholder="Choose a unit"
            disabled={disabled}
          />
        )}
      </FieldShell>

      {form.unit === 'custom' ? (
        <TextRow
          id={fieldId('customUnit')}
          label="Unit name"
          required
          error={messages.customUnit}
          helper={`How the unit reads after a number, e.g. “orders a day”. Up to ${CUSTOM_UNIT_MAX} characters.`}
          inputTestId="kpi-custom-unit"
          value={form.customUnit}
          onChange={(value) => set('customUnit', value)}
          disabled={disabled}
        />
      ) : (
        <div aria-hidden="true" />
      )}

      <FieldShell
        id={fieldId('direction')}
        label="Direction"
        required
        wide
        error={messages.direction}
        helper={
          form.direction === 'maintain'
            ? 'It succeeds while the value stays inside the band.'
            : 'Progress is how far the value has moved from the baseline towards the target.'
        }
      >
        {(aria) => (
          <ChoiceSelect
            aria={aria}
            testId="kpi-direction"
            choices={DIRECTION_CHOICES}
            value={form.direction}
            onChange={(direction) => set('direction', direction)}
            disabled={disabled}
          />
        )}
      </FieldShell>

      {numberField('baseline', 'Baseline', 'The value when work starts.')}
      {form.direction === 'maintain' ? (
        <>
          <div aria-hidden="true" />
          {numberField('bandMin', 'Band: at least', 'The lowest acceptable value.')}
          {numberField('bandMax', 'Band: at most', 'The highest acceptable value.')}
        </>
      ) : (
        numberField(
          'target',
          'Target',
          form.direction === 'increase' ? 'Above the baseline.' : 'Below the baseline.',
        )
      )}

      <TextRow
        id={fieldId('dueDate')}
        label="Due date"
        required
        error={messages.dueDate}
        helper={`Inside the outcome's timeframe: ${formatDay(outcomeStart)} to ${formatDay(outcomeDue)}.`}
        type="date"
        inputTestId="kpi-due-date"
        value={form.dueDate}
        min={outcomeStart ?? undefined}
        max={outcomeDue ?? undefined}
        onChange={(value) => set('dueDate', value)}
        disabled={disabled}
      />
    </>
  );
}
