import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import type { OutcomeState } from '../../contract/primitives';
import { AppError, outcomeChangedMeanwhile } from '../../domain/errors';
import type { Outcome } from '../../domain/outcome';
import { getUsers } from '../jira/users';
import { ENTITY, keys, MAX_BATCH, QUERY_PAGE } from './entities';
import { isKvsError, KVS_CODES } from './kvs-errors';

/** The stored shape: custom entity attributes cannot hold null, so absent means "not set". */
interface StoredOutcome {
  title: string;
  statement: string;
  projectKeys: string[];
  businessOwnerId?: string;
  technologyOwnerId?: string;
  startDate?: string;
  dueDate?: string;
  state: string;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

interface StoredMembership {
  projectKey: string;
  outcomeId: string;
}

const toStored = (o: Outcome): StoredOutcome => ({
  title: o.title,
  statement: o.statement,
  projectKeys: o.projectKeys,
  ...(o.businessOwnerId ? { businessOwnerId: o.businessOwnerId } : {}),
  ...(o.technologyOwnerId ? { technologyOwnerId: o.technologyOwnerId } : {}),
  ...(o.startDate ? { startDate: o.startDate } : {}),
  ...(o.dueDate ? { dueDate: o.dueDate } : {}),
  state: o.state,
  version: o.version,
  createdAt: o.createdAt,
  createdBy: o.createdBy,
  updatedAt: o.updatedAt,
  updatedBy: o.updatedBy,
});

const fromStored = (id: string, s: StoredOutcome): Outcome => ({
  id,
  title: s.title,
  statement: s.statement,
  projectKeys: s.projectKeys,
  businessOwnerId: s.businessOwnerId ?? null,
  technologyOwnerId: s.technologyOwnerId ?? null,
  startDate: s.startDate ?? null,
  dueDate: s.dueDate ?? null,
  state: s.state as OutcomeState,
  version: s.version,
  createdAt: s.createdAt,
  createdBy: s.createdBy,
  updatedAt: s.updatedAt,
  updatedBy: s.updatedBy,
});

const versionIs = (version: number) =>
  new Filter<StoredOutcome>().and('version', FilterConditions.equalTo(version));

export async function getOutcome(id: string): Promise<Outcome | null> {
  const stored = await kvs.entity<StoredOutcome>(ENTITY.outcome).get(keys.outcome(id));
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
  const outcomes: Outcome[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs
      .entity<StoredOutcome>(ENTITY.outcome)
      .query()
      .index('title')
      .sort(Sort.ASC)
      .limit(QUERY_PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const item of page.results) outcomes.push(fromStored(item.key, item.value));
    cursor = page.nextCursor;
  } while (cursor);
  return outcomes;
}

/** The outcomes that span a project, via the project index. */
export async function listOutcomesOfProject(projectKey: string): Promise<Outcome[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs
      .entity<StoredMembership>(ENTITY.outcomeProject)
      .query()
      .index('by-project', { partition: [projectKey] })
      .limit(QUERY_PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const item of page.results) ids.push(item.value.outcomeId);
    cursor = page.nextCursor;
  } while (cursor);
  const found = await getOutcomes(ids);
  return ids.flatMap((id) => found.get(id) ?? []).sort((a, b) => a.title.localeCompare(b.title));
}

/** Writes a new outcome and its project index entries atomically. */
export async function insertOutcome(outcome: Outcome): Promise<void> {
  const tx = kvs.transact().set(keys.outcome(outcome.id), toStored(outcome), {
    entityName: ENTITY.outcome,
    // A fresh id never exists; the condition makes an (astronomically unlikely) clash fail instead of overwrite.
    conditions: new Filter<StoredOutcome>().and('version', FilterConditions.notExists()),
  });
  for (const projectKey of outcome.projectKeys) {
    tx.set(
      keys.outcomeProject(outcome.id, projectKey),
      { projectKey, outcomeId: outcome.id },
      { entityName: ENTITY.outcomeProject },
    );
  }
  await tx.execute();
}

/**
 * Replaces an outcome only if nobody saved it since `expectedVersion` was read: a conditional write,
 * so two admins editing at once never silently lose each other's changes.
 */
export async function replaceOutcome(
  next: Outcome,
  expectedVersion: number,
  previous: Outcome,
): Promise<void> {
  const tx = kvs.transact().set(keys.outcome(next.id), toStored(next), {
    entityName: ENTITY.outcome,
    conditions: versionIs(expectedVersion),
  });
  const before = new Set(previous.projectKeys);
  const after = new Set(next.projectKeys);
  for (const key of previous.projectKeys) {
    if (!after.has(key)) tx.delete(keys.outcomeProject(next.id, key), { entityName: ENTITY.outcomeProject });
  }
  for (const key of next.projectKeys) {
    if (!before.has(key)) {
      tx.set(
        keys.outcomeProject(next.id, key),
        { projectKey: key, outcomeId: next.id },
        { entityName: ENTITY.outcomeProject },
      );
    }
  }
  await executeGuarded(tx, next.id, 'edit');
}

export async function deleteOutcome(outcome: Outcome, expectedVersion: number): Promise<void> {
  const tx = kvs.transact().delete(keys.outcome(outcome.id), {
    entityName: ENTITY.outcome,
    conditions: versionIs(expectedVersion),
  });
  for (const key of outcome.projectKeys) {
    tx.delete(keys.outcomeProject(outcome.id, key), { entityName: ENTITY.outcomeProject });
  }
  await executeGuarded(tx, outcome.id, 'delete');
}

async function executeGuarded(
  tx: { execute(): Promise<void> },
  id: string,
  attempted: 'edit' | 'delete',
): Promise<void> {
  try {
    await tx.execute();
  } catch (error) {
    if (!isKvsError(error, KVS_CODES.conditionFailed)) throw error;
    const current = await getOutcome(id);
    if (!current) throw new AppError('NOT_FOUND', 'Someone deleted this outcome while you were editing it.');
    throw await conflictWith(current, attempted);
  }
}

/** Says who got there first, so the user knows whose changes they would overwrite. */
export async function conflictWith(
  current: Outcome,
  attempted: 'edit' | 'delete' = 'edit',
): Promise<AppError> {
  const users = await getUsers([current.updatedBy]);
  return outcomeChangedMeanwhile(
    { accountId: current.updatedBy, displayName: users.get(current.updatedBy)?.displayName ?? null },
    current.updatedAt,
    current.version,
    attempted,
  );
}
