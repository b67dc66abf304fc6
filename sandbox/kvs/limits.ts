/**
 * Forge's documented limits for the KVS and the Custom Entity Store
 * (https://developer.atlassian.com/platform/forge/limits-kvs-ce and the pages it links).
 * Runtime limits can be overridden per emulator, e.g. to mirror a tighter page size in a test.
 */
export interface KvsLimits {
  /** Maximum key length in characters. */
  keyLength: number;
  /** Maximum size of one persisted value: its JSON text in UTF-8 bytes ("in RAW"). */
  valueBytes: number;
  /** Maximum nesting of objects and arrays in one value. */
  objectDepth: number;
  /** Maximum keys in one batch/get, batch/set or batch/delete. */
  batchItems: number;
  /** Maximum set + delete + check operations in one transaction. */
  transactionOperations: number;
  /** Maximum JSON payload of a batch or a transaction. */
  requestBytes: number;
  /** `kvs.query()` page size when no limit is given, and its maximum. */
  queryDefaultLimit: number;
  queryMaxLimit: number;
  /** `entity().query()` page size when no limit is given, and its maximum. */
  entityQueryDefaultLimit: number;
  entityQueryMaxLimit: number;
  /** Maximum range + filter conditions in one entity query. */
  queryConditions: number;
  /** Longest TTL accepted, in milliseconds. */
  maxTtlMs: number;
}

export const DEFAULT_LIMITS: Readonly<KvsLimits> = Object.freeze({
  keyLength: 500,
  valueBytes: 240 * 1024,
  // limits-kvs-ce says 31; the error pages say "(32)". The stricter figure keeps local runs on the safe side.
  objectDepth: 31,
  batchItems: 25,
  transactionOperations: 25,
  requestBytes: 4 * 1024 * 1024,
  // kvs.query: "up to 10 values by default ... a maximum of 100" (raised from 20 in CHANGE-1916).
  queryDefaultLimit: 10,
  queryMaxLimit: 100,
  entityQueryDefaultLimit: 10,
  entityQueryMaxLimit: 100,
  queryConditions: 100,
  maxTtlMs: 365 * 24 * 60 * 60 * 1000,
});

/** Limits of the entity declarations in manifest.yml, as `@forge/manifest` validates them. */
export const SCHEMA_LIMITS = Object.freeze({
  entityNameMinLength: 3,
  entityNameMaxLength: 60,
  attributeNameMaxLength: 30,
  attributesPerEntity: 50,
  indexesPerEntity: 7,
});

export function resolveLimits(overrides: Partial<KvsLimits> | undefined): KvsLimits {
  const limits: KvsLimits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`KVS limit ${name} must be a positive integer`);
    }
  }
  return limits;
}
