import { readManifest } from '../../sandbox/runtime/manifest';
import type { Sandbox } from '../../sandbox/site';
import type { AdminPageContract } from '../../src/contract/admin-page';
import type { IssuePanelContract } from '../../src/contract/issue-panel';
import type { KpiDraftInput, KpiView } from '../../src/contract/kpi';
import type { AdminOutcome, OutcomeDraftInput } from '../../src/contract/outcome';
import type { ProjectPageContract } from '../../src/contract/project-page';
import { type InputOf, type SurfaceContract, surfaces } from '../../src/contract/surface';
import type { Target } from './resolver-targets';
import { as, ok, settingsPageOf, USERS } from './sandbox';

/**
 * What a call needs of its caller, said in Jira's terms, so a test can work out from the site itself
 * who may make it: browse or edit the target's project, manage the target outcome (administer every
 * project it spans, or Jira), use the admin page at all, be Jira admin, or have started the run.
 */
export type Need =
  | 'browse'
  | 'edit'
  | 'admin-page'
  | 'read-outcome'
  | 'manage'
  | 'follow-run'
  | 'starter'
  | 'jira-admin'
  /** Be named on the target outcome as an owner, a decider or someone it is escalated to, and browse it. */
  | 'decide';

/** The target outcome and its KPI as stored now (for the versions and drafts that writes send back). */
export type Live = Awaited<ReturnType<typeof readLive>>;

export async function readLive(sandbox: Sandbox, target: Target) {
  const alice = as(sandbox, USERS.alice);
  const detail = ok(await alice.admin('outcomes/get', { id: target.outcomeId }));
  const rules = ok(await alice.admin('rules/list', {})).rules;
  const settings = ok(await alice.admin('settings/get', {}));
  const exported = ok(await alice.admin('transfer/export', {}));
  const history = ok(await alice.admin('kpis/history', { id: target.kpiId }));
  const file = {
    ...exported,
    outcomes: exported.outcomes.filter((o) => o.id === target.outcomeId),
    rules: exported.rules.filter((r) => r.outcomeId === target.outcomeId),
  };
  return {
    outcome: detail.outcome,
    kpi: detail.kpis.find((k) => k.id === target.kpiId) as KpiView,
    ruleVersion: rules.find((r) => r.id === target.ruleId)?.version ?? 1,
    settingsVersion: settings.version,
    settings: settings.settings,
    historyCursor: history.nextCursor ?? undefined,
    /** The KPI's latest check-in: what corrections and withdrawals are called on. */
    checkInId: history.checkIns[0]?.id ?? '',
    exported: file,
    /** The preview's token for that file: importing it writes nothing (it holds what is stored). */
    importToken: ok(await alice.admin('transfer/preview', { document: file })).token,
  };
}

/** The draft that saves an outcome exactly as it is. */
export const draftOfOutcome = (o: AdminOutcome): OutcomeDraftInput => ({
  title: o.title,
  statement: o.statement,
  projectKeys: o.projectKeys,
  businessOwnerId: o.businessOwner?.accountId ?? null,
  technologyOwnerId: o.technologyOwner?.accountId ?? null,
  startDate: o.startDate,
  dueDate: o.dueDate,
  state: o.state,
  parentId: o.parent?.id ?? null,
  roles: {
    decides: o.roles.decides.map((p) => p.accountId),
    advises: o.roles.advises.map((p) => p.accountId),
    escalatedTo: o.roles.escalatedTo.map((p) => p.accountId),
  },
  rollup: o.rollup,
});

/** The draft that saves a KPI exactly as it is. */
export const draftOfKpi = (k: KpiView): KpiDraftInput => ({
  outcomeId: k.outcomeId,
  name: k.name,
  description: k.description,
  kind: k.kind,
  unit: k.unit,
  customUnit: k.customUnit,
  direction: k.direction,
  baseline: k.baseline,
  target: k.target,
  bandMin: k.bandMin,
  bandMax: k.bandMax,
  dueDate: k.dueDate,
  pairedKpiId: k.pairedKpiId,
  source: k.source,
});

export interface Call<C extends SurfaceContract, K extends keyof C> {
  needs: Need;
  /** A payload that would be allowed for a caller with the need (writes change nothing lasting, or little). */
  payload: (t: Target, live: Live) => InputOf<C, K>;
}

type Calls<C extends SurfaceContract> = { [K in keyof C & string]: Call<C, K> };

