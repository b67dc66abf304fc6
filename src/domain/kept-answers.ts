export interface KeptAnswers<T> {
  answer: (key: string, work: () => T) => T;
  forget: (key: string) => void;
}

/**
 * The last `size` answers of a costly function that depends on its key alone, the oldest dropped first
 * (a Map keeps insertion order). A kept answer is the one the work would give again, so keeping it changes
 * no figure, only the time it takes.
 */
export function keptAnswers<T extends object>(size: number): KeptAnswers<T> {
  const kept = new Map<string, T>();
  return {
    answer: (key, work) => {
      const hit = kept.get(key);
      if (hit) return hit;
      const fresh = work();
      if (kept.size >= size) {
        const oldest = kept.keys().next();
        if (!oldest.done) kept.delete(oldest.value);
      }
      kept.set(key, fresh);
      return fresh;
    },
    forget: (key) => {
      kept.delete(key);
    },
  };
}
