import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import type { Contribution, RollupEntry, RollupTotals } from '../../domain/rollup';
import { addInPlace, emptyHistory, emptyTotals } from '../../domain/rollup';
import { ENTITY, keys, MAX_BATCH, QUERY_PAGE } from './entities';
import { isKvsError, KVS_CODES } from './kvs-errors';
import { everyResult } from './paging';
import { absent, parseRecord, recordSchema, SCHEMA_VERSION } from './records';
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
  /**
   * When the last nightly check for changed tickets began: the next one reads tickets updated since then
   * (with a margin), so a night that failed widens the next night's window instead of losing changes.
   */
  changesCheckedAt: string | null;
  /** What the last reconciliation corrected, in tickets. */
  lastDrift: { at: string; corrected: number; tickets: number } | null;
}

const byDay = z.record(z.string(), z.number());
const byStatus = z.object({ new: z.number(), indeterminate: z.number(), done: z.number() });
const TotalsRecord = z.object({
  tickets: byStatus,
  units: byStatus,
  excluded: z.object({ epics: z.number(), subtasks: z.number() }),
  unestimated: z.number(),
  addedAfterStart: z.number(),
  openDue: z.record(z.string(), z.number()),
  // Written before the forecasts (counting rule 2): no history yet. The basis then differs, so the
  // outcome reads as needing a recompute, and the reconciliation fills it in.
  history: z
    .object({
      doneByDay: byDay,
      addedByDay: byDay,
      epicsByDay: byDay,
      ticketsByDay: byDay,
    })
    .default(emptyHistory),
});
const RollupRecord = recordSchema({
  outcomeId: z.string(),
  totals: TotalsRecord,
  basis: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  reconciledAt: absent(z.string()),
  changesCheckedAt: absent(z.string()),
  lastDrift: absent(z.object({ at: z.string(), corrected: z.number(), tickets: z.number() })),
});
type Stored = z.output<typeof RollupRecord>;

const ContributionRecord = z.object({
  included: z.boolean(),
  excludedAs: z.enum(['epic', 'subtask']).nullable(),
  units: z.number(),
  status: z.enum(['new', 'indeterminate', 'done']),
  unestimated: z.boolean(),
  openDue: z.string().nullable(),
  addedAfterStart: z.boolean(),
  // Entries written before the forecasts (counting rule 2) carry no days; a recount rewrites them.
  doneOn: z.string().nullable().default(null),
  addedOn: z.string().nullable().default(null),
  ships: z.enum(['epic', 'ticket']).nullable().default(null),
});
const EntryRecord = recordSchema({
  outcomeId: z.string(),
  issueId: z.string(),
  issueKey: z.string(),
  contribution: ContributionRecord,
  rollupVersion: z.number().int(),
});
type StoredEntry = z.output<typeof EntryRecord>;

export interface Snapshot {
  outcomeId: string;
  day: string;
  delivery: number | null;
  kpi: number | null;
  elapsed: number | null;
  health: string;
}
const SnapshotRecord = recordSchema({
  outcomeId: z.string(),
  day: z.string(),
  delivery: absent(z.number()),
  kpi: absent(z.number()),
  elapsed: absent(z.number()),
  health: z.string(),
});
type StoredSnapshot = z.output<typeof SnapshotRecord>;

const rollups = () => kvs.entity<Stored>(ENTITY.rollup);
const entries = () => kvs.entity<StoredEntry>(ENTITY.rollupEntry);
const snapshots = () => kvs.entity<StoredSnapshot>(ENTITY.snapshot);

const fromStored = (key: string, value: unknown): StoredRollup => {
  const { schemaVersion: _version, ...s } = parseRecord(RollupRecord, ENTITY.rollup, key, value);
  return {
    ...s,
    reconciledAt: orNull(s.reconciledAt),
    changesCheckedAt: orNull(s.changesCheckedAt),
    lastDrift: orNull(s.lastDrift),
  };
};

