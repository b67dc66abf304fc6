import type { UserRef } from '../../contract/primitives';
import type { RuleDraft, RuleView } from '../../contract/rules';
import { AppError, notFound, validationFailed } from '../../domain/errors';
import { type MappingRule, sameIds, scopedRuleJql } from '../../domain/mapping-rule';
import type { Outcome } from '../../domain/outcome';
import { newRuleId } from '../../platform/ids';
import { conflictNaming } from '../../platform/storage/conflicts';
import { listKpisOfOutcome } from '../../platform/storage/kpi-repository';
import { getOutcome, getOutcomes } from '../../platform/storage/outcome-repository';
import { deleteRule, getRule, getRun, listRules, saveRule } from '../../platform/storage/rule-repository';
import { startRun } from '../../use-cases/link-runs';
import { type AdminAccess, actsSiteWide, canManageAll, canSee, requireAdminPage } from '../shared/access';
import { ruleJqlProblem } from '../shared/jql-check';
import { toRunView } from '../shared/run-view';
import type { Caller } from '../shared/surface';
import { lookUpPeople, person } from '../shared/views';
import { HIDDEN, manageableOutcome } from './guards';
import { adminOperation } from './operation';

const outcomeOfCleanup = (payload: unknown): string | null =>
  typeof payload === 'object' &&
  payload !== null &&
  'outcomeId' in payload &&
  typeof payload.outcomeId === 'string'
    ? payload.outcomeId
    : null;

async function toRuleView(
  rule: MappingRule,
  outcome: Outcome,
  access: AdminAccess,
  users: Map<string, UserRef>,
): Promise<RuleView> {
  const run = rule.lastRunId ? await getRun(rule.lastRunId) : null;
  return {
    id: rule.id,
    outcomeId: rule.outcomeId,
    outcomeTitle: outcome.title,
    jql: rule.jql,
    // As it runs, naming only the projects the caller may see (it runs in the others too).
    effectiveJql: scopedRuleJql(
      rule,
      outcome.projectKeys.filter((key) => access.browsable.has(key)),
    ),
    kpiIds: rule.kpiIds,
    enabled: rule.enabled,
    version: rule.version,
    updatedAt: rule.updatedAt,
    updatedBy: person(users, rule.updatedBy),
    canManage: canManageAll(access, outcome.projectKeys),
    lastRun: run ? toRunView(run) : null,
  };
}

/** The rule's JQL must run in Jira, confined to the outcome's projects; its KPIs must be the outcome's. */
async function checkRule(draft: RuleDraft, outcome: Outcome) {
  const problem = await ruleJqlProblem(draft.jql, outcome.projectKeys);
  const errors = problem ? [{ path: 'draft.jql', message: problem }] : [];
  const kpis = new Set((await listKpisOfOutcome(outcome.id)).map((k) => k.id));
  if (draft.kpiIds.some((id) => !kpis.has(id)))
    errors.push({ path: 'draft.kpiIds', message: 'Pick KPIs of the rule’s outcome.' });
  if (errors.length > 0) throw validationFailed(errors);
}

async function manageableRule(caller: Caller, id: string) {
  await requireAdminPage(caller);
  const rule = await getRule(id);
  if (!rule) throw notFound(HIDDEN.rule);
  return { rule, ...(await manageableOutcome(caller, rule.outcomeId, HIDDEN.rule)) };
}

export const listRulesOp = adminOperation('rules/list', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async (_input, _caller, access) => {
    const rules = await listRules();
    const outcomes = await getOutcomes(rules.map((r) => r.outcomeId));
    const visible = rules.filter((r) => {
      const outcome = outcomes.get(r.outcomeId);
      return outcome !== undefined && canSee(access, outcome);
    });
    const users = await lookUpPeople(
      [],
      visible.map((r) => r.updatedBy),
    );
    return {
      rules: await Promise.all(
        visible.map((r) => toRuleView(r, outcomes.get(r.outcomeId) as Outcome, access, users)),
      ),
    };
  },
});

export const createRuleOp = adminOperation('rules/create', {
  authorize: ({ draft }, caller) => manageableOutcome(caller, draft.outcomeId),
  run: async ({ draft }, caller, { access, outcome }) => {
    await checkRule(draft, outcome);
    const at = caller.now.toISOString();
    const rule: MappingRule = {
      id: newRuleId(),
      ...draft,
      version: 1,
      createdAt: at,
      createdBy: caller.accountId,
      updatedAt: at,
      updatedBy: caller.accountId,
      lastRunId: null,
      kpisPending: false,
    };
    await saveRule(rule, null);
    return toRuleView(rule, outcome, access, await lookUpPeople([], [caller.accountId]));
  },
});

