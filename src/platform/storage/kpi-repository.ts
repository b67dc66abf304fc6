import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import {
  CHECK_IN_CADENCES,
  CONFIDENCE_LEVELS,
  DEFAULT_CADENCE,
  KPI_DIRECTIONS,
  KPI_KINDS,
  KPI_UNITS,
} from '../../contract/limits';
import type { CheckIn } from '../../domain/check-in';
import { AppError, validationFailed } from '../../domain/errors';
import type { Kpi, ValuePoint } from '../../domain/kpi';
import type { PlannedWrite } from '../../domain/transfer';
import { conflictNaming } from './conflicts';
import { ENTITY, keys, QUERY_PAGE } from './entities';
import { isKvsError, isRefusedRequest, KVS_CODES } from './kvs-errors';
import { everyResult } from './paging';
import { absent, parseRecord, recordSchema, SCHEMA_VERSION } from './records';
import { orNull, withoutNulls } from './stored';
import { inChunks, type Transaction } from './transactions';

const KpiSourceRecord = z.discriminatedUnion('type', [
  z.object({ type: z.literal('manual') }),
  z.object({ type: z.literal('jql-count'), jql: z.string() }),
  z.object({ type: z.literal('jql-ratio'), numeratorJql: z.string(), denominatorJql: z.string() }),
]);

