import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import { RUN_PHASES, RUN_STATUSES } from '../../contract/limits';
import { AppError } from '../../domain/errors';
import type { LinkRun, PayloadOf, PendingPage } from '../../domain/link-run';
import type { MappingRule } from '../../domain/mapping-rule';
import { ENTITY, keys, QUERY_PAGE } from './entities';
import { isKvsError, KVS_CODES } from './kvs-errors';
import { everyResult } from './paging';
import { absent, parseRecord, recordSchema, SCHEMA_VERSION } from './records';
import { orNull, withoutNulls } from './stored';

const RuleRecord = recordSchema({
  outcomeId: z.string(),
  jql: z.string(),
  kpiIds: z.array(z.string()),
  enabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  lastRunId: absent(z.string()),
  kpisPending: z.boolean(),
});
type StoredRule = z.output<typeof RuleRecord>;

const PendingPageRecord = z.object({
  issueIds: z.array(z.string()),
  issueKeys: z.array(z.string()),
  written: z.boolean(),
});

/**
 * What a run carries travels in its `payload` attribute (declared `any` in the manifest), beside its
 * resumption state, typed by the run's kind.
 */
const withPayload = <K extends LinkRun['kind'], P extends z.ZodType<PayloadOf<K>>>(kind: K, payload: P) =>
  z.object({
    kind: z.literal(kind),
    payload: z.object({
      body: payload,
      pendingPage: absent(PendingPageRecord),
      lastWaitSeconds: absent(z.number()),
      matchedEstimated: absent(z.boolean()),
    }),
  });

const RunRecord = recordSchema({
  ruleId: z.string(),
  startedBy: absent(z.string()),
  status: z.enum(RUN_STATUSES),
  phase: z.enum(RUN_PHASES),
  matched: z.number().int(),
  changed: z.number().int(),
  pages: z.number().int(),
  rateLimited: z.number().int(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: absent(z.string()),
  error: absent(z.string()),
}).and(
  z.discriminatedUnion('kind', [
    withPayload('backfill', z.object({ kpiIds: z.array(z.string()), refreshKpis: z.boolean() })),
    withPayload(
      'bulk-link',
      z.object({
        projectKey: z.string(),
        outcomeId: z.string(),
        kpiIds: z.array(z.string()),
        accountId: z.string(),
        target: z.union([z.object({ jql: z.string() }), z.object({ issueKeys: z.array(z.string()) })]),
      }),
    ),
    withPayload(
      'cleanup',
      z.object({ ruleId: z.string(), outcomeId: z.string(), recent: z.array(z.string()).optional() }),
    ),
  ]),
);
/** What is written: the payload's type follows the kind's through `LinkRun`. */
type StoredRun = Omit<z.output<typeof RunRecord>, 'kind' | 'payload'> & {
  kind: LinkRun['kind'];
  payload: {
    body: LinkRun['payload'];
    pendingPage?: PendingPage;
    lastWaitSeconds?: number;
    matchedEstimated?: boolean;
  };
};

const rules = () => kvs.entity<StoredRule>(ENTITY.rule);
const runs = () => kvs.entity<StoredRun>(ENTITY.run);

const fromStoredRule = (id: string, value: unknown): MappingRule => {
  const { schemaVersion: _version, ...s } = parseRecord(RuleRecord, ENTITY.rule, id, value);
  return { id, ...s, lastRunId: orNull(s.lastRunId) };
};

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
    kvs.transact().set(
      keys.rule(id),
      { schemaVersion: SCHEMA_VERSION, ...withoutNulls(rest) },
      {
        entityName: ENTITY.rule,
        conditions: versionIs(expectedVersion),
      },
    ),
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

const fromStoredRun = (id: string, value: unknown): LinkRun => {
  const r = parseRecord(RunRecord, ENTITY.run, id, value);
  const progress = {
    id,
    ruleId: r.ruleId,
    startedBy: orNull(r.startedBy),
    status: r.status,
    phase: r.phase,
    matched: r.matched,
    changed: r.changed,
    pages: r.pages,
    rateLimited: r.rateLimited,
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    finishedAt: orNull(r.finishedAt),
    error: orNull(r.error),
    pendingPage: orNull(r.payload.pendingPage),
    lastWaitSeconds: orNull(r.payload.lastWaitSeconds),
    matchedEstimated: r.payload.matchedEstimated === true,
  };
  switch (r.kind) {
    case 'backfill':
      return { ...progress, kind: r.kind, payload: r.payload.body };
    case 'bulk-link':
      return { ...progress, kind: r.kind, payload: r.payload.body };
    case 'cleanup':
      return { ...progress, kind: r.kind, payload: r.payload.body };
  }
};

export async function getRun(id: string): Promise<LinkRun | null> {
  const stored = await runs().get(keys.run(id));
  return stored ? fromStoredRun(id, stored) : null;
}

export async function saveRun(run: LinkRun): Promise<void> {
  const { id, pendingPage, lastWaitSeconds, matchedEstimated, payload, ...rest } = run;
  const record: StoredRun = {
    schemaVersion: SCHEMA_VERSION,
    ...withoutNulls(rest),
    payload: withoutNulls({
      body: payload,
      pendingPage,
      lastWaitSeconds,
      ...(matchedEstimated ? { matchedEstimated } : {}),
    }),
  };
  await runs().set(keys.run(id), record);
}
