import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors';
import { jqlString } from '../domain/jql';
import { type LinkRun, newRun, outcomeOfRun, phasePlan, type RunJob, type RunKind } from '../domain/link-run';
import {
  inheritanceFrom,
  LINKS_PROPERTY_KEY,
  type LinksProperty,
  readLinks,
  withInherited,
} from '../domain/links';
import { sameIds } from '../domain/mapping-rule';
import { JiraHttpError } from '../platform/jira/client';
import { countIssues, countTickets, matchingNow, searchPage } from '../platform/jira/issues';
import { setLinksWhereAbsent, updateLinks } from '../platform/jira/links-store';
import { checkPermissions, has } from '../platform/jira/permissions';
import { appReach } from '../platform/jira/projects';
import { enqueue } from '../platform/queue';
import { getOutcome } from '../platform/storage/outcome-repository';
import { getRule, getRun, saveRule, saveRun } from '../platform/storage/rule-repository';
import { propagateIfChanged } from './link-maintenance';
import { startReconcile } from './reconcile';
import { type RunPort, runPage } from './run-executor';

const IDS_PAGE = 5000; // Jira's largest page when only ids are asked for
const PROPERTIES_PAGE = 100; // and when fields or properties are

/** Tickets the person may both see and edit (issue security included). */
async function editableBy(accountId: string, issueIds: string[]): Promise<Set<string>> {
  const allowed = new Set<string>();
  // Nobody is present in a queue consumer: the check acts for the person who started the run.
  const grants = await checkPermissions(
    { offline: accountId },
    { issues: { permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], issueIds } },
  );
  for (const id of issueIds) {
    if (has(grants.issues, 'BROWSE_PROJECTS', id) && has(grants.issues, 'EDIT_ISSUES', id)) allowed.add(id);
  }
  return allowed;
}

/** Tickets just given links by the bulk call pass them on to their children (stories, subtasks). */
async function inheritToChildren(parentKeys: string[], parentLinks: LinksProperty) {
  // 250 keys a query keeps the JQL short while needing few searches for thousands of parents.
  for (let i = 0; i < parentKeys.length; i += 250) {
    const keys = parentKeys.slice(i, i + 250);
    let token: string | null = null;
    do {
      const page = await searchPage(
        'app',
        `parent in (${keys.map(jqlString).join(', ')})`,
        { fields: ['parent'], properties: [LINKS_PROPERTY_KEY], pageSize: PROPERTIES_PAGE },
        token,
      );
      for (const child of page.issues) {
        const parentKey = child.fields.parent?.key;
        if (!parentKey) continue;
        const inherited = inheritanceFrom(parentKey, parentLinks);
        const { before, after } = await updateLinks(child, 'app', (links, fresh) =>
          fresh.parentKey === parentKey ? withInherited(links, inherited) : links,
        );
        await propagateIfChanged(child.key, before, after);
      }
      token = page.nextPageToken;
    } while (token);
  }
}

/** A backfill that read the rule's tickets for its KPIs has brought them all up to date. */
async function markKpisApplied(run: LinkRun) {
  if (run.kind !== 'backfill' || !run.payload.refreshKpis) return;
  const { payload } = run;
  const rule = await getRule(run.ruleId);
  // KPIs changed again while the run went: the next backfill must read the tickets again.
  if (!rule?.kpisPending || !sameIds(rule.kpiIds, payload.kpiIds)) return;
  await saveRule({ ...rule, kpisPending: false }, rule.version).catch((error: unknown) => {
    // Someone saved the rule this instant; it stays pending, which costs the next backfill a read.
    if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
  });
}

async function contextOf(run: LinkRun) {
  if (run.kind === 'bulk-link') return { rule: null, outcome: null };
  const rule = await getRule(run.kind === 'cleanup' ? run.payload.ruleId : run.ruleId);
  const stored = run.kind === 'backfill' && rule ? await getOutcome(rule.outcomeId) : null;
  // The run's JQL names only the projects the app can see: Jira refuses a query naming any other.
  const outcome = stored && { ...stored, projectKeys: await appReach(stored.projectKeys) };
  return { rule, outcome };
}