const KpiRecord = recordSchema({
  outcomeId: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(KPI_KINDS),
  unit: absent(z.enum(KPI_UNITS)),
  customUnit: z.string(),
  direction: z.enum(KPI_DIRECTIONS),
  baseline: absent(z.number()),
  target: absent(z.number()),
  bandMin: absent(z.number()),
  bandMax: absent(z.number()),
  dueDate: absent(z.string()),
  pairedKpiId: absent(z.string()),
  source: KpiSourceRecord,
  /** Indexed, so the refresh job finds the KPIs Jira computes without reading the others. */
  sourceType: z.enum(['manual', 'jql']),
  /** KPIs stored before cadences existed have none: they expect the default. */
  cadence: z.enum(CHECK_IN_CADENCES).default(DEFAULT_CADENCE),
  current: absent(z.number()),
  currentAt: absent(z.string()),
  currentConfidence: absent(z.enum(CONFIDENCE_LEVELS)),
  isDraft: z.boolean(),
  lastRefreshAt: absent(z.string()),
  lastRefreshError: absent(z.string()),
  version: z.number().int(),
  valueSeq: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
type StoredKpi = z.output<typeof KpiRecord>;

/** A check-in as it is made: the history's record before any correction or withdrawal. */
export type NewCheckIn = Omit<CheckIn, 'revision' | 'withdrawn' | 'changes'>;

const CheckInValueRecord = z.object({
  value: z.number(),
  confidence: z.enum(CONFIDENCE_LEVELS),
  note: z.string(),
});

/**
 * A check-in as stored: one value of a KPI at a time, never deleted by a correction or withdrawal
 * (those add to `changes`).
 */
const CheckInRecord = recordSchema({
  kpiId: z.string(),
  outcomeId: z.string(),
  ...CheckInValueRecord.shape,
  authorId: absent(z.string()),
  source: z.enum(['manual', 'jql']),
  at: z.string(),
  rev: z.number().int(),
  withdrawnAt: absent(z.string()),
  withdrawnBy: absent(z.string()),
  withdrawnReason: absent(z.string()),
  changes: absent(
    z.array(
      z.object({
        action: z.enum(['corrected', 'withdrawn']),
        at: z.string(),
        by: z.string(),
        before: CheckInValueRecord,
        after: CheckInValueRecord.nullable(),
        reason: z.string(),
      }),
    ),
  ),
});
type StoredCheckIn = z.output<typeof CheckInRecord>;

const checkInFromStored = (id: string, value: unknown): CheckIn => {
  const s = parseRecord(CheckInRecord, ENTITY.checkIn, id, value);
  return {
    id,
    kpiId: s.kpiId,
    outcomeId: s.outcomeId,
    value: s.value,
    confidence: s.confidence,
    note: s.note,
    authorId: s.authorId ?? null,
    source: s.source,
    at: s.at,
    revision: s.rev,
    withdrawn:
      s.withdrawnAt !== undefined
        ? { at: s.withdrawnAt, by: s.withdrawnBy ?? '', reason: s.withdrawnReason ?? '' }
        : null,
    changes: s.changes ?? [],
  };
};

const checkInToStored = (c: CheckIn): StoredCheckIn =>
  withoutNulls({
    schemaVersion: SCHEMA_VERSION,
    kpiId: c.kpiId,
    outcomeId: c.outcomeId,
    value: c.value,
    confidence: c.confidence,
    note: c.note,
    authorId: c.authorId,
    source: c.source,
    at: c.at,
    rev: c.revision,
    withdrawnAt: c.withdrawn?.at ?? null,
    withdrawnBy: c.withdrawn?.by ?? null,
    withdrawnReason: c.withdrawn?.reason ?? null,
    changes: c.changes.length > 0 ? c.changes : null,
  });

const toStored = ({ id: _id, ...k }: Kpi): StoredKpi => ({
  schemaVersion: SCHEMA_VERSION,
  ...withoutNulls(k),
  sourceType: k.source.type === 'manual' ? 'manual' : 'jql',
});

const fromStored = (id: string, value: unknown): Kpi => {
  const {
    schemaVersion: _version,
    sourceType: _sourceType,
    ...s
  } = parseRecord(KpiRecord, ENTITY.kpi, id, value);
  return {
    id,
    ...s,
    unit: orNull(s.unit),
    baseline: orNull(s.baseline),
    target: orNull(s.target),
    bandMin: orNull(s.bandMin),
    bandMax: orNull(s.bandMax),
    dueDate: orNull(s.dueDate),
    pairedKpiId: orNull(s.pairedKpiId),
    current: orNull(s.current),
    currentAt: orNull(s.currentAt),
    currentConfidence: orNull(s.currentConfidence),
    lastRefreshAt: orNull(s.lastRefreshAt),
    lastRefreshError: orNull(s.lastRefreshError),
  };
};

const kpis = () => kvs.entity<StoredKpi>(ENTITY.kpi);
const checkIns = () => kvs.entity<StoredCheckIn>(ENTITY.checkIn);

export async function getKpi(id: string): Promise<Kpi | null> {
  const stored = await kpis().get(keys.kpi(id));
  return stored ? fromStored(id, stored) : null;
}

export async function listKpisOfOutcome(outcomeId: string): Promise<Kpi[]> {
  const results = await everyResult(
    kpis()
      .query()
      .index('by-outcome', { partition: [outcomeId] })
      .limit(QUERY_PAGE),
  );
  return results.map((r) => fromStored(r.key, r.value));
}

/** Every KPI, grouped by outcome id (one pass over the store, for pages that list many outcomes). */
export async function listAllKpis(): Promise<Map<string, Kpi[]>> {
  const results = await everyResult(kpis().query().index('outcomeId').sort(Sort.ASC).limit(QUERY_PAGE));
  const byOutcome = new Map<string, Kpi[]>();
  for (const r of results) {
    const kpi = fromStored(r.key, r.value);
    byOutcome.set(kpi.outcomeId, [...(byOutcome.get(kpi.outcomeId) ?? []), kpi]);
  }
  return byOutcome;
}

/** The KPIs Jira computes, for the scheduled refresh. */
export async function listJqlKpis(): Promise<Kpi[]> {
  const results = await everyResult(
    kpis()
      .query()
      .index('by-source', { partition: ['jql'] })
      .limit(QUERY_PAGE),
  );
  return results.map((r) => fromStored(r.key, r.value));
}

export interface KpiChanges {
  /** New KPIs (`base` null) or new states of existing ones, each guarded by the record as it was read. */
  put: { next: Kpi; base: Kpi | null }[];
  remove: { kpi: Kpi }[];
  checkIns: NewCheckIn[];
}

/**
 * Only a new value arrived (a check-in or refresh) between reading and writing: nothing a person
 * edited was lost, so the caller simply reads again and retries.
 */
export class KpiValueMoved extends Error {
  constructor() {
    super('A new KPI value was recorded meanwhile.');
    this.name = 'KpiValueMoved';
  }
}

const asRead = (kpi: Kpi) =>
  new Filter<StoredKpi>()
    .and('version', FilterConditions.equalTo(kpi.version))
    .and('valueSeq', FilterConditions.equalTo(kpi.valueSeq));
const isNew = () => new Filter<StoredKpi>().and('version', FilterConditions.notExists());

/**
 * Applies KPI changes that belong together (a KPI and its partner's pairing, a check-in and the
 * KPI's current value) as one transaction, each KPI guarded by the state it was read in.
 */
export async function applyKpiChanges(changes: KpiChanges): Promise<void> {
  const tx = kvs.transact();
  for (const { next, base } of changes.put) {
    tx.set(keys.kpi(next.id), toStored(next), {
      entityName: ENTITY.kpi,
      conditions: base ? asRead(base) : isNew(),
    });
  }
  for (const { kpi } of changes.remove) {
    tx.delete(keys.kpi(kpi.id), { entityName: ENTITY.kpi, conditions: asRead(kpi) });
  }
  for (const checkIn of changes.checkIns) {
    tx.set(checkIn.id, checkInToStored({ ...checkIn, revision: 1, withdrawn: null, changes: [] }), {
      entityName: ENTITY.checkIn,
    });
  }
  try {
    await tx.execute();
  } catch (error) {
    if (!isKvsError(error, KVS_CODES.conditionFailed)) throw error;
    throw await kpiConflict([
      ...changes.put.flatMap((p) => (p.base ? [p.base] : [])),
      ...changes.remove.map((r) => r.kpi),
    ]);
  }
}

/** Names the KPI someone edited under the caller; a mere new value is a KpiValueMoved to retry. */
export async function kpiConflict(read: readonly Kpi[]): Promise<Error> {
  for (const before of read) {
    const current = await getKpi(before.id);
    if (!current)
      return new AppError('NOT_FOUND', 'Someone deleted this KPI (or its partner) while you were editing.');
    if (current.version !== before.version) return conflictNaming('KPI', current);
  }
  return new KpiValueMoved();
}

/** Runs `attempt` again (it re-reads) while only new values got in the way; three tries at most. */
export async function retryOnNewValue<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof KpiValueMoved) || tries >= 3) throw error;
    }
  }
}

