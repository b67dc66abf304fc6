import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { OUTCOME_STATES, ROLLUP_METHODS } from '../../contract/limits';
import { AppError } from '../../domain/errors';
import type { Kpi } from '../../domain/kpi';
import { type Outcome, projectChanges } from '../../domain/outcome';
import { type ImportedOutcome, writesOf } from '../../domain/transfer';
import { conflictNaming } from './conflicts';
import { ENTITY, keys, MAX_BATCH, QUERY_PAGE } from './entities';
import { kpiConflict, stageKpiWrite } from './kpi-repository';
import { isKvsError, KVS_CODES } from './kvs-errors';
import { everyResult } from './paging';
import { absent, parseRecord, recordSchema, SCHEMA_VERSION } from './records';
import { orNull, withoutNulls } from './stored';
import { inChunks } from './transactions';

/** The stored shape: absent attributes stand for null. */
const OutcomeRecord = recordSchema({
  title: z.string(),
  statement: z.string(),
  projectKeys: z.array(z.string()),
  businessOwnerId: absent(z.string()),
  technologyOwnerId: absent(z.string()),
  startDate: absent(z.string()),
  dueDate: absent(z.string()),
  state: z.enum(OUTCOME_STATES),
  parentId: absent(z.string()),
  roles: z.object({
    decides: z.array(z.string()),
    advises: z.array(z.string()),
    escalatedTo: z.array(z.string()),
  }),
  rollup: z.object({
    method: z.enum(ROLLUP_METHODS),
    countSubtasks: z.boolean(),
    weights: z.record(z.string(), z.number()),
  }),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
type StoredOutcome = z.output<typeof OutcomeRecord>;

/**
 * A project index entry: the outcome names the project. `outcomeVersion` is the version of the save that
 * wrote it (absent on entries older than the field), so a late clean-up never takes off an entry a later
 * save put back.
 */
const MembershipRecord = recordSchema({
  projectKey: z.string(),
  outcomeId: z.string(),
  outcomeVersion: absent(z.number().int()),
});
type StoredMembership = z.output<typeof MembershipRecord>;

const toStored = ({ id: _id, ...o }: Outcome): StoredOutcome => ({
  schemaVersion: SCHEMA_VERSION,
  ...withoutNulls(o),
});

const fromStored = (id: string, value: unknown): Outcome => {
  const s = parseRecord(OutcomeRecord, ENTITY.outcome, id, value);
  return {
    id,
    title: s.title,
    statement: s.statement,
    projectKeys: s.projectKeys,
    businessOwnerId: orNull(s.businessOwnerId),
    technologyOwnerId: orNull(s.technologyOwnerId),
    startDate: orNull(s.startDate),
    dueDate: orNull(s.dueDate),
    state: s.state,
    parentId: orNull(s.parentId),
    roles: s.roles,
    rollup: s.rollup,
    version: s.version,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
  };
};

const outcomes = () => kvs.entity<StoredOutcome>(ENTITY.outcome);
const versionIs = (version: number) =>
  new Filter<StoredOutcome>().and('version', FilterConditions.equalTo(version));
const membership = (outcomeId: string, projectKey: string, outcomeVersion?: number) =>
  [
    keys.outcomeProject(outcomeId, projectKey),
    {
      schemaVersion: SCHEMA_VERSION,
      projectKey,
      outcomeId,
      ...(outcomeVersion === undefined ? {} : { outcomeVersion }),
    } satisfies StoredMembership,
    { entityName: ENTITY.outcomeProject },
  ] as const;

/*
 * The project index lives beside the outcome, not in its transaction: an outcome names up to 20 projects,
 * and changing more than a dozen of them with the outcome (and its KPIs) in one transaction would pass
 * Forge's 25 operations. Entries for projects a save adds are written before it, so a reader never misses
 * a project the outcome names; entries for projects it removes are taken off after it, unless a later save
 * wrote them again. An entry may so outlive its project on the outcome (a save that lost a race, a crash
 * in between): readers keep only outcomes that still name the project (`listOutcomesOfProject`).
 */

/** Writes the index entries of projects a save of `outcome` (at its new version) adds. */
async function addMemberships(outcome: Outcome, projectKeys: readonly string[]): Promise<void> {
  await inChunks(projectKeys, (tx, key) => tx.set(...membership(outcome.id, key, outcome.version)));
}

/**
 * Takes off the index entries of projects the save that made `outcome` removed, each only if no save
 * after it wrote the entry again (an older entry, or one from this very save's version, goes).
 */
async function removeMemberships(outcome: Outcome, projectKeys: readonly string[]): Promise<void> {
  const notRewritten = new Filter<StoredMembership>()
    .or('outcomeVersion', FilterConditions.notExists())
    .or('outcomeVersion', FilterConditions.lessThanEqualTo(outcome.version));
  await Promise.all(
    projectKeys.map((key) =>
      kvs
        .transact()
        .delete(keys.outcomeProject(outcome.id, key), {
          entityName: ENTITY.outcomeProject,
          conditions: notRewritten,
        })
        .execute()
        .catch((error: unknown) => {
          // Written again by a later save, which names the project: it stays.
          if (!isKvsError(error, KVS_CODES.conditionFailed)) throw error;
        }),
    ),
  );
}

export async function getOutcome(id: string): Promise<Outcome | null> {
  const stored = await outcomes().get(keys.outcome(id));
  return stored ? fromStored(id, stored) : null;
}

/** Many outcomes by id, in batches; ids that no longer exist are left out. */
export async function getOutcomes(ids: Iterable<string>): Promise<Map<string, Outcome>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, Outcome>();
  for (let i = 0; i < unique.length; i += MAX_BATCH) {
    const batch = unique
      .slice(i, i + MAX_BATCH)
      .map((id) => ({ key: keys.outcome(id), entityName: ENTITY.outcome }));
    const result = await kvs.batchGet<StoredOutcome>(batch);
    for (const item of result.successfulKeys) found.set(item.key, fromStored(item.key, item.value));
  }
  return found;
}

/** Every outcome, ordered by title. */
export async function listOutcomes(): Promise<Outcome[]> {
  const results = await everyResult(outcomes().query().index('title').sort(Sort.ASC).limit(QUERY_PAGE));
  return results.map((r) => fromStored(r.key, r.value));
}

/** The outcomes that span a project, via the project index. */
export async function listOutcomesOfProject(projectKey: string): Promise<Outcome[]> {
  const rows = await everyResult(
    kvs
      .entity<StoredMembership>(ENTITY.outcomeProject)
      .query()
      .index('by-project', { partition: [projectKey] })
      .limit(QUERY_PAGE),
  );
  const ids = rows.map((r) => parseRecord(MembershipRecord, ENTITY.outcomeProject, r.key, r.value).outcomeId);
  const found = await getOutcomes(ids);
  // An entry may outlive its project on the outcome (see the project index above): the outcome decides.
  return ids
    .flatMap((id) => found.get(id) ?? [])
    .filter((o) => o.projectKeys.includes(projectKey))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** Outcomes whose parent in the alignment tree is `parentId`. */
export async function listChildOutcomes(parentId: string): Promise<Outcome[]> {
  const results = await everyResult(
    outcomes().query().index('parentId').where(WhereConditions.equalTo(parentId)).limit(QUERY_PAGE),
  );
  return results.map((r) => fromStored(r.key, r.value));
}

/** Writes a new outcome, its project index entries first. */
export async function insertOutcome(outcome: Outcome): Promise<void> {
  await addMemberships(outcome, outcome.projectKeys);
  await kvs
    .transact()
    .set(keys.outcome(outcome.id), toStored(outcome), {
      entityName: ENTITY.outcome,
      // A fresh id never exists; the condition makes an (astronomically unlikely) clash fail instead of overwrite.
      conditions: new Filter<StoredOutcome>().and('version', FilterConditions.notExists()),
    })
    .execute();
}

/**
 * Replaces an outcome only if nobody saved it since `expectedVersion` was read: a conditional write,
 * so two admins editing at once never silently lose each other's changes.
 */
export async function replaceOutcome(
  next: Outcome,
  expectedVersion: number,
  previous: Outcome,
  /** KPIs that change with the outcome (due dates moved, drafts marked), each guarded by the state read. */
  kpis: readonly { next: Kpi; base: Kpi }[] = [],
): Promise<void> {
  const { added, removed } = projectChanges(previous.projectKeys, next.projectKeys);
  await addMemberships(next, added);
  const tx = kvs.transact().set(keys.outcome(next.id), toStored(next), {
    entityName: ENTITY.outcome,
    conditions: versionIs(expectedVersion),
  });
  for (const k of kpis) stageKpiWrite(tx, k.next, k.base);
  try {
    await executeGuarded(tx, next.id, 'edit', expectedVersion);
  } catch (error) {
    if (!(error instanceof OutcomeUnchanged)) throw error;
    // The outcome is as read: one of its KPIs moved on. An edit is a conflict; a new value is retried.
    throw await kpiConflict(kpis.map((k) => k.base));
  }
  await removeMemberships(next, removed);
}

/**
 * Writes one imported outcome with its KPIs in one transaction (the import plan keeps each within
 * Forge's limit), each record guarded by the state the plan read or by not existing yet. A record
 * changed meanwhile fails the whole write with a conflict naming who changed it.
 */
export async function writeImportedOutcome(entry: ImportedOutcome): Promise<void> {
  const { next, previous, kpis } = entry;
  const writes = writesOf(entry);
  // Importing what is stored already writes nothing: a second import of the same file changes nothing.
  if (writes === 0) return;
  if (writes > MAX_BATCH) throw new Error(`Outcome ${next.id} needs more than one transaction.`);
  const tx = kvs.transact();
  for (const k of kpis) if (k.action !== 'unchanged') stageKpiWrite(tx, k.next, k.previous);
  const outcomeAsRead = previous
    ? versionIs(previous.version)
    : new Filter<StoredOutcome>().and('version', FilterConditions.notExists());
  // An outcome the file leaves as it is still guards its KPIs' writes: they land only on the outcome read.
  if (entry.action === 'unchanged')
    tx.check(keys.outcome(next.id), { entityName: ENTITY.outcome, conditions: outcomeAsRead });
  else
    tx.set(keys.outcome(next.id), toStored(next), { entityName: ENTITY.outcome, conditions: outcomeAsRead });
  const before = new Set(previous?.projectKeys ?? []);
  for (const key of previous?.projectKeys ?? []) {
    if (!next.projectKeys.includes(key)) {
      tx.delete(keys.outcomeProject(next.id, key), { entityName: ENTITY.outcomeProject });
    }
  }
  for (const key of next.projectKeys) if (!before.has(key)) tx.set(...membership(next.id, key, next.version));
  try {
    await tx.execute();
  } catch (error) {
    if (!isKvsError(error, KVS_CODES.conditionFailed)) throw error;
    const current = await getOutcome(next.id);
    if (current && current.version !== (previous?.version ?? -1)) throw await conflictWith(current);
    throw new AppError(
      'CONFLICT',
      `Someone changed “${next.title}” or one of its KPIs while the file was being imported.`,
    );
  }
}

/** Deletes the outcome, then its project index entries (its KPIs are cleaned up separately). */
export async function deleteOutcome(outcome: Outcome, expectedVersion: number): Promise<void> {
  const tx = kvs.transact().delete(keys.outcome(outcome.id), {
    entityName: ENTITY.outcome,
    conditions: versionIs(expectedVersion),
  });
  await executeGuarded(tx, outcome.id, 'delete');
  // Ids are never reused, so nothing can write these entries again.
  await inChunks(outcome.projectKeys, (batch, key) =>
    batch.delete(keys.outcomeProject(outcome.id, key), { entityName: ENTITY.outcomeProject }),
  );
}

/** Children of a deleted outcome move to the top of the alignment tree. */
export async function detachChildren(children: Outcome[], at: Date, by: string): Promise<void> {
  await inChunks(children, (tx, child) =>
    tx.set(
      keys.outcome(child.id),
      toStored({
        ...child,
        parentId: null,
        version: child.version + 1,
        updatedAt: at.toISOString(),
        updatedBy: by,
      }),
      { entityName: ENTITY.outcome, conditions: versionIs(child.version) },
    ),
  );
}

/** The transaction failed although the outcome is still at the version it was read in. */
class OutcomeUnchanged extends Error {}

async function executeGuarded(
  tx: { execute(): Promise<void> },
  id: string,
  attempted: 'edit' | 'delete',
  expectedVersion?: number,
) {
  try {
    await tx.execute();
  } catch (error) {
    if (!isKvsError(error, KVS_CODES.conditionFailed)) throw error;
    const current = await getOutcome(id);
    if (!current) throw new AppError('NOT_FOUND', 'Someone deleted this outcome while you were editing it.');
    if (expectedVersion !== undefined && current.version === expectedVersion) throw new OutcomeUnchanged();
    throw await conflictWith(current, attempted);
  }
}

/** Says who got there first, so the user knows whose changes they would overwrite. */
export async function conflictWith(
  current: Outcome,
  attempted: 'edit' | 'delete' = 'edit',
): Promise<AppError> {
  return conflictNaming('outcome', current, attempted);
}
