import { TextRow } from '../common/TextRow';
import type { SettingsField } from './settings-form';

const FIELDS: Record<SettingsField, { label: string; helper: string; testId: string; suffix?: string }> = {
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
  releaseWindowDays: {
    label: 'Did shipping move the KPI? Compare the days before and after a release',
    helper:
      'For each release (an epic, or a ticket when there are no epics, reaching Done), the KPI’s average over this many days before is compared with its average over as many days after.',
    testId: 'settings-release-window',
    suffix: 'days',
  },
  backgroundSharePercent: {
    label: 'Background work may use at most',
    helper:
      'The share of your site’s hourly Jira allowance that nightly checks, rule backfills and repairs may spend. When it is spent they continue in the next hour; pages people open are never held back.',
    testId: 'settings-background-share',
  },
  hourlyQuotaPoints: {
    label: 'Your site’s hourly Jira allowance, when Jira does not say',
    helper:
      'Jira announces the allowance with its answers, and the app uses that. Until it does, this figure applies. 65,000 points is the smallest documented allowance.',
    testId: 'settings-hourly-quota',
    suffix: 'points',
  },
};

/** One setting as a number (a percentage unless it says otherwise), with what it means. */
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
  const { testId, suffix = '%', ...words } = FIELDS[field];
  return (
    <TextRow
      {...words}
      id={id}
      error={error}
      inputTestId={testId}
      inputMode="decimal"
      autoComplete="off"
      value={value}
      onChange={(value) => onChange(field, value)}
      isReadOnly={readOnly}
      disabled={disabled}
      elemAfterInput={<span className="ob-unit-suffix">{suffix}</span>}
    />
  );
}