export const newCheckInId = (kpiId: string, at: string, suffix: string) => keys.checkIn(kpiId, at, suffix);

/** One page of a KPI's check-ins, newest first. */
export async function listCheckIns(kpiId: string, cursor?: string, limit = 20) {
  let query = checkIns()
    .query()
    .index('by-kpi-time', { partition: [kpiId] })
    .sort(Sort.DESC)
    .limit(limit);
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany().catch((error: unknown) => {
    // A cursor is the caller's input: one storage refuses (made up, or from another query) is bad input.
    if (cursor && isRefusedRequest(error)) {
      throw validationFailed([
        { path: 'cursor', message: 'History page: reload the check-in history and page on from there.' },
      ]);
    }
    throw error;
  });
  return {
    checkIns: page.results.map((r) => checkInFromStored(r.key, r.value)),
    nextCursor: page.nextCursor ?? null,
  };
}

/**
 * The first and the latest value that stand in a KPI's history (withdrawn check-ins left out): what its
 * pace so far is measured between. Two small reads, one from each end of the KPI's time index.
 */
export async function historyEnds(kpiId: string): Promise<ValuePoint[]> {
  const end = async (sort: Sort) => {
    const page = await checkIns()
      .query()
      .index('by-kpi-time', { partition: [kpiId] })
      .sort(sort)
      .limit(HISTORY_END_PAGE)
      .getMany();
    const standing = page.results
      .map((r) => checkInFromStored(r.key, r.value))
      .find((c) => c.withdrawn === null);
    return standing ? { value: standing.value, at: standing.at } : null;
  };
  const [first, last] = await Promise.all([end(Sort.ASC), end(Sort.DESC)]);
  if (!first || !last) return [];
  return first.at === last.at ? [last] : [first, last];
}
/** Check-ins read from each end to find one that stands; more withdrawn in a row than this are rare. */
const HISTORY_END_PAGE = 10;

export async function getCheckIn(id: string): Promise<CheckIn | null> {
  const stored = await checkIns().get(id);
  return stored ? checkInFromStored(id, stored) : null;
}

