import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { SettingsDraft } from '../../contract/settings';
import { AppError } from '../../domain/errors';
import { DEFAULT_SETTINGS } from '../../domain/settings';
import { ENTITY, keys } from './entities';
import { isKvsError, KVS_CODES } from './kvs-errors';

interface StoredSettings {
  data: SettingsDraft;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface SiteSettings {
  settings: SettingsDraft;
  /** 0 until someone saves settings: the defaults are in force. */
  version: number;
  updatedAt: string | null;
}

const settings = () => kvs.entity<StoredSettings>(ENTITY.settings);

export async function getSettings(): Promise<SiteSettings> {
  const stored = await settings().get(keys.settings());
  if (!stored) return { settings: DEFAULT_SETTINGS, version: 0, updatedAt: null };
  return {
    settings: { ...DEFAULT_SETTINGS, ...stored.data },
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
  const record = { data: next, version: expectedVersion + 1, updatedAt: at.toISOString(), updatedBy: by };
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
