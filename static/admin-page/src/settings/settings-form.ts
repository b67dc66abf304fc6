import type { FieldError } from '@contract/envelope';
import { BACKGROUND_SHARE_PERCENT, HOURLY_QUOTA_POINTS, RELEASE_WINDOW_DAYS } from '@contract/limits';
import type { SettingsDraft } from '@contract/settings';
import { backgroundShareOf, hourlyQuotaOf, releaseWindowOf } from '@domain/settings';
import type { Messages } from '../common/field-messages';
import { parseNumber } from '../common/parse-number';

/** The settings as the form shows them: percentages as typed. Stored as fractions 0..1. */
export interface SettingsForm {
  atRiskGap: string;
  offTrackGap: string;
  deliveryAtLeast: string;
  kpiProgressAtMost: string;
  /** Days, whole. */
  releaseWindowDays: string;
  /** Whole percent of the hourly quota. */
  backgroundSharePercent: string;
  /** Points an hour, whole. */
  hourlyQuotaPoints: string;
}
export type SettingsField = keyof SettingsForm;
export type SettingsMessages = Messages<SettingsField>;
const PERCENT_FIELDS = ['atRiskGap', 'offTrackGap', 'deliveryAtLeast', 'kpiProgressAtMost'] as const;
export const SETTINGS_FIELDS: readonly SettingsField[] = [
  ...PERCENT_FIELDS,
  'releaseWindowDays',
  'backgroundSharePercent',
  'hourlyQuotaPoints',
];

/** 0.15 → "15": no float noise (0.07 × 100 is 7.000000000000001). */
const percent = (fraction: number) => String(Number((fraction * 100).toFixed(4)));
const fraction = (percentValue: number) => Number((percentValue / 100).toFixed(6));

export const settingsFormOf = (s: SettingsDraft): SettingsForm => ({
  atRiskGap: percent(s.atRiskGap),
  offTrackGap: percent(s.offTrackGap),
  deliveryAtLeast: percent(s.outputWithoutOutcome.deliveryAtLeast),
  kpiProgressAtMost: percent(s.outputWithoutOutcome.kpiProgressAtMost),
  releaseWindowDays: String(releaseWindowOf(s)),
  backgroundSharePercent: String(backgroundShareOf(s)),
  hourlyQuotaPoints: String(hourlyQuotaOf(s)),
});

/** A whole number typed within [min, max], or undefined. */
const wholeIn = (typed: string, range: { min: number; max: number }): number | undefined => {
  const n = parseNumber(typed);
  return typeof n === 'number' && Number.isInteger(n) && n >= range.min && n <= range.max ? n : undefined;
};

const WINDOW_WORDS = `Give a whole number of days from ${RELEASE_WINDOW_DAYS.min} to ${RELEASE_WINDOW_DAYS.max}.`;

const SHARE_WORDS = `Give a whole percentage from ${BACKGROUND_SHARE_PERCENT.min} to ${BACKGROUND_SHARE_PERCENT.max}.`;
const QUOTA_WORDS = `Give a whole number of points from ${HOURLY_QUOTA_POINTS.min.toLocaleString('en-US')} to ${HOURLY_QUOTA_POINTS.max.toLocaleString('en-US')}.`;

/** The draft to save, or what to fix first (each a percentage from 0 to 100, off-track above at-risk). */
export function settingsDraftOf(
  form: SettingsForm,
): { ok: true; draft: SettingsDraft } | { ok: false; messages: SettingsMessages } {
  const messages: SettingsMessages = {};
  const values: Partial<Record<SettingsField, number>> = {};
  for (const field of PERCENT_FIELDS) {
    const n = parseNumber(form[field]);
    if (typeof n !== 'number') messages[field] = 'Give a percentage from 0 to 100.';
    else if (n < 0 || n > 100) messages[field] = 'Use a percentage from 0 to 100.';
    else values[field] = n;
  }
  const releaseWindowDays = wholeIn(form.releaseWindowDays, RELEASE_WINDOW_DAYS);
  if (releaseWindowDays === undefined) messages.releaseWindowDays = WINDOW_WORDS;
  const backgroundSharePercent = wholeIn(
    form.backgroundSharePercent.replace(/%$/, ''),
    BACKGROUND_SHARE_PERCENT,
  );
  if (backgroundSharePercent === undefined) messages.backgroundSharePercent = SHARE_WORDS;
  const hourlyQuotaPoints = wholeIn(form.hourlyQuotaPoints.replace(/[,\s]/g, ''), HOURLY_QUOTA_POINTS);
  if (hourlyQuotaPoints === undefined) messages.hourlyQuotaPoints = QUOTA_WORDS;
  const { atRiskGap, offTrackGap, deliveryAtLeast, kpiProgressAtMost } = values;
  if (atRiskGap !== undefined && offTrackGap !== undefined && offTrackGap <= atRiskGap) {
    messages.offTrackGap = 'The off-track gap must be larger than the at-risk gap.';
  }
  if (
    Object.keys(messages).length > 0 ||
    atRiskGap === undefined ||
    offTrackGap === undefined ||
    deliveryAtLeast === undefined ||
    kpiProgressAtMost === undefined ||
    releaseWindowDays === undefined ||
    backgroundSharePercent === undefined ||
    hourlyQuotaPoints === undefined
  ) {
    return { ok: false, messages };
  }
  return {
    ok: true,
    draft: {
      atRiskGap: fraction(atRiskGap),
      offTrackGap: fraction(offTrackGap),
      outputWithoutOutcome: {
        deliveryAtLeast: fraction(deliveryAtLeast),
        kpiProgressAtMost: fraction(kpiProgressAtMost),
      },
      releaseWindowDays,
      backgroundSharePercent,
      hourlyQuotaPoints,
    },
  };
}

const FIELD_OF_PATH: Record<string, SettingsField> = {
  'settings.atRiskGap': 'atRiskGap',
  'settings.offTrackGap': 'offTrackGap',
  'settings.outputWithoutOutcome.deliveryAtLeast': 'deliveryAtLeast',
  'settings.outputWithoutOutcome.kpiProgressAtMost': 'kpiProgressAtMost',
  'settings.releaseWindowDays': 'releaseWindowDays',
  'settings.backgroundSharePercent': 'backgroundSharePercent',
  'settings.hourlyQuotaPoints': 'hourlyQuotaPoints',
};

export function placeSettingsErrors(errors: readonly FieldError[]) {
  const byField: SettingsMessages = {};
  const other: string[] = [];
  for (const { path, message } of errors) {
    const field = FIELD_OF_PATH[path];
    if (field) byField[field] = message;
    else other.push(message);
  }
  return { byField, other };
}

export const sameSettingsForm = (a: SettingsForm, b: SettingsForm) =>
  SETTINGS_FIELDS.every((f) => a[f].trim() === b[f].trim());