/** One sensible call of every function key of the issue panel, against a target. */
export const panelCalls: Calls<IssuePanelContract> = {
  'panel/load': { needs: 'browse', payload: (t) => ({ issueKey: t.issueKey }) },
  'links/candidates': { needs: 'browse', payload: (t) => ({ issueKey: t.issueKey, query: '' }) },
  'links/add': {
    needs: 'edit',
    payload: (t) => ({ issueKey: t.issueKey, outcomeId: t.outcomeId, kpiIds: [t.kpiId] }),
  },
  'links/update': {
    needs: 'edit',
    payload: (t) => ({ issueKey: t.issueKey, outcomeId: t.outcomeId, kpiIds: [t.kpiId], note: 'Moves it.' }),
  },
  'links/remove': { needs: 'edit', payload: (t) => ({ issueKey: t.otherIssueKey, outcomeId: t.outcomeId }) },
  'links/restore': { needs: 'edit', payload: (t) => ({ issueKey: t.otherIssueKey, outcomeId: t.outcomeId }) },
  'links/inheritance': { needs: 'edit', payload: (t) => ({ issueKey: t.issueKey, optOut: false }) },
};

/** A correction of the target's latest check-in, on a revision it never had: CONFLICT, nothing changed. */
const correction = (live: Live) => ({
  id: live.checkInId,
  expectedRevision: STALE,
  value: 38,
  confidence: 'high' as const,
  note: 'Corrected.',
  reason: 'Typo.',
});

/** One sensible call of every function key of the project page, against a target. */
export const projectCalls: Calls<ProjectPageContract> = {
  'project/load': { needs: 'browse', payload: (t) => ({ projectKey: t.projectKey }) },
  'project/outcome': {
    needs: 'browse',
    payload: (t) => ({ projectKey: t.projectKey, outcomeId: t.outcomeId }),
  },
  'project/tickets': {
    needs: 'browse',
    payload: (t) => ({ projectKey: t.projectKey, outcomeId: t.outcomeId }),
  },
  'project/coverage': { needs: 'browse', payload: (t) => ({ projectKey: t.projectKey, period: 'all' }) },
  'links/bulk': {
    needs: 'edit',
    payload: (t) => ({
      projectKey: t.projectKey,
      outcomeId: t.outcomeId,
      target: { issueKeys: [t.issueKey] },
    }),
  },
  'links/bulk-status': {
    needs: 'starter',
    payload: (t) => ({ projectKey: t.projectKey, runId: t.bulkRunId }),
  },
  'decisions/record': {
    needs: 'decide',
    payload: (t) => ({
      projectKey: t.projectKey,
      outcomeId: t.outcomeId,
      kind: 'continue',
      rationale: 'Abandonment is falling as planned.',
    }),
  },
  // Alice made the target's check-ins: besides her, only admins of the outcome may change them.
  'checkins/correct': {
    needs: 'manage',
    payload: (t, live) => ({ projectKey: t.projectKey, ...correction(live) }),
  },
  'checkins/withdraw': {
    needs: 'manage',
    payload: (t, live) => ({
      projectKey: t.projectKey,
      id: live.checkInId,
      expectedRevision: STALE,
      reason: 'Twice.',
    }),
  },
};

/** A version no record has: a write that gets past authorization then meets CONFLICT, and changes nothing. */
const STALE = 999;

