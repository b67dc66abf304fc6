import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { AppError } from '../../domain/errors';
import type { MappingRule } from '../../domain/mapping-rule';
import { ENTITY, keys, QUERY_PAGE } from './entities';
import { isKvsError, KVS_CODES } from './kvs-errors';
import { everyResult } from './paging';
import { orNull, withoutNulls } from './stored';

type StoredRule = Omit<MappingRule, 'id' | 'lastRunId' | 'kpisPending'> & {
  lastRunId?: string;
  kpisPending?: boolean;
};

/** A backfill run's progress, shown on the admin page while it runs. */
export interface BackfillRun {
  id: string;
  ruleId: string;
  /** Who started it: their account id, or absent for the app. */
  startedBy: string | null;
  kind: 'backfill' | 'bulk-link' | 'cleanup';
  status: 'running' | 'done' | 'failed';
  phase: 'absent' | 'present' | 'stale';
  /** Tickets the run's JQL matches (counted once, in the 'present' phase). */
  matched: number;
  /** Tickets whose links the run changed. */
  changed: number;
  pages: number;
  /** Times Jira's rate limit outlasted the client's retries and the page was queued again later. */
  rateLimited: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** For bulk links: the outcome, KPIs and person the links are made for. */
  payload: unknown;
  /**
   * A page of tickets given links by one bulk call whose children have not all inherited yet. Recorded
   * before the call, so a rate limit in the call, its task or the children's step resumes this page:
   * the search would no longer find these tickets once they have links.
   */
  pendingPage: PendingPage | null;
  /** The wait Jira last asked for (seconds), when its rate limit outlasted the client's retries. */
  lastWaitSeconds: number | null;
}

export interface PendingPage {
  issueIds: string[];
  issueKeys: string[];
  /** Jira confirmed the bulk write (its task completed); only the children's step is left. */
  written: boolean;
}

type StoredRun = Omit<
  BackfillRun,
  'id' | 'startedBy' | 'finishedAt' | 'error' | 'pendingPage' | 'lastWaitSeconds'
> & {
  startedBy?: string;
  finishedAt?: string;
  error?: string;
};

/**
 * The run's resumption state travels inside its `payload` attribute (declared `any` in the manifest),
 * so the entity needs no new attributes. Runs stored before this carry the bare payload.
 */
interface PayloadEnvelope {
  runPayloadVersion: 2;
  body: unknown;
  pendingPage?: PendingPage;
  lastWaitSeconds?: number;
}

const isEnvelope = (value: unknown): value is PayloadEnvelope =>
  typeof value === 'object' &&
  value !== null &&
  'runPayloadVersion' in value &&
  value.runPayloadVersion === 2;

const rules = () => kvs.entity<StoredRule>(ENTITY.rule);
const runs = () => kvs.entity<StoredRun>(ENTITY.run);

const fromStoredRule = (id: string, s: StoredRule): MappingRule => ({
  id,
  ...s,
  lastRunId: orNull(s.lastRunId),
  // Rules stored before this flag existed count as up to date.
  kpisPending: s.kpisPending ?? false,
});

export async function listRules(): Promise<MappingRule[]> {
  const results = await everyResult(rules().query().index('outcomeId').sort(Sort.ASC).limit(QUERY_PAGE));
  return results.map((r) => fromStoredRule(r.key, r.value));
}

export async function getRule(id: string): Promise<MappingRule | null> {
  const stored = await rules().get(keys.rule(id));
  return stored ? fromStoredRule(id, stored) : null;
}

/** Saves a rule if nobody changed it since `expectedVersion` (null: it must be new). */
export async function saveRule(rule: MappingRule, expectedVersion: number | null): Promise<void> {
  const { id, ...rest } = rule;
  await guarded(
    kvs.transact().set(keys.rule(id), withoutNulls(rest), {
      entityName: ENTITY.rule,
      conditions: versionIs(expectedVersion),
    }),
  );
}

export async function deleteRule(rule: MappingRule, expectedVersion: number): Promise<void> {
  await guarded(
    kvs
      .transact()
      .delete(keys.rule(rule.id), { entityName: ENTITY.rule, conditions: versionIs(expectedVersion) }),
  );
}

/** The rule as read at `expectedVersion`, or (null) not there yet. */
const versionIs = (expectedVersion: number | null) =>
  expectedVersion === null
    ? new Filter<StoredRule>().and('version', FilterConditions.notExists())
    : new Filter<StoredRule>().and('version', FilterConditions.equalTo(expectedVersion));

/** Runs a rule write whose condition failing means someone else saved the rule first. */
async function guarded(tx: { execute(): Promise<unknown> }): Promise<void> {
  try {
    await tx.execute();
  } catch (error) {
    if (!isKvsError(error, KVS_CODES.conditionFailed)) throw error;
    throw new AppError(
      'CONFLICT',
      'Someone else changed this mapping rule after you opened it. Reload and try again.',
    );
  }
}

export async function getRun(id: string): Promise<BackfillRun | null> {
  const stored = await runs().get(keys.run(id));
  if (!stored) return null;
  const envelope = isEnvelope(stored.payload) ? stored.payload : null;
  return {
    id,
    ...stored,
    startedBy: orNull(stored.startedBy),
    finishedAt: orNull(stored.finishedAt),
    error: orNull(stored.error),
    payload: envelope ? envelope.body : stored.payload,
    pendingPage: orNull(envelope?.pendingPage),
    lastWaitSeconds: orNull(envelope?.lastWaitSeconds),
  };
}

export async function saveRun(run: BackfillRun): Promise<void> {
  const { id, pendingPage, lastWaitSeconds, payload, ...rest } = run;
  const envelope: PayloadEnvelope = {
    runPayloadVersion: 2,
    body: payload,
    ...(pendingPage ? { pendingPage } : {}),
    ...(lastWaitSeconds !== null ? { lastWaitSeconds } : {}),
  };
  await runs().set(keys.run(id), withoutNulls({ ...rest, payload: envelope }) as StoredRun);
}
