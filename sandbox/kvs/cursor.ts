import { kvsErrors } from './errors';
import { isRecord } from './values';

/**
 * Cursors are opaque to apps ("not stable and should not be persisted"). They carry the position of the last item
 * returned plus the identity of the query, so a page never repeats or skips an item when others are written or
 * deleted in between, and a cursor replayed against a different query is refused.
 */
export function encodeCursor(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: unknown): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  if (typeof cursor !== 'string' || cursor.length === 0) throw kvsErrors.invalidCursor();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw kvsErrors.invalidCursor();
  }
  if (!isRecord(payload)) throw kvsErrors.invalidCursor();
  return payload;
}
