import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import type { SettingsDraft } from '../../contract/settings';
import { AppError } from '../../domain/errors';
import { DEFAULT_SETTINGS } from '../../domain/settings';
import { ENTITY, keys } from './entities';
import { isKvsError, KVS_CODES } from './kvs-errors';
import { parseRecord, recordSchema, SCHEMA_VERSION } from './records';

const SettingsRecord = recordSchema({
  data: z.object({
    atRiskGap: z.number(),
    offTrackGap: z.number(),
    outputWithoutOutcome: z.object({ deliveryAtLeast: z.number(), kpiProgressAtMost: z.number() }),
    // Settings saved before the release window existed have none: the default applies (`releaseWindowOf`).
    releaseWindowDays: z.number().int().optional(),
    backgroundSharePercent: z.number().int().optional(),
    hourlyQuotaPoints: z.number().int().optional(),
  }),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
type StoredSettings = z.output<typeof SettingsRecord>;

export interface SiteSettings {
  settings: SettingsDraft;
  /** 0 until someone saves settings: the defaults are in force. */
  version: number;
  updatedAt: string | null;
}

const settings = () => kvs.entity<StoredSettings>(ENTITY.settings);

export async function getSettings(): Promise<SiteSettings> {
  const value = await settings().get(keys.settings());
  if (!value) return { settings: DEFAULT_SETTINGS, version: 0, updatedAt: null };
  const stored = parseRecord(SettingsRecord, ENTITY.settings, keys.settings(), value);
  return {
    settings: stored.data,
    version: stored.version,
    updatedAt: stored.updatedAt,
  };
}

export async function saveSettings(
  next: SettingsDraft,
  expectedVersion: number,
  by: string,
  at: Date,
): Promise<SiteSettings> {
  const record: StoredSettings = {
    schemaVersion: SCHEMA_VERSION,
    data: next,
    version: expectedVersion + 1,
    updatedAt: at.toISOString(),
    updatedBy: by,
  };
  const condition =
    expectedVersion === 0
      ? new Filter<StoredSettings>().and('version', FilterConditions.notExists())
      : new Filter<StoredSettings>().and('version', FilterConditions.equalTo(expectedVersion));
  try {
    await kvs
      .transact()
      .set(keys.settings(), record, { entityName: ENTITY.settings, conditions: condition })
      .execute();
  } catch (error) {
    if (!isKvsError(error, KVS_CODES.conditionFailed)) throw error;
    throw new AppError(
      'CONFLICT',
      'Someone else changed the settings after you opened them. Reload and apply yours again.',
    );
  }
  return { settings: next, version: record.version, updatedAt: record.updatedAt };
}
