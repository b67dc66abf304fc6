import { type EntityIndex, indexEntryOf } from './entity-index';
import type { EntitySchema } from './entity-schema';
import type { Scalar } from './values';

const bucketId = (entityName: string, indexName: string, partition: readonly Scalar[]) =>
  JSON.stringify([entityName, indexName, partition]);

/**
 * The keys of each declared index partition, kept current on every write and removal, so a query reads
 * its partition rather than every record of the entity. Forge answers a query from its index at any
 * size; without this, the emulator's cost (and garbage) per query page grew with the whole entity, which
 * is not what a benchmark of the app should measure.
 */
export class PartitionIndex {
  private readonly buckets = new Map<string, Set<string>>();
  /** Where each record is filed, so a rewrite or removal can take it out again. */
  private readonly filed = new Map<string, string[]>();

  constructor(private readonly schemas: ReadonlyMap<string, EntitySchema>) {}

  /** Files (or refiles) a record of `entityName` under every declared index; `value` undefined removes it. */
  update(entityName: string, key: string, value: unknown): void {
    const recordId = JSON.stringify([entityName, key]);
    for (const id of this.filed.get(recordId) ?? []) this.buckets.get(id)?.delete(key);
    this.filed.delete(recordId);
    const schema = this.schemas.get(entityName);
    if (schema === undefined || typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const ids: string[] = [];
    for (const index of schema.indexes.values()) {
      const entry = indexEntryOf(index, key, value as Record<string, unknown>);
      if (entry === undefined) continue;
      const id = bucketId(entityName, index.name, entry.partition);
      let bucket = this.buckets.get(id);
      if (bucket === undefined) {
        bucket = new Set();
        this.buckets.set(id, bucket);
      }
      bucket.add(key);
      ids.push(id);
    }
    this.filed.set(recordId, ids);
  }

  /** The keys filed under one partition of a declared index; undefined for an index it does not keep. */
  keys(
    schema: EntitySchema,
    index: EntityIndex,
    partition: readonly Scalar[],
  ): ReadonlySet<string> | undefined {
    if (schema.indexes.get(index.name) !== index) return undefined;
    return this.buckets.get(bucketId(schema.name, index.name, partition)) ?? new Set();
  }
}
