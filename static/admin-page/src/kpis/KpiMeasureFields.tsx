import { unitLabel } from '@domain/units';
import { formatDay } from '@shared/format';
import { ChoiceRow } from '../common/ChoiceRow';
import { bindField } from '../common/field-group';
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
  outcomeStart,
  outcomeDue,
  ...group
}: KpiFieldGroup & {
  outcomeStart: string | null;
  outcomeDue: string | null;
}) {
  const { form, messages } = group;
  const bind = bindField(group);
  const suffix = form.unit === '' ? '' : unitLabel(form.unit, form.customUnit.trim());
  const numberField = (field: NumberField, label: string, helper: string) => (
    <TextRow
      {...bind(field)}
      label={label}
      required
      error={messages[field] ?? numberMessage(form[field])}
      helper={helper}
      inputTestId={TEST_ID[field]}
      inputMode="decimal"
      autoComplete="off"
      elemAfterInput={suffix ? <span className="ob-unit-suffix">{suffix}</span> : undefined}
    />
  );

  return (
    <>
      <ChoiceRow
        {...bind('unit')}
        label="Unit"
        required
        helper="Technical units are translated into business terms."
        inputTestId="kpi-unit"
        choices={UNIT_CHOICES}
        groups={UNIT_GROUPS}
        placeholder="Choose a unit"
      />

      {form.unit === 'custom' ? (
        <TextRow
          {...bind('customUnit')}
          label="Unit name"
          required
          helper={`How the unit reads after a number, e.g. “orders a day”. Up to ${CUSTOM_UNIT_MAX} characters.`}
          inputTestId="kpi-custom-unit"
        />
      ) : (
        <div aria-hidden="true" />
      )}

      <ChoiceRow
        {...bind('direction')}
        label="Direction"
        required
        wide
        helper={
          form.direction === 'maintain'
            ? 'It succeeds while the value stays inside the band.'
            : 'Progress is how far the value has moved from the baseline towards the target.'
        }
        inputTestId="kpi-direction"
        choices={DIRECTION_CHOICES}
      />

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
        {...bind('dueDate')}
        label="Due date"
        required
        helper={`Inside the outcome's timeframe: ${formatDay(outcomeStart)} to ${formatDay(outcomeDue)}.`}
        type="date"
        inputTestId="kpi-due-date"
        min={outcomeStart ?? undefined}
        max={outcomeDue ?? undefined}
      />
    </>
  );
}
