import Textfield from '@atlaskit/textfield';
import { FieldShell } from '../common/FieldShell';
import type { SettingsField } from './settings-form';

const FIELDS: Record<SettingsField, { label: string; helper: string; testId: string }> = {
  atRiskGap: {
    label: 'At risk when progress trails time by more than',
    helper:
      'Health compares progress with the share of the timeframe gone. Up to this gap an outcome is on track; beyond it, at risk.',
    testId: 'settings-at-risk-gap',
  },
  offTrackGap: {
    label: 'Off track when progress trails time by more than',
    helper: 'Beyond this gap an outcome is off track. It must be larger than the at-risk gap.',
    testId: 'settings-off-track-gap',
  },
  deliveryAtLeast: {
    label: 'Output without outcome: work done at least',
    helper: 'Flag an outcome when at least this share of its linked work is done…',
    testId: 'settings-delivery-at-least',
  },
  kpiProgressAtMost: {
    label: 'Output without outcome: KPI progress at most',
    helper: '…while its KPIs have moved at most this far towards their targets.',
    testId: 'settings-kpi-progress-at-most',
  },
};

/** One threshold as a percentage, with what it means. */
export function PercentField({
  id,
  field,
  value,
  error,
  readOnly,
  disabled,
  onChange,
}: {
  id: string;
  field: SettingsField;
  value: string;
  error: string | undefined;
  readOnly: boolean;
  disabled: boolean;
  onChange: (field: SettingsField, value: string) => void;
}) {
  const { label, helper, testId } = FIELDS[field];
  return (
    <FieldShell id={id} label={label} error={error} helper={helper}>
      {(aria) => (
        <Textfield
          id={aria.id}
          testId={testId}
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(field, e.currentTarget.value)}
          isInvalid={aria.invalid}
          isReadOnly={readOnly}
          isDisabled={disabled}
          aria-describedby={aria.describedBy}
          elemAfterInput={<span className="ob-unit-suffix">%</span>}
        />
      )}
    </FieldShell>
  );
}
