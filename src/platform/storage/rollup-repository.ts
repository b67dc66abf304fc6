import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import type { Contribution, RollupTotals } from '../../domain/rollup';
import { emptyTotals } from '../../domain/rollup';
import { ENTITY, keys, MAX_BATCH, QUERY_PAGE } from './entities';
import { isKvsError, KVS_CODES } from './kvs-errors';
import { allPages } from './paging';
import { orNull, withoutNulls } from './stored';
import { inChunks } from './transactions';

/** An outcome's stored rollup: what page loads read instead of asking Jira about every ticket. */
export interface StoredRollup {
  outcomeId: string;
  totals: RollupTotals;
  /** The rollup settings and start date the contributions were computed with; a change needs a recompute. */
  basis: string;
  version: number;
  updatedAt: string;
  reconciledAt: string | null;
  /** What the last reconciliation corrected, in tickets. */
  lastDrift: { at: string; corrected: number; tickets: number } | null;
}
type Stored = Omit<StoredRollup, 'reconciledAt' | 'lastDrift'> & {
  reconciledAt?: string;
  lastDrift?: StoredRollup['lastDrift'];
};

/** One ticket's contribution to one outcome, kept so an update can take back exactly what it added. */
export interface RollupEntry {
  outcomeId: string;
  issueId: string;
  issueKey: string;
  contribution: Contribution;
}

export interface Snapshot {
  outcomeId: string;
  day: string;
  delivery: number | null;
  kpi: number | null;
  elapsed: number | null;
  health: string;
}
type StoredSnapshot = Omit<Snapshot, 'delivery' | 'kpi' | 'elapsed'> & {
  delivery?: number;
  kpi?: number;
  elapsed?: number;
};

const rollups = () => kvs.entity<Stored>(ENTITY.rollup);
const entries = () => kvs.entity<RollupEntry>(ENTITY.rollupEntry);
const snapshots = () => kvs.entity<StoredSnapshot>(ENTITY.snapshot);

const fromStored = (s: Stored): StoredRollup => ({
  ...s,
  reconciledAt: orNull(s.reconciledAt),
  lastDrift: orNull(s.lastDrift),
});

export const blankRollup = (outcomeId: string, basis: string): StoredRollup => ({
  outcomeId,
  totals: emptyTotals(),
  basis,
  version: 0,
  updatedAt: new Date(0).toISOString(),
  reconciledAt: null,
  lastDrift: null,
});

/** The stored rollups of many outcomes, 25 a batch: a page load's only read of rollup data. */
export async function getRollups(outcomeIds: readonly string[]): Promise<Map<string, StoredRollup>> {
  const found = new Map<string, StoredRollup>();
  for (let i = 0; i < outcomeIds.length; i += MAX_BATCH) {
    const batch = outcomeIds
      .slice(i, i + MAX_BATCH)
      .map((id) => ({ key: keys.rollup(id), entityName: ENTITY.rollup }));
    const result = await kvs.batchGet<Stored>(batch);
    for (const item of result.successfulKeys) found.set(item.value.outcomeId, fromStored(item.value));
  }
  return found;
}

export async function getRollup(outcomeId: string): Promise<StoredRollup | null> {
  const stored = await rollups().get(keys.rollup(outcomeId));
  return stored ? fromStored(stored) : null;
}

export async function entriesOfIssue(issueId: string): Promise<RollupEntry[]> {
  const results = await allPages((cursor) => {
    const query = entries()
      .query()
      .index('by-issue', { partition: [issueId] })
      .limit(QUERY_PAGE);
    return (cursor ? query.cursor(cursor) : query).getMany();
  });
  return results.map((r) => r.value);
}

/** Entries of one outcome for many tickets, 25 a batch (reconciliation compares them with Jira). */
export async function entriesOf(
  outcomeId: string,
  issueIds: readonly string[],
): Promise<Map<string, RollupEntry>> {
  const found = new Map<string, RollupEntry>();
  for (let i = 0; i < issueIds.length; i += MAX_BATCH) {
    const batch = issueIds
      .slice(i, i + MAX_BATCH)
      .map((id) => ({ key: keys.rollupEntry(outcomeId, id), entityName: ENTITY.rollupEntry }));
    const result = await kvs.batchGet<RollupEntry>(batch);
    for (const item of result.successfulKeys) found.set(item.value.issueId, item.value);
  }
  return found;
}