/** Every check-in of a KPI, newest first (what a correction re-reads to find the value that stands). */
export async function allCheckIns(kpiId: string): Promise<CheckIn[]> {
  const results = await everyResult(
    checkIns()
      .query()
      .index('by-kpi-time', { partition: [kpiId] })
      .sort(Sort.DESC)
      .limit(QUERY_PAGE),
  );
  return results.map((r) => checkInFromStored(r.key, r.value));
}

/**
 * Writes a corrected or withdrawn check-in and the KPI's value that follows from it in one transaction:
 * the check-in guarded by the revision it was read at, the KPI by its version and value sequence. A
 * concurrent correction, check-in or edit fails it, and the caller reads again (see `retryOnNewValue`).
 */
export async function saveCheckInChange(
  next: CheckIn,
  readRevision: number,
  kpi: { next: Kpi; base: Kpi },
): Promise<void> {
  const tx = kvs.transact();
  tx.set(next.id, checkInToStored(next), {
    entityName: ENTITY.checkIn,
    conditions: new Filter<StoredCheckIn>().and('rev', FilterConditions.equalTo(readRevision)),
  });
  tx.set(keys.kpi(kpi.next.id), toStored(kpi.next), { entityName: ENTITY.kpi, conditions: asRead(kpi.base) });
  try {
    await tx.execute();
  } catch (error) {
    if (!isKvsError(error, KVS_CODES.conditionFailed)) throw error;
    throw new KpiValueMoved();
  }
}

/**
 * Writes the check-ins an import creates or brings to the file's state, 25 a transaction, each guarded by
 * the revision the plan read (or by not existing yet): a correction made meanwhile fails the write, and
 * the import says so. Check-ins the file holds as they are stored are not written.
 */
export async function writeImportedCheckIns(writes: readonly PlannedWrite<CheckIn>[]): Promise<void> {
  const changed = writes.filter((w) => w.action !== 'unchanged');
  try {
    await inChunks(changed, (tx, w) =>
      tx.set(w.next.id, checkInToStored(w.next), {
        entityName: ENTITY.checkIn,
        conditions: !w.previous
          ? new Filter<StoredCheckIn>().and('kpiId', FilterConditions.notExists())
          : new Filter<StoredCheckIn>().and('rev', FilterConditions.equalTo(w.previous.revision)),
      }),
    );
  } catch (error) {
    if (!isKvsError(error, KVS_CODES.conditionFailed)) throw error;
    throw new AppError(
      'CONFLICT',
      'Someone checked in, corrected or withdrew a value while the file was being imported.',
    );
  }
}

/** Keys of every check-in of an outcome's KPIs, for deleting them with the outcome. */
export async function checkInKeysOfOutcome(outcomeId: string): Promise<string[]> {
  const results = await everyResult(
    checkIns()
      .query()
      .index('by-outcome', { partition: [outcomeId] })
      .limit(QUERY_PAGE),
  );
  return results.map((r) => r.key);
}

export async function checkInKeysOfKpi(kpiId: string): Promise<string[]> {
  const results = await everyResult(
    checkIns()
      .query()
      .index('by-kpi-time', { partition: [kpiId] })
      .limit(QUERY_PAGE),
  );
  return results.map((r) => r.key);
}

/** Deletes check-ins (and KPIs) in chunks: clean-up after their outcome or KPI is already gone. */
export async function deleteKpiRecords(records: { checkInKeys: string[]; kpiIds: string[] }): Promise<void> {
  await inChunks(records.checkInKeys, (tx, key) => tx.delete(key, { entityName: ENTITY.checkIn }));
  await inChunks(records.kpiIds, (tx, id) => tx.delete(keys.kpi(id), { entityName: ENTITY.kpi }));
}

/** Writes KPIs without version checks: only for imports, which an admin confirms as a whole. */
/** Adds a KPI's write to a transaction, guarded by the state it was read in (or by not existing yet). */
export function stageKpiWrite(tx: Transaction, next: Kpi, previous: Kpi | null): void {
  tx.set(keys.kpi(next.id), toStored(next), {
    entityName: ENTITY.kpi,
    conditions: previous ? asRead(previous) : isNew(),
  });
}
