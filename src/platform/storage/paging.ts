import type { ListResult, Result } from '@forge/kvs';

/**
 * Follows a query's cursors to the end. `page` runs the query from a cursor (undefined for the first page).
 * Used only where the whole set is needed and bounded by design (outcomes, KPIs, memberships).
 */
export async function allPages<T>(
  page: (cursor: string | undefined) => Promise<ListResult<T>>,
): Promise<Result<T>[]> {
  const results: Result<T>[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    results.push(...next.results);
    cursor = next.nextCursor;
  } while (cursor);
  return results;
}

/** A query builder as @forge/kvs makes them: it takes a cursor and gets a page. */
interface CursorQuery<T> {
  cursor(cursor: string): CursorQuery<T>;
  getMany(): Promise<ListResult<T>>;
}

/** Every result of a built query, its pages followed to the end (see `allPages`). */
export const everyResult = <T>(query: CursorQuery<T>): Promise<Result<T>[]> =>
  allPages((cursor) => (cursor ? query.cursor(cursor) : query).getMany());
