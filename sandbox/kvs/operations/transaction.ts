import { type FilterGroup, matchesFilterGroup, parseFilterGroup } from '../conditions';
import { kvsErrors } from '../errors';
import { optionalArray, requireRecord } from '../request';
import { parseSetOptions, type SetOptions } from '../set-options';
import { isRecord, jsonByteLength } from '../values';
import {
  assertValueFor,
  noContent,
  type Operation,
  type OperationContext,
  resolveTarget,
  type Target,
  targetId,
} from './context';
import { applySet } from './write';

interface PlannedOperation {
  target: Target;
  conditions?: FilterGroup;
  item: Record<string, unknown>;
}

interface PlannedSet extends PlannedOperation {
  value: unknown;
  options: SetOptions;
}

/**
 * All or nothing: every item is validated and every condition evaluated against the stored data before the first
 * write, and the writes then run without yielding, so a failed condition leaves the store exactly as it was.
 * Conditions belong to Custom Entity Store items only (a plain KVS item's REST schema has no `conditions`); a
 * condition on an entity that does not exist sees no attributes at all, so only the negations can hold for it.
 */
export const transaction: Operation = (context, raw) => {
  const body = requireRecord(raw, 'body');
  const setItems = optionalArray(body.set, 'set') ?? [];
  const deleteItems = optionalArray(body.delete, 'delete') ?? [];
  const checkItems = optionalArray(body.check, 'check') ?? [];
  const total = setItems.length + deleteItems.length + checkItems.length;
  if (total === 0) throw kvsErrors.invalidTransactionRequest();
  if (total > context.limits.transactionOperations) throw kvsErrors.tooManyTransactionOperations();
  if (jsonByteLength(body) > context.limits.requestBytes) {
    throw kvsErrors.payloadTooLarge(context.limits.requestBytes);
  }

  const sets = setItems.map((item): PlannedSet => {
    const planned = plan(context, item, 'set');
    assertValueFor(context, planned.target.schema, planned.item.value);
    const options = parseSetOptions(planned.item.options, 'ttl-only', context.limits);
    return { ...planned, value: planned.item.value, options };
  });
  const deletes = deleteItems.map((item) => plan(context, item, 'delete'));
  const checks = checkItems.map((item) => plan(context, item, 'check'));
  const all: PlannedOperation[] = [...sets, ...deletes, ...checks];

  // "Each key can only be used once in a transaction."
  const seen = new Set<string>();
  for (const { target } of all) {
    const id = targetId(target);
    if (seen.has(id)) throw kvsErrors.keyDuplication();
    seen.add(id);
  }

  for (const { target, conditions } of all) {
    if (conditions === undefined) continue;
    const current = context.store.read(target.namespace, target.key)?.value;
    if (!matchesFilterGroup(conditions, isRecord(current) ? current : {})) {
      throw kvsErrors.conditionalCheckFailed();
    }
  }

  for (const { target, value, options } of sets) {
    applySet(context, target.namespace, target.key, value, options);
  }
  for (const { target } of deletes) {
    context.store.remove(target.namespace, target.key);
  }
  return noContent(total);
};

function plan(context: OperationContext, raw: unknown, kind: 'set' | 'delete' | 'check'): PlannedOperation {
  const item = requireRecord(raw, `each ${kind} item`);
  const allowed =
    kind === 'set'
      ? ['key', 'value', 'entityName', 'conditions', 'options']
      : ['key', 'entityName', 'conditions'];
  for (const field of Object.keys(item)) {
    if (!allowed.includes(field) && item[field] !== undefined) {
      throw kvsErrors.badRequest(`a ${kind} item has an unsupported field "${field}"`);
    }
  }
  const target = resolveTarget(context, item);
  const conditions = parseFilterGroup(item.conditions);
  if (conditions !== undefined && target.schema === undefined) {
    throw kvsErrors.badRequest('conditions are only supported on Custom Entity Store items');
  }
  if (kind === 'check' && (target.schema === undefined || conditions === undefined)) {
    throw kvsErrors.badRequest('a check needs an entityName and conditions');
  }
  return conditions === undefined ? { target, item } : { target, conditions, item };
}
