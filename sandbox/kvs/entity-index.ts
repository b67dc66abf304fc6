import type { EntitySchema } from './entity-schema';
import { kvsErrors } from './errors';
import { compareScalars, compareStrings, isScalar, type Scalar } from './values';

export interface EntityIndex {
  name: string;
  /** Attributes whose values must all be given, exactly, to query the index. */
  partition: readonly string[];
  /** The attribute the index is ordered by; undefined means the entity key itself. */
  rangeAttribute?: string;
}

/**
 * The platform reserves `by-key` (@forge/manifest refuses it as an index name) for its own index over entity keys,
 * which the SDK's examples query with `index('by-key')`.
 */
export const BUILT_IN_KEY_INDEX: EntityIndex = Object.freeze({ name: 'by-key', partition: [] });

export interface IndexEntry {
  partition: Scalar[];
  range: Scalar;
}

/** Where an entity sits in an index: by range value, then by key, so the order is total and stable. */
export interface IndexPosition {
  range: Scalar;
  key: string;
}

export function resolveIndex(schema: EntitySchema, indexName: unknown): EntityIndex {
  if (typeof indexName !== 'string') throw kvsErrors.badRequest('indexName must be a string');
  const index = schema.indexes.get(indexName);
  if (index === undefined) throw kvsErrors.invalidEntityIndex();
  return index;
}

/**
 * An entity is in an index only when every partition attribute and the range attribute hold a scalar value;
 * an entity lacking one of them is simply not found through that index.
 */
export function indexEntryOf(
  index: EntityIndex,
  key: string,
  value: Record<string, unknown>,
): IndexEntry | undefined {
  const partition: Scalar[] = [];
  for (const attribute of index.partition) {
    const part = value[attribute];
    if (!isScalar(part)) return undefined;
    partition.push(part);
  }
  const range = index.rangeAttribute === undefined ? key : value[index.rangeAttribute];
  if (!isScalar(range)) return undefined;
  return { partition, range };
}

/** The query must give one value per partition attribute; an index without a partition takes none. */
export function parsePartition(index: EntityIndex, raw: unknown): Scalar[] {
  const partition = raw === undefined ? [] : raw;
  if (
    !Array.isArray(partition) ||
    partition.length !== index.partition.length ||
    !partition.every(isScalar)
  ) {
    throw kvsErrors.invalidPartition(index.partition.length);
  }
  return partition;
}

export function samePartition(a: readonly Scalar[], b: readonly Scalar[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

export function comparePositions(a: IndexPosition, b: IndexPosition): number {
  return compareScalars(a.range, b.range) || compareStrings(a.key, b.key);
}
