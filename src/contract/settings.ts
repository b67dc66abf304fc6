import { z } from 'zod';
import { RELEASE_WINDOW_DAYS } from './limits';

/**
 * Site-wide settings, changed by Jira admins only. Health compares progress with the share of the
 * timeframe gone: a gap up to `atRiskGap` is on track, up to `offTrackGap` at risk, beyond off track.
 */
export const SettingsDraftSchema = z
  .strictObject({
    atRiskGap: z.number().min(0).max(1),
    offTrackGap: z.number().min(0).max(1),
    /** "Output without outcome": most work done, KPI not moved. */
    outputWithoutOutcome: z.strictObject({
      deliveryAtLeast: z.number().min(0).max(1),
      kpiProgressAtMost: z.number().min(0).max(1),
    }),
    /**
     * "Did shipping move the KPI?": the days before and after each release whose KPI values are compared.
     * Left out, the domain's default (`DEFAULT_SETTINGS`) applies.
     */
    releaseWindowDays: z
      .number()
      .int('Give the release window in whole days.')
      .min(RELEASE_WINDOW_DAYS.min, `Give a release window of at least ${RELEASE_WINDOW_DAYS.min} days.`)
      .max(RELEASE_WINDOW_DAYS.max, `Keep the release window to ${RELEASE_WINDOW_DAYS.max} days or fewer.`)
      .optional(),
  })
  .refine((s) => s.offTrackGap > s.atRiskGap, {
    path: ['offTrackGap'],
    message: 'The off-track gap must be larger than the at-risk gap.',
  });
export type SettingsDraft = z.output<typeof SettingsDraftSchema>;

export const SettingsViewSchema = z.object({
  settings: SettingsDraftSchema,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  canEdit: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;