/** The run's I/O against Jira, storage and the queue, in an invocation at `now`. */
const portAt = (now: Date): RunPort => ({
  getRun,
  saveRun,
  context: contextOf,
  searchIds: async (jql, pageToken) => {
    const page = await searchPage('app', jql, { fields: ['key'], pageSize: IDS_PAGE }, pageToken);
    return { issues: page.issues.map((i) => ({ id: i.id, key: i.key })), nextPageToken: page.nextPageToken };
  },
  searchLinks: async (jql, pageToken) => {
    const page = await searchPage(
      'app',
      jql,
      { fields: ['parent'], properties: [LINKS_PROPERTY_KEY], pageSize: PROPERTIES_PAGE },
      pageToken,
    );
    return {
      issues: page.issues.map((i) => ({
        id: i.id,
        key: i.key,
        links: readLinks(i.properties?.[LINKS_PROPERTY_KEY]),
      })),
      nextPageToken: page.nextPageToken,
    };
  },
  readNow: async (jql, issueIds) =>
    (await matchingNow('app', jql, issueIds, { fields: ['key'], properties: [LINKS_PROPERTY_KEY] })).map(
      (i) => ({
        id: i.id,
        key: i.key,
        links: readLinks(i.properties?.[LINKS_PROPERTY_KEY]),
        hasLinks: i.properties?.[LINKS_PROPERTY_KEY] !== undefined,
      }),
    ),
  permitted: async (actsFor, issueIds) => (actsFor ? editableBy(actsFor, issueIds) : new Set(issueIds)),
  setLinksWhereAbsent: async (issueIds, links) => {
    await setLinksWhereAbsent(issueIds, links);
  },
  updateLinks: async (issue, change) => {
    const { before, after } = await updateLinks(issue, 'app', (current) => change(current));
    await propagateIfChanged(issue.key, before, after);
    return { changed: after !== before };
  },
  inheritToChildren,
  countIssues: (jql) => countTickets('app', jql),
  enqueue: (job, delaySeconds) => enqueue([job], delaySeconds),
  afterFinish: async (run) => {
    if (!run.error) await markKpisApplied(run);
    // Bulk writes skip the per-ticket rollup updates; one recompute of the outcome counts them all.
    const outcomeId = outcomeOfRun(run, run.kind === 'backfill' ? await getRule(run.ruleId) : null);
    if (outcomeId && run.changed > 0) await startReconcile([outcomeId], 'recount', now);
  },
  startRun: (what, ruleId, startedBy) => startRun(what, ruleId, startedBy, now),
  pageFailure: (error) => {
    if (error instanceof JiraHttpError && error.status === 429)
      return { type: 'rate-limited', retryAfterSeconds: error.retryAfterSeconds };
    // Locks free themselves within seconds: the page is tried again shortly rather than failing the run.
    if (error instanceof AppError && error.code === 'CONFLICT') return { type: 'busy' };
    return null;
  },
});

/** Creates a run and queues its first page. */
export async function startRun(
  what: RunKind,
  ruleId: string,
  startedBy: string | null,
  now: Date,
): Promise<LinkRun> {
  const run = newRun(what, `run-${randomUUID()}`, ruleId, startedBy, now);
  const { phase } = run;
  // Counted up front so progress can say "n of about m"; the finish counts again, as the truth.
  if (run.kind !== 'cleanup') {
    const plan = phasePlan(run, phase, await contextOf(run), now);
    // Jira's estimate (one point of the quota, at any size), said as "about"; the finish counts again.
    if (!('end' in plan)) {
      run.matched = await countIssues('app', plan.scope);
      run.matchedEstimated = true;
    }
  }
  await saveRun(run);
  await enqueue([{ type: 'run', runId: run.id, phase, pageToken: null }]);
  return run;
}

/** Queue consumer: one page of a run. */
export const processRunPage = (job: RunJob, now: Date): Promise<void> => runPage(job, portAt(now), now);
