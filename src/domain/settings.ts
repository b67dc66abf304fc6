import type { SettingsDraft } from '../contract/settings';
import { DEFAULT_BACKGROUND_SHARE_PERCENT, DEFAULT_HOURLY_QUOTA } from './points-budget';

/** Days of KPI values compared before and after each release, until an admin sets another window. */
export const DEFAULT_RELEASE_WINDOW_DAYS = 14;

/** What applies until a Jira admin changes it. */
export const DEFAULT_SETTINGS: SettingsDraft = {
  atRiskGap: 0.1,
  offTrackGap: 0.25,
  outputWithoutOutcome: { deliveryAtLeast: 0.8, kpiProgressAtMost: 0.2 },
  releaseWindowDays: DEFAULT_RELEASE_WINDOW_DAYS,
  backgroundSharePercent: DEFAULT_BACKGROUND_SHARE_PERCENT,
  hourlyQuotaPoints: DEFAULT_HOURLY_QUOTA,
};

/** The release window in force: the admin's, or the default for settings saved before there was one. */
export const releaseWindowOf = (s: SettingsDraft): number =>
  s.releaseWindowDays ?? DEFAULT_RELEASE_WINDOW_DAYS;

/** The share of the hourly quota background work may spend: the admin's, or the default. */
export const backgroundShareOf = (s: SettingsDraft): number =>
  s.backgroundSharePercent ?? DEFAULT_BACKGROUND_SHARE_PERCENT;

/** The hourly quota assumed when Jira announces none: the admin's, or the documented default. */
export const hourlyQuotaOf = (s: SettingsDraft): number => s.hourlyQuotaPoints ?? DEFAULT_HOURLY_QUOTA;
