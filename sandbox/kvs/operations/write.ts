import { kvsErrors } from '../errors';
import { type ValueView, viewOf } from '../metadata';
import type { SetOptions } from '../set-options';
import type { Namespace, StoredRecord } from '../store';
import { cloneJson } from '../values';
import type { OperationContext } from './context';

/**
 * One write with Forge's semantics: last write wins unless FAIL_IF_EXISTS; an expired value counts as absent;
 * createdAt survives overwrites of a live value; a write without a TTL clears any earlier expiry, because a TTL
 * "applies an expiry to a value, starting from the time it is written".
 * Returns what `returnValue` asks for: the previous live value (if any) or the value just written.
 */
export function applySet(
  context: OperationContext,
  namespace: Namespace,
  key: string,
  value: unknown,
  options: SetOptions,
): ValueView | undefined {
  const now = context.now();
  const previous = context.store.read(namespace, key);
  if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous !== undefined) throw kvsErrors.keyConflict();
  const record: StoredRecord = {
    value: cloneJson(value),
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  if (options.ttlMs !== undefined) record.expireAt = now + options.ttlMs;
  context.store.write(namespace, key, record);
  if (options.returnValue === 'PREVIOUS') {
    return previous === undefined ? undefined : viewOf(key, previous, options.returnMetadataFields);
  }
  if (options.returnValue === 'LATEST') return viewOf(key, record, options.returnMetadataFields);
  return undefined;
}
