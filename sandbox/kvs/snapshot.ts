import type { SnapshotEntry, StoreSnapshot } from './store';
import { isRecord } from './values';

export const SNAPSHOT_FORMAT = 'forge-kvs-emulator';
export const SNAPSHOT_VERSION = 1;

/** The persisted state of an emulator: plain JSON, keys sorted, expired values left out. Times are epoch ms. */
export interface KvsSnapshot extends StoreSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
}

/** Narrows a snapshot read back from disk, refusing anything that is not exactly what `snapshot()` writes. */
export function parseSnapshot(raw: unknown): StoreSnapshot {
  const fail = (reason: string): never => {
    throw new Error(`Invalid KVS snapshot: ${reason}`);
  };
  if (!isRecord(raw)) return fail('not an object');
  if (raw.format !== SNAPSHOT_FORMAT || raw.version !== SNAPSHOT_VERSION) {
    fail(`expected format "${SNAPSHOT_FORMAT}" version ${SNAPSHOT_VERSION}`);
  }
  const entries = (value: unknown, where: string): SnapshotEntry[] => {
    if (!Array.isArray(value)) return fail(`${where} is not a list`);
    return value.map((entry, i): SnapshotEntry => {
      if (
        !isRecord(entry) ||
        typeof entry.key !== 'string' ||
        entry.value === undefined ||
        typeof entry.createdAt !== 'number' ||
        typeof entry.updatedAt !== 'number' ||
        (entry.expireAt !== undefined && typeof entry.expireAt !== 'number')
      ) {
        return fail(`${where}[${i}] is not { key, value, createdAt, updatedAt, expireAt? }`);
      }
      const parsed: SnapshotEntry = {
        key: entry.key,
        value: entry.value,
        createdAt: entry.createdAt,
        updatedAt: entry.updatedAt,
      };
      if (typeof entry.expireAt === 'number') parsed.expireAt = entry.expireAt;
      return parsed;
    });
  };
  if (!isRecord(raw.entities)) return fail('entities is not an object');
  const entities: Record<string, SnapshotEntry[]> = {};
  for (const [name, list] of Object.entries(raw.entities)) entities[name] = entries(list, `entities.${name}`);
  return { kvs: entries(raw.kvs, 'kvs'), secrets: entries(raw.secrets, 'secrets'), entities };
}