const entryFromStored = (key: string, value: unknown): RollupEntry => {
  const { schemaVersion: _version, ...entry } = parseRecord(EntryRecord, ENTITY.rollupEntry, key, value);
  return entry;
};

export const blankRollup = (outcomeId: string, basis: string): StoredRollup => ({
  outcomeId,
  totals: emptyTotals(),
  basis,
  version: 0,
  updatedAt: new Date(0).toISOString(),
  reconciledAt: null,
  changesCheckedAt: null,
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
    for (const item of result.successfulKeys) {
      const rollup = fromStored(item.key, item.value);
      found.set(rollup.outcomeId, rollup);
    }
  }
  return found;
}

export async function getRollup(outcomeId: string): Promise<StoredRollup | null> {
  const key = keys.rollup(outcomeId);
  const stored = await rollups().get(key);
  return stored ? fromStored(key, stored) : null;
}

export async function entriesOfIssue(issueId: string): Promise<RollupEntry[]> {
  const results = await everyResult(
    entries()
      .query()
      .index('by-issue', { partition: [issueId] })
      .limit(QUERY_PAGE),
  );
  return results.map((r) => entryFromStored(r.key, r.value));
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
    const result = await kvs.batchGet<StoredEntry>(batch);
    for (const item of result.successfulKeys) {
      const entry = entryFromStored(item.key, item.value);
      found.set(entry.issueId, entry);
    }
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
  return {
    entries: page.results.map((r) => entryFromStored(r.key, r.value)),
    nextCursor: page.nextCursor ?? null,
  };
}

export class RollupMoved extends Error {
  constructor() {
    super('The rollup changed meanwhile.');
    this.name = 'RollupMoved';
  }
}

/** One ticket's entry as the writer read it (null: none) and what it becomes (null: removed). */
export interface EntryChange {
  outcomeId: string;
  issueId: string;
  issueKey: string;
  previous: RollupEntry | null;
  next: Contribution | null;
}

/** A transaction holds the rollup and at most this many entries (Forge's limit is 25 operations). */
export const ENTRIES_PER_WRITE = MAX_BATCH - 1;

const versionIs = (version: number) =>
  version === 0
    ? new Filter<Stored>().and('version', FilterConditions.notExists())
    : new Filter<Stored>().and('version', FilterConditions.equalTo(version));

/** A short, growing, jittered wait before retrying a write another writer got in before. */
export const contentionPause = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));

/** The rollup as read, or a blank one (version 0) that the first write creates. */
export async function readRollup(outcomeId: string, basis: string): Promise<StoredRollup> {
  return (await getRollup(outcomeId)) ?? blankRollup(outcomeId, basis);
}

/** One entry by its key: a strongly consistent read, unlike the by-issue index. */
export async function getEntry(outcomeId: string, issueId: string): Promise<RollupEntry | null> {
  const key = keys.rollupEntry(outcomeId, issueId);
  const stored = await entries().get(key);
  return stored ? entryFromStored(key, stored) : null;
}

/**
 * Writes tickets' new contributions (or their removal) and the outcome's new totals in one transaction.
 * Every write of an entry goes through here, so the rollup's version also versions its entries: the
 * write holds only if the rollup is still at the version read, and a writer that read the rollup first
 * and the entries after it therefore knows no entry changed since it read them. Each entry is also
 * checked to exist, or not, as read. Totals stay the sum of the entries; no update is lost or counted twice.
 */
