/**
 * Would making `parentId` the parent of `outcomeId` close a loop in the alignment tree?
 * `parentOf` maps each outcome id to its current parent id.
 */
export function wouldCreateCycle(
  outcomeId: string,
  parentId: string | null,
  parentOf: ReadonlyMap<string, string | null>,
): boolean {
  const seen = new Set<string>();
  for (let at = parentId; at !== null; at = parentOf.get(at) ?? null) {
    if (at === outcomeId) return true;
    if (seen.has(at)) return true; // an existing loop: refuse to join it
    seen.add(at);
  }
  return false;
}
