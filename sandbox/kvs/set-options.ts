import { kvsErrors } from './errors';
import type { KvsLimits } from './limits';
import { type MetadataField, parseMetadataFields } from './metadata';
import { assertOnlyFields, optionalRecord } from './request';

export type KeyPolicy = 'OVERRIDE' | 'FAIL_IF_EXISTS';
export type ReturnValue = 'PREVIOUS' | 'LATEST';

export interface SetOptions {
  ttlMs?: number;
  keyPolicy?: KeyPolicy;
  returnValue?: ReturnValue;
  returnMetadataFields: MetadataField[];
}

const TTL_UNIT_MS: Record<string, number> = {
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};

/**
 * `set`, `secret/set` and `entity/set` take the full options; batch and transaction items only take a TTL
 * (their REST schema `SetOptions` is `{ ttl }`), so a key policy there is a schema violation.
 */
export function parseSetOptions(raw: unknown, scope: 'single' | 'ttl-only', limits: KvsLimits): SetOptions {
  const options = optionalRecord(raw, 'options');
  if (options === undefined) return { returnMetadataFields: [] };
  const allowed = scope === 'single' ? ['ttl', 'keyPolicy', 'returnValue', 'returnMetadataFields'] : ['ttl'];
  assertOnlyFields(options, allowed, 'options');

  const parsed: SetOptions = { returnMetadataFields: [] };
  const ttlMs = parseTtl(options.ttl, limits);
  if (ttlMs !== undefined) parsed.ttlMs = ttlMs;

  const { keyPolicy, returnValue } = options;
  if (keyPolicy !== undefined) {
    if (keyPolicy !== 'OVERRIDE' && keyPolicy !== 'FAIL_IF_EXISTS') {
      throw kvsErrors.badRequest('keyPolicy must be OVERRIDE or FAIL_IF_EXISTS');
    }
    parsed.keyPolicy = keyPolicy;
  }
  if (returnValue !== undefined) {
    if (returnValue !== 'PREVIOUS' && returnValue !== 'LATEST') {
      throw kvsErrors.badRequest('returnValue must be PREVIOUS or LATEST');
    }
    if (parsed.keyPolicy !== 'OVERRIDE') throw kvsErrors.invalidKeyPolicyCombination();
    parsed.returnValue = returnValue;
  }
  parsed.returnMetadataFields = parseMetadataFields(
    options.returnMetadataFields,
    'options.returnMetadataFields',
  );
  return parsed;
}

function parseTtl(raw: unknown, limits: KvsLimits): number | undefined {
  const ttl = optionalRecord(raw, 'options.ttl');
  if (ttl === undefined) return undefined;
  assertOnlyFields(ttl, ['value', 'unit'], 'options.ttl');
  const unitMs = typeof ttl.unit === 'string' ? TTL_UNIT_MS[ttl.unit] : undefined;
  if (unitMs === undefined) {
    throw kvsErrors.badRequest('options.ttl.unit must be SECONDS, MINUTES, HOURS or DAYS');
  }
  // Message as measured on the service for `value: 0`.
  if (typeof ttl.value !== 'number' || !Number.isInteger(ttl.value) || ttl.value < 1) {
    throw kvsErrors.invalidTtl(`TTL value must be a positive integer, received: ${String(ttl.value)}`);
  }
  const ttlMs = ttl.value * unitMs;
  // "The maximum supported TTL is 1 year from the time the expiry is set." Message chosen.
  if (ttlMs > limits.maxTtlMs) throw kvsErrors.invalidTtl('TTL must not exceed 1 year');
  return ttlMs;
}
