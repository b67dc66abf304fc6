import type { StoredIssue } from './model';

interface Version {
  at: number;
  /** The issue as written then; null once deleted. */
  issue: StoredIssue | null;
}

interface Pending {
  /** The issue as the index last had it: null if the index has never seen it. */
  base: StoredIssue | null;
  /** Writes the index has not caught up with yet, oldest first. */
  versions: Version[];
}

/**
 * Jira's search index, which learns of each write only after a delay. It keeps, per recently written issue,
 * the versions the index has not caught up with; every other issue is indexed as it is now. Reads through
 * `indexed` see what search sees at a given time; `reconcileIssues` bypasses it for the ids named.
 */
export class SearchIndex {
  private pending = new Map<string, Pending>();

  constructor(private readonly lagMs: () => number) {}

  /** Call before an issue changes (`issue` null when it is being created). */
  beforeWrite(id: string, issue: StoredIssue | null): void {
    if (this.lagMs() <= 0 || this.pending.has(id)) return;
    this.pending.set(id, { base: issue ? structuredClone(issue) : null, versions: [] });
  }

  /** Call after an issue changed (`issue` null when it was deleted). */
  afterWrite(id: string, issue: StoredIssue | null, at: number): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    entry.versions.push({ at, issue: issue ? structuredClone(issue) : null });
  }

  /** Issues whose indexed version differs from the live one at `now`, dropping those the index has caught up with. */
  lagging(now: number): Map<string, StoredIssue | null> {
    const horizon = now - this.lagMs();
    const out = new Map<string, StoredIssue | null>();
    for (const [id, entry] of this.pending) {
      let indexed = entry.base;
      let caughtUp = 0;
      for (const version of entry.versions) {
        if (version.at > horizon) break;
        indexed = version.issue;
        caughtUp++;
      }
      if (caughtUp === entry.versions.length) {
        this.pending.delete(id);
        continue;
      }
      entry.base = indexed;
      entry.versions.splice(0, caughtUp);
      out.set(id, indexed);
    }
    return out;
  }

  /** Whether the index has caught up, at `now`, with every write made so far. */
  caughtUp(now: number): boolean {
    return this.lagging(now).size === 0;
  }

  clear(): void {
    this.pending.clear();
  }
}
