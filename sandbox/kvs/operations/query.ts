import { decodeCursor, encodeCursor } from '../cursor';
import { kvsErrors } from '../errors';
import { parseMetadataFields, viewOf } from '../metadata';
import { optionalArray, optionalRecord, requireRecord } from '../request';
import { KVS_NAMESPACE } from '../store';
import { compareStrings, isRecord } from '../values';
import { type Operation, ok } from './context';

/**
 * `kvs.query()`: keys in lexicographic order, optionally narrowed by a single BEGINS_WITH on `key`, a page at a time.
 * Secrets and entities are never listed. A cursor is only returned when another page has items.
 */
export const query: Operation = (context, raw) => {
  const body = requireRecord(raw, 'body');
  const limit = pageLimit(body.limit, context.limits.queryDefaultLimit, context.limits.queryMaxLimit);
  const prefix = parseWhere(body.where);
  const fields = parseMetadataFields(
    optionalRecord(body.options, 'options')?.metadataFields,
    'metadataFields',
  );
  const after = afterKey(body.after);

  const matching = context.store
    .entries(KVS_NAMESPACE)
    .filter(
      ([key]) => (prefix === undefined || key.startsWith(prefix)) && (after === undefined || key > after),
    )
    .sort(([a], [b]) => compareStrings(a, b));
  const page = matching.slice(0, limit);
  const last = page[page.length - 1];
  const data = page.map(([key, record]) => viewOf(key, record, fields));
  return ok(
    matching.length > page.length && last !== undefined
      ? { data, cursor: encodeCursor({ q: 'kvs', after: last[0] }) }
      : { data },
  );
};

function pageLimit(raw: unknown, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > max) {
    throw kvsErrors.listQueryLimitExceeded();
  }
  return raw;
}

/** "Queries can only target the key field", with "a single where condition", and only BEGINS_WITH. */
function parseWhere(raw: unknown): string | undefined {
  const where = optionalArray(raw, 'where');
  if (where === undefined || where.length === 0) return undefined;
  if (where.length > 1) throw kvsErrors.queryWhereInvalid();
  const clause = where[0];
  if (!isRecord(clause)) throw kvsErrors.badRequest('a where clause must be an object');
  if (clause.property !== 'key') throw kvsErrors.queryWhereFieldInvalid();
  if (clause.condition !== 'BEGINS_WITH') throw kvsErrors.invalidFilterCondition();
  const values = clause.values;
  if (!Array.isArray(values) || values.length !== 1) throw kvsErrors.invalidFilterValues();
  const [prefix] = values;
  if (typeof prefix !== 'string' && typeof prefix !== 'number') throw kvsErrors.invalidFilterValues();
  return String(prefix);
}

function afterKey(raw: unknown): string | undefined {
  const cursor = decodeCursor(raw);
  if (cursor === undefined) return undefined;
  if (cursor.q !== 'kvs' || typeof cursor.after !== 'string') throw kvsErrors.invalidCursor();
  return cursor.after;
}
