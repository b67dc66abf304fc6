import { z } from 'zod';

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
