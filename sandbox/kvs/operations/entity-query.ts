import {
  type Condition,
  matchesCondition,
  matchesFilterGroup,
  parseCondition,
  parseFilterGroup,
  RANGE_CONDITIONS,
} from '../conditions';
import { decodeCursor, encodeCursor } from '../cursor';
import {
  comparePositions,
  type EntityIndex,
  type IndexPosition,
  indexEntryOf,
  parsePartition,
  resolveIndex,
  samePartition,
} from '../entity-index';
import { resolveEntitySchema } from '../entity-schema';
import { kvsErrors } from '../errors';
import { parseMetadataFields, viewOf } from '../metadata';
import { optionalRecord, requireRecord } from '../request';
import { entityNamespace, type StoredRecord } from '../store';
import { isRecord, isScalar, type Scalar } from '../values';
import { type Operation, ok } from './context';

type SortOrder = 'ASC' | 'DESC';

interface Hit {
  position: IndexPosition;
  record: StoredRecord;
  value: Record<string, unknown>;
}

/**
 * `entity().query().index(...)`: one index of one entity, its partition given exactly, an optional range condition
 * on the index's range attribute (the entity key for `by-key`), optional and/or filters on any attribute, ordered by
 * the range value then the key. Filters apply before the page is cut, so every page is full until the last one
 * (chosen: the docs say nothing on short pages, and apps are told to follow the cursor either way).
 */
export const entityQuery: Operation = (context, raw) => {
  const body = requireRecord(raw, 'body');
  const schema = resolveEntitySchema(context.schemas, body.entityName);
  const index = resolveIndex(schema, body.indexName);
  const partition = parsePartition(index, body.partition);
  const limit = pageLimit(
    body.limit,
    context.limits.entityQueryDefaultLimit,
    context.limits.entityQueryMaxLimit,
  );
  const sort = parseSort(body.sort);
  const range = body.range === undefined ? undefined : parseCondition(body.range, RANGE_CONDITIONS);
  const filters = parseFilterGroup(body.filters);
  const conditionCount = (range === undefined ? 0 : 1) + (filters?.conditions.length ?? 0);
  if (conditionCount > context.limits.queryConditions) {
    throw kvsErrors.tooManyConditions(context.limits.queryConditions);
  }
  // The SDK sends metadataFields inside `options`; its request type also declares them at the top level.
  const fields = parseMetadataFields(
    optionalRecord(body.options, 'options')?.metadataFields ?? body.metadataFields,
    'metadataFields',
  );
  const after = cursorPosition(body.cursor, schema.name, index, sort, partition);

  const direction = sort === 'ASC' ? 1 : -1;
  const namespace = entityNamespace(schema.name);
  const filed = context.partitions?.keys(schema, index, partition);
  const candidates: Array<[string, StoredRecord]> =
    filed === undefined
      ? context.store.entries(namespace)
      : [...filed].flatMap((key): Array<[string, StoredRecord]> => {
          const record = context.store.read(namespace, key);
          return record === undefined ? [] : [[key, record]];
        });
  const hits = collectHits(candidates, index, partition, range)
    .filter((hit) => matchesFilterGroup(filters, hit.value))
    .filter((hit) => after === undefined || direction * comparePositions(hit.position, after) > 0)
    .sort((a, b) => direction * comparePositions(a.position, b.position));

  const page = hits.slice(0, limit);
  const last = page[page.length - 1];
  const data = page.map((hit) => viewOf(hit.position.key, hit.record, fields));
  if (hits.length <= page.length || last === undefined) return ok({ data });
  const cursor = encodeCursor({
    q: 'entity',
    entity: schema.name,
    index: index.name,
    sort,
    partition,
    range: last.position.range,
    key: last.position.key,
  });
  return ok({ data, cursor });
};

function collectHits(
  entries: Array<[string, StoredRecord]>,
  index: EntityIndex,
  partition: readonly Scalar[],
  range: Condition | undefined,
): Hit[] {
  const hits: Hit[] = [];
  for (const [key, record] of entries) {
    const value = record.value;
    if (!isRecord(value)) continue;
    const entry = indexEntryOf(index, key, value);
    if (entry === undefined) continue;
    if (!samePartition(entry.partition, partition)) continue;
    if (range !== undefined && !matchesCondition(range, entry.range)) continue;
    hits.push({ position: { range: entry.range, key }, record, value });
  }
  return hits;
}

function pageLimit(raw: unknown, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > max) {
    throw kvsErrors.pageLimitNotInRange(max);
  }
  return raw;
}

function parseSort(raw: unknown): SortOrder {
  if (raw === undefined || raw === 'ASC') return 'ASC';
  if (raw === 'DESC') return 'DESC';
  throw kvsErrors.badRequest('sort must be ASC or DESC');
}

/** "You will have to use the same parameters as the initial query": a cursor only continues the query it came from. */
function cursorPosition(
  raw: unknown,
  entity: string,
  index: EntityIndex,
  sort: SortOrder,
  partition: readonly Scalar[],
): IndexPosition | undefined {
  const cursor = decodeCursor(raw);
  if (cursor === undefined) return undefined;
  const samePartitionValues =
    Array.isArray(cursor.partition) &&
    cursor.partition.length === partition.length &&
    cursor.partition.every((value, i) => value === partition[i]);
  if (
    cursor.q !== 'entity' ||
    cursor.entity !== entity ||
    cursor.index !== index.name ||
    cursor.sort !== sort ||
    !samePartitionValues ||
    !isScalar(cursor.range) ||
    typeof cursor.key !== 'string'
  ) {
    throw kvsErrors.invalidCursor();
  }
  return { range: cursor.range, key: cursor.key };
}