/** One page of an outcome's entries (reconciliation's sweep for entries of tickets that left it). */
export async function entryPage(outcomeId: string, cursor: string | null) {
  let query = entries()
    .query()
    .index('by-outcome', { partition: [outcomeId] })
    .sort(Sort.ASC)
    .limit(QUERY_PAGE);
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany();
  return { entries: page.results.map((r) => r.value), nextCursor: page.nextCursor ?? null };
}

export class RollupMoved extends Error {
  constructor() {
    super('The rollup changed meanwhile.');
    this.name = 'RollupMoved';
  }
}

/**
 * Writes one ticket's new contribution (or its removal) and the outcome's new totals in one
 * transaction, guarded by the rollup's version: two updates of the same outcome never lose one another.
 */
export async function writeContribution(
  rollup: StoredRollup,
  nextTotals: RollupTotals,
  change: { put: RollupEntry } | { remove: { outcomeId: string; issueId: string } },
  at: Date,
): Promise<void> {
  const tx = kvs.transact();
  const record: Stored = withoutNulls({
    ...rollup,
    totals: nextTotals,
    version: rollup.version + 1,
    updatedAt: at.toISOString(),
  });
  tx.set(keys.rollup(rollup.outcomeId), record, {
    entityName: ENTITY.rollup,
    conditions:
      rollup.version === 0
        ? new Filter<Stored>().and('version', FilterConditions.notExists())
        : new Filter<Stored>().and('version', FilterConditions.equalTo(rollup.version)),
  });
  if ('put' in change) {
    tx.set(keys.rollupEntry(change.put.outcomeId, change.put.issueId), change.put, {
      entityName: ENTITY.rollupEntry,
    });
  } else {
    tx.delete(keys.rollupEntry(change.remove.outcomeId, change.remove.issueId), {
      entityName: ENTITY.rollupEntry,
    });
  }
  try {
    await tx.execute();
  } catch (error) {
    if (isKvsError(error, KVS_CODES.conditionFailed)) throw new RollupMoved();
    throw error;
  }
}

/** Replaces an outcome's totals after a reconciliation (last writer wins; the next event adjusts). */
export async function saveRollup(rollup: StoredRollup): Promise<void> {
  await rollups().set(keys.rollup(rollup.outcomeId), withoutNulls(rollup) as Stored);
}

export async function putEntries(list: RollupEntry[]): Promise<void> {
  await inChunks(list, (tx, e) =>
    tx.set(keys.rollupEntry(e.outcomeId, e.issueId), e, { entityName: ENTITY.rollupEntry }),
  );
}

export async function removeEntries(list: { outcomeId: string; issueId: string }[]): Promise<void> {
  await inChunks(list, (tx, e) =>
    tx.delete(keys.rollupEntry(e.outcomeId, e.issueId), { entityName: ENTITY.rollupEntry }),
  );
}

export async function saveSnapshot(s: Snapshot): Promise<void> {
  await snapshots().set(keys.snapshot(s.outcomeId, s.day), withoutNulls(s) as StoredSnapshot);
}

/** An outcome's daily snapshots, oldest first, for the trend chart. */
export async function snapshotsOf(outcomeId: string): Promise<Snapshot[]> {
  const results = await allPages((cursor) => {
    const query = snapshots()
      .query()
      .index('by-outcome', { partition: [outcomeId] })
      .sort(Sort.ASC)
      .limit(QUERY_PAGE);
    return (cursor ? query.cursor(cursor) : query).getMany();
  });
  return results.map((r) => ({
    ...r.value,
    delivery: orNull(r.value.delivery),
    kpi: orNull(r.value.kpi),
    elapsed: orNull(r.value.elapsed),
  }));
}
