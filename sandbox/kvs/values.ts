import { kvsErrors } from './errors';
import type { KvsLimits } from './limits';

export type Scalar = string | number | boolean;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isScalar(value: unknown): value is Scalar {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** Stored values are copied in and out so that no caller can mutate the store through a reference. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function jsonByteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** Nesting of objects and arrays; stops counting once past `cap` so a hostile value cannot exhaust the stack. */
export function objectDepth(value: unknown, cap: number): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (cap <= 0) return 1;
  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, objectDepth(child, cap - 1));
    if (deepest >= cap) break;
  }
  return deepest + 1;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  const bRecord = b as Record<string, unknown>;
  const aRecord = a as Record<string, unknown>;
  return aKeys.every((key) => Object.hasOwn(bRecord, key) && deepEqual(aRecord[key], bRecord[key]));
}

/**
 * The REST schema accepts a string, number, boolean, array or object as a value; `null` and a missing value are
 * schema violations. Values arrive as parsed JSON, so anything else (functions, NaN) only reaches here when a caller
 * bypasses the HTTP layer.
 */
export function assertStorableValue(value: unknown, limits: KvsLimits): void {
  if (value === undefined || value === null) {
    throw kvsErrors.badRequest('value must be a string, number, boolean, array or object');
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw kvsErrors.badRequest('value must be a finite number');
  }
  if (!['string', 'number', 'boolean', 'object'].includes(typeof value)) {
    throw kvsErrors.badRequest('value is not JSON');
  }
  if (jsonByteLength(value) > limits.valueBytes) throw kvsErrors.maxSize();
  if (objectDepth(value, limits.objectDepth + 1) > limits.objectDepth) {
    throw kvsErrors.maxDepth(limits.objectDepth);
  }
}

export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

const SCALAR_RANK: Record<'number' | 'string' | 'boolean', number> = { number: 0, string: 1, boolean: 2 };

/**
 * A total order over index values. Typed attributes only ever compare like with like; an `any` attribute can hold
 * mixed types, and the docs say nothing about their order, so numbers sort before strings before booleans (chosen).
 */
export function compareScalars(a: Scalar, b: Scalar): number {
  const rankA = SCALAR_RANK[typeof a as 'number' | 'string' | 'boolean'];
  const rankB = SCALAR_RANK[typeof b as 'number' | 'string' | 'boolean'];
  if (rankA !== rankB) return rankA - rankB;
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
