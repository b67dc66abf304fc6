import { z } from 'zod';
import { BACKGROUND_SHARE_PERCENT, HOURLY_QUOTA_POINTS, RELEASE_WINDOW_DAYS } from './limits';

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
    /** The share of Jira's hourly points quota background work may spend. Left out, the default applies. */
    backgroundSharePercent: z
      .number()
      .int('Give the share as a whole percentage.')
      .min(
        BACKGROUND_SHARE_PERCENT.min,
        `Give background work at least ${BACKGROUND_SHARE_PERCENT.min}% of the quota.`,
      )
      .max(
        BACKGROUND_SHARE_PERCENT.max,
        `A share cannot be more than ${BACKGROUND_SHARE_PERCENT.max}% of the quota.`,
      )
      .optional(),
    /** The site's hourly points quota, for when Jira does not announce it in its headers. */
    hourlyQuotaPoints: z
      .number()
      .int('Give the quota in whole points.')
      .min(
        HOURLY_QUOTA_POINTS.min,
        `Give a quota of at least ${HOURLY_QUOTA_POINTS.min.toLocaleString('en-US')} points.`,
      )
      .max(
        HOURLY_QUOTA_POINTS.max,
        `Give a quota of at most ${HOURLY_QUOTA_POINTS.max.toLocaleString('en-US')} points.`,
      )
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

/** What the app spent of Jira's hourly points quota, next to its background budget (the admin page's figures). */
export const UsageViewSchema = z.object({
  /** Points the app spent as itself in the current UTC hour, page loads included. */
  thisHour: z.number().int().min(0),
  /** The same over the 24 hours to now. */
  lastDay: z.number().int().min(0),
  /** Since when "this hour" counts: the top of the current UTC hour (ISO). */
  hourStart: z.string(),
  /** The site's hourly quota, and where that figure comes from. */
  quota: z.number().int().min(0),
  quotaSource: z.enum(['jira', 'setting', 'default']),
  sharePercent: z.number().int(),
  /** The points background work may spend in one hour: the share of the quota. */
  allowance: z.number().int().min(0),
  /** False until the app has recorded any spending (a new install, or a quiet day). */
  recorded: z.boolean(),
});
export type UsageView = z.infer<typeof UsageViewSchema>;