/** One sensible call of every function key of the admin page, against a target. */
export const adminCalls: Calls<AdminPageContract> = {
  'admin/load': { needs: 'admin-page', payload: () => ({}) },
  'outcomes/rollup-options': { needs: 'admin-page', payload: () => ({}) },
  'outcomes/get': { needs: 'read-outcome', payload: (t) => ({ id: t.outcomeId }) },
  'outcomes/create': {
    needs: 'manage',
    payload: (t, live) => ({
      draft: { ...draftOfOutcome(live.outcome), title: `Another ${t.projectKey} outcome`, parentId: null },
    }),
  },
  'outcomes/update': {
    needs: 'manage',
    payload: (t, live) => ({ id: t.outcomeId, expectedVersion: STALE, draft: draftOfOutcome(live.outcome) }),
  },
  'outcomes/delete-preview': { needs: 'manage', payload: (t) => ({ id: t.outcomeId }) },
  'outcomes/delete': {
    needs: 'manage',
    payload: (t) => ({ id: t.outcomeId, expectedVersion: STALE, confirmedLinkedTickets: 0 }),
  },
  'kpis/create': {
    needs: 'manage',
    payload: (_t, live) => ({
      draft: { ...draftOfKpi(live.kpi), name: 'Another KPI name' },
      saveAsDraft: true,
    }),
  },
  'kpis/update': {
    needs: 'manage',
    payload: (t, live) => ({ id: t.kpiId, expectedVersion: STALE, draft: draftOfKpi(live.kpi) }),
  },
  'kpis/delete': { needs: 'manage', payload: (t) => ({ id: t.kpiId, expectedVersion: STALE }) },
  'kpis/check-in': {
    needs: 'manage',
    payload: (t) => ({ kpiId: t.kpiId, value: 37, confidence: 'high', note: 'Checked.' }),
  },
  'checkins/correct': { needs: 'manage', payload: (_t, live) => correction(live) },
  'checkins/withdraw': {
    needs: 'manage',
    payload: (_t, live) => ({ id: live.checkInId, expectedRevision: STALE, reason: 'Twice.' }),
  },
  'kpis/history': {
    needs: 'read-outcome',
    payload: (t, live) => ({ id: t.kpiId, cursor: live.historyCursor }),
  },
  'kpis/refresh': { needs: 'manage', payload: (t) => ({ id: t.kpiId }) },
  'jql/check': { needs: 'admin-page', payload: (t) => ({ jql: `project = ${t.projectKey}` }) },
  'rules/list': { needs: 'admin-page', payload: () => ({}) },
  'rules/create': {
    needs: 'manage',
    payload: (t) => ({ draft: { outcomeId: t.outcomeId, jql: 'issuetype = Task', enabled: false } }),
  },
  'rules/update': {
    needs: 'manage',
    payload: (t) => ({
      id: t.ruleId,
      expectedVersion: STALE,
      draft: { outcomeId: t.outcomeId, jql: t.ruleJql },
    }),
  },
  'rules/delete': { needs: 'manage', payload: (t) => ({ id: t.ruleId, expectedVersion: STALE }) },
  'rules/backfill': { needs: 'manage', payload: (t) => ({ id: t.ruleId }) },
  'runs/get': { needs: 'follow-run', payload: (t) => ({ id: t.runId }) },
  'users/search': { needs: 'admin-page', payload: () => ({ query: 'a' }) },
  'settings/get': { needs: 'admin-page', payload: () => ({}) },
  'usage/get': { needs: 'admin-page', payload: () => ({}) },
  'settings/update': {
    needs: 'jira-admin',
    payload: (_t, live) => ({ expectedVersion: STALE, settings: live.settings }),
  },
  'transfer/export': { needs: 'admin-page', payload: () => ({}) },
  'transfer/preview': {
    needs: 'manage',
    payload: (_t, live) => ({ document: live.exported }),
  },
  'transfer/import': {
    needs: 'manage',
    payload: (_t, live) => ({ document: live.exported, token: live.importToken }),
  },
};

/** The calls of each surface, by the manifest function that serves it. */
const CALLS_OF_FUNCTION: Record<keyof typeof surfaces, Record<string, unknown>> = {
  'issue-panel-resolver': panelCalls,
  'project-page-resolver': projectCalls,
  'admin-page-resolver': adminCalls,
  'settings-page-resolver': adminCalls,
};
const SHORT_NAME: Record<keyof typeof surfaces, string> = {
  'issue-panel-resolver': 'panel',
  'project-page-resolver': 'project',
  'admin-page-resolver': 'admin',
  'settings-page-resolver': 'settings',
};
const isSurface = (fn: string): fn is keyof typeof surfaces => fn in surfaces;

/**
 * Every function key with its surface, module and call, read from manifest.yml (each UI module and the
 * function that serves it) and that function's contract, in contract order: a key added to a contract
 * or a surface added to the manifest fails here until the tables above say how to call it.
 */
export const everyCall = () =>
  readManifest().uiModules.flatMap(({ key: module, resolverFunction }) => {
    if (!isSurface(resolverFunction))
      throw new Error(`${module} is served by ${resolverFunction}, no surface of the contract`);
    const calls = CALLS_OF_FUNCTION[resolverFunction];
    return Object.keys(surfaces[resolverFunction]).map((key) => {
      const call = calls[key];
      if (!call) throw new Error(`No call of ${key} (${resolverFunction}) in test/support/resolver-calls.ts`);
      return {
        surface: SHORT_NAME[resolverFunction],
        module,
        key,
        call: call as { needs: Need; payload: (t: Target, live: Live) => unknown },
        /** The module's extension context for a target: a settings page is the target project's. */
        extension: (t: Target): Record<string, unknown> =>
          resolverFunction === 'settings-page-resolver' ? settingsPageOf(t.projectKey) : {},
      };
    });
  });
