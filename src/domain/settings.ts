import type { SettingsDraft } from '../contract/settings';

/** What applies until a Jira admin changes it. */
export const DEFAULT_SETTINGS: SettingsDraft = {
  atRiskGap: 0.1,
  offTrackGap: 0.25,
  outputWithoutOutcome: { deliveryAtLeast: 0.8, kpiProgressAtMost: 0.2 },
};