export const updateRuleOp = adminOperation('rules/update', {
  authorize: async ({ id, draft }, caller) => {
    const found = await manageableRule(caller, id);
    if (draft.outcomeId !== found.rule.outcomeId) {
      throw validationFailed([
        { path: 'draft.outcomeId', message: 'A rule stays with its outcome; create a new rule instead.' },
      ]);
    }
    return found;
  },
  run: async ({ draft, expectedVersion }, caller, { rule, access, outcome }) => {
    if (rule.version !== expectedVersion) throw await conflictNaming('mapping rule', rule);
    await checkRule(draft, outcome);
    const next: MappingRule = {
      ...rule,
      ...draft,
      version: expectedVersion + 1,
      updatedAt: caller.now.toISOString(),
      updatedBy: caller.accountId,
      kpisPending: rule.kpisPending || !sameIds(rule.kpiIds, draft.kpiIds),
    };
    await saveRule(next, expectedVersion);
    // Switched off: its links come off the tickets now, as when it is deleted, rather than lingering
    // until each ticket happens to change. Switched on again, "Apply to existing tickets" brings them back.
    const saved = rule.enabled && !next.enabled ? await startCleanup(next, caller) : next;
    return toRuleView(saved, outcome, access, await lookUpPeople([], [caller.accountId]));
  },
});

/** Starts taking a switched-off rule's links off its tickets, and remembers the run on the rule. */
async function startCleanup(rule: MappingRule, caller: Caller): Promise<MappingRule> {
  const run = await startRun(
    { kind: 'cleanup', payload: { ruleId: rule.id, outcomeId: rule.outcomeId } },
    rule.id,
    caller.accountId,
    caller.now,
  );
  const withRun = { ...rule, lastRunId: run.id };
  // Remembering the run is a convenience; if someone edited the rule this instant, theirs wins.
  return saveRule(withRun, rule.version).then(
    () => withRun,
    (error: unknown) => {
      if (error instanceof AppError && error.code === 'CONFLICT') return rule;
      throw error;
    },
  );
}

export const deleteRuleOp = adminOperation('rules/delete', {
  authorize: ({ id }, caller) => manageableRule(caller, id),
  run: async ({ id, expectedVersion }, caller, { rule }) => {
    if (rule.version !== expectedVersion) throw await conflictNaming('mapping rule', rule, 'delete');
    await deleteRule(rule, expectedVersion);
    const cleanup = await startRun(
      { kind: 'cleanup', payload: { ruleId: id, outcomeId: rule.outcomeId } },
      id,
      caller.accountId,
      caller.now,
    );
    return { id, cleanup: toRunView(cleanup) };
  },
});

export const backfillRuleOp = adminOperation('rules/backfill', {
  authorize: ({ id }, caller) => manageableRule(caller, id),
  run: async ({ id }, caller, { rule }) => {
    if (!rule.enabled)
      throw validationFailed([
        { path: 'id', message: 'Enable the rule before applying it to existing tickets.' },
      ]);
    // One backfill per rule at a time: a second click follows the run already going.
    const going = rule.lastRunId ? await getRun(rule.lastRunId) : null;
    if (going?.kind === 'backfill' && going.status === 'running') return toRunView(going);
    if (going?.kind === 'cleanup' && going.status === 'running')
      throw validationFailed([
        { path: 'id', message: 'The rule’s links are still being taken off; apply it once that is done.' },
      ]);
    const payload = { kpiIds: rule.kpiIds, refreshKpis: rule.kpisPending };
    const run = await startRun({ kind: 'backfill', payload }, id, caller.accountId, caller.now);
    // Remembering the run is a convenience; if someone edited the rule this instant, theirs wins.
    await saveRule({ ...rule, lastRunId: run.id }, rule.version).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    });
    return toRunView(run);
  },
});

export const getRunOp = adminOperation('runs/get', {
  authorize: async ({ id }, caller) => {
    const access = await requireAdminPage(caller);
    const run = await getRun(id);
    // A run the caller may not follow is answered as one that does not exist.
    const hidden = notFound(
      'No such run. Only whoever started a run, or manages its outcome, can follow it.',
    );
    if (!run) throw hidden;
    // On a project's settings page even one's own runs are followed only where they touch that project.
    if (actsSiteWide(access) || (run.startedBy === caller.accountId && !access.confinedTo)) return run;
    // Whoever manages the rule's outcome may follow its runs, including a clean-up after the rule is gone.
    const outcomeId = (await getRule(run.ruleId))?.outcomeId ?? outcomeOfCleanup(run.payload);
    const outcome = outcomeId ? await getOutcome(outcomeId) : null;
    if (!outcome || !canManageAll(access, outcome.projectKeys)) throw hidden;
    return run;
  },
  run: async (_input, _caller, run) => toRunView(run),
});
