import type { EntitySchema } from '../entity-schema';
import { assertEntityValue, resolveEntitySchema } from '../entity-schema';
import { assertValidKey } from '../keys';
import type { KvsLimits } from '../limits';
import type { PartitionIndex } from '../partition-index';
import { entityNamespace, KVS_NAMESPACE, type Namespace, type Store } from '../store';
import { assertStorableValue } from '../values';

export interface OperationContext {
  store: Store;
  schemas: ReadonlyMap<string, EntitySchema>;
  limits: KvsLimits;
  /** Epoch milliseconds from the emulator's clock. */
  now: () => number;
  /** The keys of each declared index partition (queries read their partition only). */
  partitions?: PartitionIndex;
}

export interface OperationResult {
  status: number;
  body?: unknown;
  /** How many keys the request touched: 1, or the size of a batch or transaction. */
  items: number;
}

/** Every operation runs synchronously from validation to the last write, so each request is atomic. */
export type Operation = (context: OperationContext, body: unknown) => OperationResult;

export const ok = (body: unknown, items = 1): OperationResult => ({ status: 200, body, items });
export const noContent = (items = 1): OperationResult => ({ status: 204, items });

export interface Target {
  namespace: Namespace;
  key: string;
  schema?: EntitySchema;
}

/** The key a batch or transaction item addresses: a plain KVS key, or an entity key when entityName is given. */
export function resolveTarget(context: OperationContext, item: Record<string, unknown>): Target {
  if (item.entityName === undefined) {
    assertValidKey(item.key, 'kvs', context.limits);
    return { namespace: KVS_NAMESPACE, key: item.key };
  }
  const schema = resolveEntitySchema(context.schemas, item.entityName);
  assertValidKey(item.key, 'entity', context.limits);
  return { namespace: entityNamespace(schema.name), key: item.key, schema };
}

export function assertValueFor(
  context: OperationContext,
  schema: EntitySchema | undefined,
  value: unknown,
): void {
  assertStorableValue(value, context.limits);
  if (schema !== undefined) assertEntityValue(schema, value);
}

/** A request-wide identity for "the same key": the namespace plus the key. */
export const targetId = (target: Target): string =>
  target.namespace.kind === 'entity'
    ? `entity:${target.namespace.entityName}\u0000${target.key}`
    : `kvs\u0000${target.key}`;