export async function writeEntries(
  rollup: StoredRollup,
  nextTotals: RollupTotals,
  changes: readonly EntryChange[],
  at: Date,
  patch: Partial<Pick<StoredRollup, 'basis' | 'reconciledAt' | 'changesCheckedAt' | 'lastDrift'>> = {},
): Promise<StoredRollup> {
  if (changes.length > ENTRIES_PER_WRITE) throw new Error(`At most ${ENTRIES_PER_WRITE} entries a write.`);
  const tx = kvs.transact();
  const written: StoredRollup = {
    ...rollup,
    ...patch,
    totals: nextTotals,
    version: rollup.version + 1,
    updatedAt: at.toISOString(),
  };
  const record: Stored = { schemaVersion: SCHEMA_VERSION, ...withoutNulls(written) };
  tx.set(keys.rollup(rollup.outcomeId), record, {
    entityName: ENTITY.rollup,
    conditions: versionIs(rollup.version),
  });
  for (const change of changes) {
    const key = keys.rollupEntry(change.outcomeId, change.issueId);
    const conditions = new Filter<StoredEntry>().and(
      'issueId',
      change.previous ? FilterConditions.exists() : FilterConditions.notExists(),
    );
    if (change.next) {
      const entry: StoredEntry = {
        schemaVersion: SCHEMA_VERSION,
        outcomeId: change.outcomeId,
        issueId: change.issueId,
        issueKey: change.issueKey,
        contribution: change.next,
        rollupVersion: written.version,
      };
      tx.set(key, entry, { entityName: ENTITY.rollupEntry, conditions });
    } else {
      tx.delete(key, { entityName: ENTITY.rollupEntry, conditions });
    }
  }
  try {
    await tx.execute();
  } catch (error) {
    if (isKvsError(error, KVS_CODES.conditionFailed)) throw new RollupMoved();
    throw error;
  }
  return written;
}

/** The sum of an outcome's stored entries, read page by page, and how many there are. */
export async function sumOfEntries(outcomeId: string): Promise<{ totals: RollupTotals; entries: number }> {
  const totals = emptyTotals();
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await entryPage(outcomeId, cursor);
    for (const entry of page.entries) addInPlace(totals, entry.contribution);
    count += page.entries.length;
    cursor = page.nextCursor;
  } while (cursor);
  return { totals, entries: count };
}

/**
 * Removes entries without touching the totals: only for an outcome being deleted, whose rollup goes too.
 * Anything else changes entries through `writeEntries`, which keeps the totals their sum.
 */
export async function removeEntries(list: { outcomeId: string; issueId: string }[]): Promise<void> {
  await inChunks(list, (tx, e) =>
    tx.delete(keys.rollupEntry(e.outcomeId, e.issueId), { entityName: ENTITY.rollupEntry }),
  );
}

export async function saveSnapshot(s: Snapshot): Promise<void> {
  const record: StoredSnapshot = { schemaVersion: SCHEMA_VERSION, ...withoutNulls(s) };
  await snapshots().set(keys.snapshot(s.outcomeId, s.day), record);
}

/** An outcome's daily snapshots, oldest first, for the trend chart. */
export async function snapshotsOf(outcomeId: string): Promise<Snapshot[]> {
  const results = await everyResult(
    snapshots()
      .query()
      .index('by-outcome', { partition: [outcomeId] })
      .sort(Sort.ASC)
      .limit(QUERY_PAGE),
  );
  return results.map((r) => {
    const { schemaVersion: _version, ...s } = parseRecord(SnapshotRecord, ENTITY.snapshot, r.key, r.value);
    return { ...s, delivery: orNull(s.delivery), kpi: orNull(s.kpi), elapsed: orNull(s.elapsed) };
  });
}

/** Removes one page of a deleted outcome's ticket entries; says whether more are left. */
export async function removeEntryPageOf(outcomeId: string): Promise<boolean> {
  const page = await entryPage(outcomeId, null);
  await removeEntries(page.entries);
  return page.nextCursor !== null;
}

/** Removes a deleted outcome's stored totals and its daily snapshots (the trend). */
export async function removeRollupOf(outcomeId: string): Promise<void> {
  const days = (await snapshotsOf(outcomeId)).map((s) => s.day);
  await inChunks(days, (tx, day) =>
    tx.delete(keys.snapshot(outcomeId, day), { entityName: ENTITY.snapshot }),
  );
  await rollups().delete(keys.rollup(outcomeId));
}
