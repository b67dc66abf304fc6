import { kvsErrors } from './errors';
import { isRecord } from './values';

/** Narrowing helpers for request bodies: anything that does not fit the REST schema is a BAD_REQUEST. */

export function requireRecord(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw kvsErrors.badRequest(`${what} must be an object`);
  return value;
}

export function optionalRecord(value: unknown, what: string): Record<string, unknown> | undefined {
  return value === undefined ? undefined : requireRecord(value, what);
}

export function optionalArray(value: unknown, what: string): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw kvsErrors.badRequest(`${what} must be an array`);
  return value;
}

/** Rejects fields the REST schema does not know, so a misspelt option fails loudly instead of being ignored. */
export function assertOnlyFields(
  record: Record<string, unknown>,
  allowed: readonly string[],
  what: string,
): void {
  for (const field of Object.keys(record)) {
    if (!allowed.includes(field) && record[field] !== undefined) {
      throw kvsErrors.badRequest(`${what} has an unsupported field "${field}"`);
    }
  }
}
