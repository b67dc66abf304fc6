import { kvsErrors } from './errors';
import type { KvsLimits } from './limits';

// The documented key regex (limits-kvs-ce): not only whitespace; letters, digits, `:._`, whitespace, `-` and `#`.
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const DOCUMENTED_PATTERN = '/^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/';

/**
 * The KVS and the Custom Entity Store document different codes for an empty key
 * (KEY_TOO_SHORT and EMPTY_KEY); everything else is shared.
 */
export function assertValidKey(
  key: unknown,
  store: 'kvs' | 'entity',
  limits: KvsLimits,
): asserts key is string {
  if (typeof key !== 'string') throw kvsErrors.badRequest('key must be a string');
  if (key.length === 0) throw store === 'kvs' ? kvsErrors.keyTooShort() : kvsErrors.emptyKey();
  if (key.length > limits.keyLength) throw kvsErrors.keyTooLong(limits.keyLength);
  if (!KEY_PATTERN.test(key)) throw kvsErrors.invalidKey(DOCUMENTED_PATTERN);
}
