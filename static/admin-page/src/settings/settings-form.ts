import type { FieldError } from '@contract/envelope';
import { RELEASE_WINDOW_DAYS } from '@contract/limits';
import type { SettingsDraft } from '@contract/settings';
import { releaseWindowOf } from '@domain/settings';
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
}
export type SettingsField = keyof SettingsForm;
export type SettingsMessages = Messages<SettingsField>;
const PERCENT_FIELDS = ['atRiskGap', 'offTrackGap', 'deliveryAtLeast', 'kpiProgressAtMost'] as const;
export const SETTINGS_FIELDS: readonly SettingsField[] = [...PERCENT_FIELDS, 'releaseWindowDays'];

/** 0.15 → "15": no float noise (0.07 × 100 is 7.000000000000001). */
const percent = (fraction: number) => String(Number((fraction * 100).toFixed(4)));
const fraction = (percentValue: number) => Number((percentValue / 100).toFixed(6));

export const settingsFormOf = (s: SettingsDraft): SettingsForm => ({
  atRiskGap: percent(s.atRiskGap),
  offTrackGap: percent(s.offTrackGap),
  deliveryAtLeast: percent(s.outputWithoutOutcome.deliveryAtLeast),
  kpiProgressAtMost: percent(s.outputWithoutOutcome.kpiProgressAtMost),
  releaseWindowDays: String(releaseWindowOf(s)),
});

const WINDOW_WORDS = `Give a whole number of days from ${RELEASE_WINDOW_DAYS.min} to ${RELEASE_WINDOW_DAYS.max}.`;

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
  const windowDays = parseNumber(form.releaseWindowDays);
  const releaseWindowDays =
    typeof windowDays === 'number' &&
    Number.isInteger(windowDays) &&
    windowDays >= RELEASE_WINDOW_DAYS.min &&
    windowDays <= RELEASE_WINDOW_DAYS.max
      ? windowDays
      : undefined;
  if (releaseWindowDays === undefined) messages.releaseWindowDays = WINDOW_WORDS;
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
    releaseWindowDays === undefined
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
    },
  };
}

const FIELD_OF_PATH: Record<string, SettingsField> = {
  'settings.atRiskGap': 'atRiskGap',
  'settings.offTrackGap': 'offTrackGap',
  'settings.outputWithoutOutcome.deliveryAtLeast': 'deliveryAtLeast',
  'settings.outputWithoutOutcome.kpiProgressAtMost': 'kpiProgressAtMost',
  'settings.releaseWindowDays': 'releaseWindowDays',
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
