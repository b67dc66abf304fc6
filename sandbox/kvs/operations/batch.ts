import { KvsError, kvsErrors } from '../errors';
import { parseMetadataFields, viewOf } from '../metadata';
import { optionalRecord } from '../request';
import { parseSetOptions } from '../set-options';
import { isRecord, jsonByteLength } from '../values';
import {
  assertValueFor,
  type Operation,
  type OperationContext,
  ok,
  resolveTarget,
  type Target,
} from './context';
import { applySet } from './write';

interface ItemFailure {
  key: string;
  entityName?: string;
  error: { code: string; message: string };
}

type ItemResult = Record<string, unknown>;

/**
 * Batches are best-effort: each item succeeds or fails on its own and is reported in successfulKeys or failedKeys.
 * The whole request fails only when it is malformed: not a list, empty, over the item limit, over the payload limit,
 * or naming the same key twice ("A batch operation will return an error and fail entirely if ...").
 */
function batchOperation(
  verb: 'set' | 'delete' | 'get',
  runItem: (context: OperationContext, target: Target, item: Record<string, unknown>) => ItemResult,
): Operation {
  return (context, raw) => {
    if (!Array.isArray(raw)) throw kvsErrors.badRequest('a batch request is a list of items');
    if (raw.length === 0) throw kvsErrors.badRequest('a batch request needs at least one item');
    if (raw.length > context.limits.batchItems) {
      throw kvsErrors.tooManyBatchEntities(verb, raw.length, context.limits.batchItems);
    }
    if (jsonByteLength(raw) > context.limits.requestBytes) {
      throw kvsErrors.payloadTooLarge(context.limits.requestBytes);
    }
    const items = raw.map((item) => {
      if (!isRecord(item) || typeof item.key !== 'string') {
        throw kvsErrors.badRequest('each batch item needs a key');
      }
      if (item.entityName !== undefined && typeof item.entityName !== 'string') {
        throw kvsErrors.badRequest('entityName must be a string');
      }
      return item;
    });
    const seen = new Set<string>();
    for (const item of items) {
      const id = `${String(item.entityName ?? '')}\u0000${String(item.key)}`;
      if (seen.has(id)) throw kvsErrors.keyDuplication();
      seen.add(id);
    }

    const successfulKeys: ItemResult[] = [];
    const failedKeys: ItemFailure[] = [];
    for (const item of items) {
      const identity = identityOf(item);
      try {
        successfulKeys.push({ ...identity, ...runItem(context, resolveTarget(context, item), item) });
      } catch (error) {
        if (!(error instanceof KvsError)) throw error;
        failedKeys.push({ ...identity, error: { code: error.code, message: error.message } });
      }
    }
    return ok({ successfulKeys, failedKeys }, items.length);
  };
}

function identityOf(item: Record<string, unknown>): { key: string; entityName?: string } {
  const key = String(item.key);
  return typeof item.entityName === 'string' ? { key, entityName: item.entityName } : { key };
}

export const batchSet = batchOperation('set', (context, target, item) => {
  assertValueFor(context, target.schema, item.value);
  applySet(
    context,
    target.namespace,
    target.key,
    item.value,
    parseSetOptions(item.options, 'ttl-only', context.limits),
  );
  return {};
});

// Deleting an absent key fails that item with KEY_NOT_FOUND, as a single delete answers.
export const batchDelete = batchOperation('delete', (context, target) => {
  if (!context.store.remove(target.namespace, target.key)) throw kvsErrors.keyNotFound();
  return {};
});

export const batchGet = batchOperation('get', (context, target, item) => {
  const fields = parseMetadataFields(
    optionalRecord(item.options, 'options')?.metadataFields,
    'metadataFields',
  );
  const record = context.store.read(target.namespace, target.key);
  if (record === undefined) throw kvsErrors.keyNotFound();
  const { key: _key, ...view } = viewOf(target.key, record, fields);
  return view;
});
