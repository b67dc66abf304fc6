import { kvsErrors } from './errors';
import { optionalArray } from './request';
import type { StoredRecord } from './store';
import { cloneJson } from './values';

export type MetadataField = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';
const METADATA_FIELDS: readonly string[] = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];

export function parseMetadataFields(value: unknown, what: string): MetadataField[] {
  const fields = optionalArray(value, what) ?? [];
  for (const field of fields) {
    if (typeof field !== 'string' || !METADATA_FIELDS.includes(field)) {
      throw kvsErrors.badRequest(`${what} contains an unknown metadata field`);
    }
  }
  return fields as MetadataField[];
}

export interface ValueView {
  key: string;
  value: unknown;
  createdAt?: number;
  updatedAt?: number;
  expireTime?: string;
}

/**
 * The shape every read returns. Metadata only appears when asked for, as the service does for query pages
 * (the SDK passes those through untouched). createdAt/updatedAt are epoch seconds, like the SDK's own examples
 * (chosen: the docs do not state a unit); expireTime is an ISO-8601 instant and only exists for values with a TTL.
 */
export function viewOf(key: string, record: StoredRecord, fields: readonly MetadataField[]): ValueView {
  const view: ValueView = { key, value: cloneJson(record.value) };
  if (fields.includes('CREATED_AT')) view.createdAt = Math.floor(record.createdAt / 1000);
  if (fields.includes('UPDATED_AT')) view.updatedAt = Math.floor(record.updatedAt / 1000);
  if (fields.includes('EXPIRE_TIME') && record.expireAt !== undefined) {
    view.expireTime = new Date(record.expireAt).toISOString();
  }
  return view;
}
