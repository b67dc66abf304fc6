/**
 * Outcomes matching what a person typed, best first: a title that starts with it, then a title that
 * holds it, then a statement that holds it. Ties keep their order. An empty query keeps them all.
 */
export function rankByMatch<T extends { title: string; statement: string }>(
  items: readonly T[],
  query: string,
): T[] {
  const needle = query.trim().toLocaleLowerCase();
  if (needle === '') return [...items];
  const rank = (item: T): number => {
    const title = item.title.toLocaleLowerCase();
    if (title.startsWith(needle)) return 0;
    if (title.includes(needle)) return 1;
    return item.statement.toLocaleLowerCase().includes(needle) ? 2 : 3;
  };
  return items
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .filter((r) => r.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((r) => r.item);
}
