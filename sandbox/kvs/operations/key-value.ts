import { kvsErrors } from '../errors';
import { assertValidKey } from '../keys';
import { parseMetadataFields, viewOf } from '../metadata';
import { optionalRecord, requireRecord } from '../request';
import { parseSetOptions } from '../set-options';
import type { Namespace } from '../store';
import { assertStorableValue } from '../values';
import { noContent, type Operation, ok } from './context';
import { applySet } from './write';

/** get / set / delete over the plain key-value namespace or the secret namespace; both behave the same. */
export function keyValueOperations(namespace: Namespace): {
  get: Operation;
  set: Operation;
  delete: Operation;
} {
  return {
    get(context, raw) {
      const body = requireRecord(raw, 'body');
      assertValidKey(body.key, 'kvs', context.limits);
      const fields = parseMetadataFields(
        optionalRecord(body.options, 'options')?.metadataFields,
        'metadataFields',
      );
      const record = context.store.read(namespace, body.key);
      if (record === undefined) throw kvsErrors.keyNotFound();
      return ok(viewOf(body.key, record, fields));
    },
    set(context, raw) {
      const body = requireRecord(raw, 'body');
      assertValidKey(body.key, 'kvs', context.limits);
      assertStorableValue(body.value, context.limits);
      const options = parseSetOptions(body.options, 'single', context.limits);
      const returned = applySet(context, namespace, body.key, body.value, options);
      return returned === undefined ? noContent() : ok(returned);
    },
    // The SDK swallows KEY_NOT_FOUND on delete, which is what the service answers for an absent key.
    delete(context, raw) {
      const body = requireRecord(raw, 'body');
      assertValidKey(body.key, 'kvs', context.limits);
      if (!context.store.remove(namespace, body.key)) throw kvsErrors.keyNotFound();
      return noContent();
    },
  };
}
