import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors';
import { inProject, jqlString } from '../domain/jql';
import { confinedJql, embedJql, UnsafeJqlError } from '../domain/jql-syntax';
import {
  emptyLinks,
  inheritanceFrom,
  LINKS_PROPERTY_KEY,
  type LinksProperty,
  putOwnLink,
  readLinks,
  withInherited,
  withRuleLink,
} from '../domain/links';
import { sameKpis } from '../domain/mapping-rule';
import { JiraHttpError } from '../platform/jira/client';
import { countIssues, searchPage } from '../platform/jira/issues';
import { setLinksWhereAbsent, updateLinks } from '../platform/jira/links-store';
import { checkPermissions, has } from '../platform/jira/permissions';
import { enqueue, type LinksJob, type RunPhase } from '../platform/queue';
import { getOutcome } from '../platform/storage/outcome-repository';
import {
  type BackfillRun,
  getRule,
  getRun,
  type PendingPage,
  saveRule,
  saveRun,
} from '../platform/storage/rule-repository';
import { propagateIfChanged } from './link-maintenance';
import { startReconcile } from './reconcile';

/** What a bulk link run carries: who links which tickets of which project to what. */
export interface BulkLinkPayload {
  projectKey: string;
  outcomeId: string;
  kpiIds: string[];
  accountId: string;
  target: { jql: string } | { issueKeys: string[] };
}

/**
 * What a backfill carries: the KPIs it applies, and whether the rule's tickets must be read for them
 * (its KPIs changed since they last reached every ticket). Runs started before this carry null.
 */
export type BackfillPayload = { kpiIds: string[]; refreshKpis: boolean } | null;

/** What a rule clean-up carries: the rule is gone by the time it runs. */
export interface CleanupPayload {
  ruleId: string;
  outcomeId: string;
}

type RunJob = Extract<LinksJob, { type: 'run' }>;

interface Phase {
  /** The tickets this phase visits. */
  jql: string;
  /** The change to one ticket's links; the same object back means "nothing to do". */
  apply: (links: LinksProperty) => LinksProperty;
  /**
   * `shrinking`: every visited ticket leaves the result once changed, so the phase reads the same page
   * again while it changes something (a token past it would skip over a set that shrinks), and moves
   * on only past a page it left as it was (tickets it may not touch). Otherwise pages are followed
   * with Jira's nextPageToken.
   */
  shrinking: boolean;
  /** Tickets without links get theirs in one bulk call instead of one write each. */
  bulkAbsent: boolean;
  /**
   * Which of a page's tickets the run may change. A bulk link acts for a person: the app searches,
   * but only tickets that person may see and edit (issue security included) are linked.
   */
  permitted: (issueIds: string[]) => Promise<Set<string>>;
}

const everyTicket = async (issueIds: string[]) => new Set(issueIds);

const editableBy =
  (accountId: string) =>
  async (issueIds: string[]): Promise<Set<string>> => {
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
  };

/** The phases of each kind of run, in order. */
const PHASES: Record<BackfillRun['kind'], RunPhase[]> = {
  backfill: ['absent', 'present', 'stale'],
  'bulk-link': ['absent', 'present'],
  cleanup: ['stale'],
};

/** How long a page waits before it is tried again when one of its tickets is locked by another change. */
const BUSY_RETRY_SECONDS = 10;

const IDS_PAGE = 5000; // Jira's largest page when only ids are asked for
const PROPERTIES_PAGE = 100; // and when fields or properties are

/** A run with nothing left to do (not an error). */
const DONE = Symbol('done');
/** A backfill whose rule was switched off while it ran. */
const SWITCHED_OFF = Symbol('switched off');

/** The phase to run, or why the run ends: an error message, or DONE. */
async function phaseOf(
  run: BackfillRun,
  phase: RunPhase,
): Promise<Phase | string | typeof DONE | typeof SWITCHED_OFF> {
  if (run.kind === 'cleanup') {
    const { ruleId } = run.payload as CleanupPayload;
    // A clean-up follows a deletion or a rule being switched off; switched on again, its links stay
    // and there is nothing left to clean: the run ends, done.
    if ((await getRule(ruleId))?.enabled) return DONE;
    return {
      jql: `outcomeRule = ${jqlString(ruleId)}`,
      apply: (links) => withRuleLink(links, ruleId, null),
      shrinking: true,
      bulkAbsent: false,
      permitted: everyTicket,
    };
  }
  if (run.kind === 'backfill') {
    const rule = await getRule(run.ruleId);
    if (!rule) return 'The mapping rule was deleted.';
    if (!rule.enabled) return SWITCHED_OFF;
    const outcome = await getOutcome(rule.outcomeId);
    if (!outcome) return 'The rule’s outcome was deleted.';
    let scoped: string;
    try {
      scoped = confinedJql(rule.jql, outcome.projectKeys);
    } catch (error) {
      if (error instanceof UnsafeJqlError) return `The rule’s JQL cannot be applied: ${error.problem}`;
      throw error;
    }
    const link = { outcomeId: rule.outcomeId, kpiIds: rule.kpiIds };
    // A person's removal of the outcome from a ticket wins over the rule.
    const add = (links: LinksProperty) =>
      links.excluded.includes(rule.outcomeId) ? links : withRuleLink(links, rule.id, link);
    if (phase === 'absent')
      return {
        jql: `${scoped} AND outcomeCount IS EMPTY`,
        apply: add,
        shrinking: true,
        bulkAbsent: true,
        permitted: everyTicket,
      };
    if (phase === 'present') {
      // Linked matches the rule has not reached yet; and, once its KPIs changed, also those it has, so
      // the new KPIs reach them. `add` leaves a ticket whose link is already right as it is (no write).
      const payload = run.payload as BackfillPayload;
      const refreshKpis = payload === null || payload.refreshKpis;
      const lacking = `(outcomeRule IS EMPTY OR outcomeRule != ${jqlString(rule.id)})`;
      return {
        jql: refreshKpis
          ? `${scoped} AND outcomeCount IS NOT EMPTY`
          : `${scoped} AND outcomeCount IS NOT EMPTY AND ${lacking}`,
        apply: add,
        // Tickets this phase links leave the "lacking" result: read its first page again while it changes
        // something, so a page token never skips past tickets that moved up.
        shrinking: !refreshKpis,
        bulkAbsent: false,
        permitted: everyTicket,
      };
    }
    return {
      jql: `outcomeRule = ${jqlString(rule.id)} AND NOT (${scoped})`,
      apply: (links) => withRuleLink(links, rule.id, null),
      shrinking: true,
      bulkAbsent: false,
      permitted: everyTicket,
    };
  }
  const payload = run.payload as BulkLinkPayload;
  let jql: string;
  try {
    jql =
      'jql' in payload.target
        ? embedJql(inProject(payload.projectKey), payload.target.jql)
        : `${inProject(payload.projectKey)} AND key in (${payload.target.issueKeys.map(jqlString).join(', ')})`;
  } catch (error) {
    if (error instanceof UnsafeJqlError) return `The JQL cannot be applied: ${error.problem}`;
    throw error;
  }
  const link = (links: LinksProperty) =>
    links.own.some((l) => l.outcomeId === payload.outcomeId)
      ? links
      : putOwnLink(links, {
          outcomeId: payload.outcomeId,
          kpiIds: payload.kpiIds,
          note: '',
          rice: null,
          linkedBy: payload.accountId,
          linkedAt: new Date().toISOString(),
        });
  const permitted = editableBy(payload.accountId);
  return phase === 'absent'
    ? { jql: `${jql} AND outcomeCount IS EMPTY`, apply: link, shrinking: true, bulkAbsent: true, permitted }
    : {
        jql: `${jql} AND outcomeCount IS NOT EMPTY`,
        apply: link,
        shrinking: false,
        bulkAbsent: false,
        permitted,
      };
}

/** Creates a run and queues its first page. */
export async function startRun(
  kind: BackfillRun['kind'],
  ruleId: string,
  startedBy: string | null,
  payload: unknown,
): Promise<BackfillRun> {
  const now = new Date().toISOString();
  const phase = PHASES[kind][0] ?? 'present';
  const run: BackfillRun = {
    id: `run-${randomUUID()}`,
    ruleId,
    startedBy,
    kind,
    status: 'running',
    phase,
    matched: 0,
    changed: 0,
    pages: 0,
    rateLimited: 0,
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
    error: null,
    payload,
    pendingPage: null,
    lastWaitSeconds: null,
  };
  // Counted up front (one call) so progress can say "n of m"; the finish counts again, as the truth.
  if (kind !== 'cleanup') run.matched = await countMatches(run);
  await saveRun(run);
  await enqueue([{ type: 'run', runId: run.id, phase, pageToken: null }]);
  return run;
}

/**
 * One page of a run, then the next page is queued. Idempotent: a page processed twice changes nothing
 * the second time. Tickets without links get theirs with one bulk call (Jira's bulk set by filter,
 * which skips any ticket linked meanwhile); tickets with links are merged one by one under their lock,
 * so nobody's own choice is overwritten. A rate limit that outlasts the client's retries queues the
 * same page again after Jira's Retry-After (or X-RateLimit-Reset): the run resumes where it was,
 * including a bulk page already written whose children had not all inherited (`pendingPage`).
 */
export async function processRunPage(job: RunJob): Promise<void> {
  const run = await getRun(job.runId);
  if (run?.status !== 'running') return;
  const phase = await phaseOf(run, job.phase);
  if (phase === DONE) return finish(run, null);
  if (typeof phase === 'string') return finish(run, phase);
  if (phase === SWITCHED_OFF) {
    await finish(run, 'The mapping rule was switched off.');
    // The clean-up started when it was switched off may have finished before this run's last page wrote
    // its links: one more clean-up takes off whatever that page left.
    const rule = await getRule(run.ruleId);
    if (rule && !rule.enabled) {
      await startRun('cleanup', rule.id, run.startedBy, { ruleId: rule.id, outcomeId: rule.outcomeId });
    }
    return;
  }
  // The run as last saved: a rate limit must not lose progress recorded within the page.
  let latest = run;
  const save = async (next: BackfillRun) => {
    latest = { ...next, updatedAt: new Date().toISOString() };
    await saveRun(latest);
  };
  try {
    const result = phase.bulkAbsent
      ? await bulkPage(run, phase, job, save)
      : await mergePage(phase, job.pageToken);
    const next = {
      ...latest,
      pendingPage: null,
      changed: latest.changed + result.changed,
      pages: latest.pages + 1,
    };
    // A shrinking phase reads the same page while it changes something; past it only once it did not.
    const token = phase.shrinking && result.changed > 0 ? job.pageToken : result.nextPageToken;
    const more = phase.shrinking ? result.changed > 0 || token !== null : token !== null;
    if (more) {
      await save(next);
      const { bulkWritten: _before, ...rest } = job;
      const again = token === job.pageToken && result.bulkWritten.length > 0;
      await enqueue([{ ...rest, pageToken: token, ...(again ? { bulkWritten: result.bulkWritten } : {}) }]);
      return;
    }
    const following = PHASES[run.kind][PHASES[run.kind].indexOf(job.phase) + 1];
    if (!following) return finish({ ...next, matched: await countMatches(run) }, null);
    await save({ ...next, phase: following });
    await enqueue([{ type: 'run', runId: run.id, phase: following, pageToken: null }]);
  } catch (error) {
    if (error instanceof JiraHttpError && error.status === 429) {
      // Jira's own wait when it said one (a missing header is null, not 0), else a short default.
      const wait = Math.max(1, Math.min(error.retryAfterSeconds ?? 5, 900));
      await save({ ...latest, rateLimited: latest.rateLimited + 1, lastWaitSeconds: wait });
      await enqueue([job], wait);
      return;
    }
    if (error instanceof AppError && error.code === 'CONFLICT') {
      // A ticket of the page is being changed by someone else right now (its lock is busy; locks free
      // themselves within seconds): the page is tried again shortly rather than failing the whole run.
      await enqueue([job], BUSY_RETRY_SECONDS);
      return;
    }
    await finish(latest, error instanceof Error ? error.message : String(error));
  }
}

interface PageResult {
  visited: number;
  changed: number;
  nextPageToken: string | null;
  /** The tickets given links with one bulk call (Jira skips those that hold a links property already). */
  bulkWritten: string[];
}

/**
 * Links a page of tickets that have none with one bulk call, then passes the links to their children.
 * The page is recorded in the run before the call and marked written after it, so a rate limit at any
 * step resumes this page (the search would no longer find tickets that now have links), and the page
 * counts once it is complete.
 */
async function bulkPage(
  run: BackfillRun,
  phase: Phase,
  job: RunJob,
  save: (run: BackfillRun) => Promise<void>,
): Promise<PageResult> {
  const fresh = phase.apply(emptyLinks());
  let pending: PendingPage | null = run.pendingPage;
  let current = run;
  if (!pending) {
    const page = await searchPage('app', phase.jql, { fields: ['key'], pageSize: IDS_PAGE }, job.pageToken);
    const allowed = await phase.permitted(page.issues.map((i) => i.id));
    const written = new Set(job.bulkWritten ?? []);
    const issues = page.issues.filter((i) => allowed.has(i.id) && !written.has(i.id));
    // Found again without links right after the bulk call gave them theirs: the search lags, or the
    // ticket holds a links property nobody's link counts in (anyone who may edit it can write one
    // through REST), which the bulk call skips. Each is merged under its lock, which writes only what
    // is missing; left to the bulk call, the run would read the same page for ever.
    let merged = 0;
    for (const issue of page.issues.filter((i) => allowed.has(i.id) && written.has(i.id))) {
      const { before, after } = await updateLinks(issue, 'app', (links) => phase.apply(links));
      if (after !== before) merged++;
      await propagateIfChanged(issue.key, before, after);
    }
    if (issues.length === 0)
      return {
        visited: page.issues.length,
        changed: merged,
        nextPageToken: page.nextPageToken,
        bulkWritten: [],
      };
    pending = { issueIds: issues.map((i) => i.id), issueKeys: issues.map((i) => i.key), written: false };
    current = { ...current, pendingPage: pending };
    await save(current);
  }
  if (!pending.written) {
    // Again after a rate limit in the call or its task: tickets already given links are skipped by Jira.
    await setLinksWhereAbsent(pending.issueIds, fresh);
    pending = { ...pending, written: true };
    await save({ ...current, pendingPage: pending });
  }
  await inheritToChildren(pending.issueKeys, fresh);
  return {
    visited: pending.issueIds.length,
    changed: pending.issueIds.length,
    nextPageToken: null,
    bulkWritten: pending.issueIds,
  };
}

async function mergePage(phase: Phase, pageToken: string | null): Promise<PageResult> {
  const page = await searchPage(
    'app',
    phase.jql,
    { fields: ['parent'], properties: [LINKS_PROPERTY_KEY], pageSize: PROPERTIES_PAGE },
    pageToken,
  );
  const allowed = await phase.permitted(page.issues.map((i) => i.id));
  let changed = 0;
  for (const issue of page.issues) {
    if (!allowed.has(issue.id)) continue;
    const links = readLinks(issue.properties?.[LINKS_PROPERTY_KEY]);
    if (phase.apply(links) === links) continue;
    const { before, after } = await updateLinks(issue, 'app', (current) => phase.apply(current));
    if (after !== before) changed++;
    await propagateIfChanged(issue.key, before, after);
  }
  return { visited: page.issues.length, changed, nextPageToken: page.nextPageToken, bulkWritten: [] };
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

/** How many tickets the run is about, counted once at the end (one call, whatever the size). */
async function countMatches(run: BackfillRun): Promise<number> {
  if (run.kind === 'cleanup') return run.changed;
  const phase = await phaseOf(run, 'absent');
  if (phase === DONE || phase === SWITCHED_OFF || typeof phase === 'string') return run.changed;
  return countIssues('app', phase.jql.replace(/ AND outcomeCount IS EMPTY$/, ''));
}

async function finish(run: BackfillRun, error: string | null) {
  const now = new Date().toISOString();
  await saveRun({ ...run, status: error ? 'failed' : 'done', error, finishedAt: now, updatedAt: now });
  if (!error && run.kind === 'backfill') await markKpisApplied(run);
  // Bulk writes skip the per-ticket rollup updates; one recompute of the outcome counts them all.
  const outcomeId = await outcomeOfRun(run);
  if (outcomeId && run.changed > 0) await startReconcile([outcomeId], 'recount');
}

/** A backfill that read the rule's tickets for its KPIs has brought them all up to date. */
async function markKpisApplied(run: BackfillRun) {
  const payload = run.payload as BackfillPayload;
  if (payload === null || !payload.refreshKpis) return;
  const rule = await getRule(run.ruleId);
  // KPIs changed again while the run went: the next backfill must read the tickets again.
  if (!rule?.kpisPending || !sameKpis(rule.kpiIds, payload.kpiIds)) return;
  await saveRule({ ...rule, kpisPending: false }, rule.version).catch((error: unknown) => {
    // Someone saved the rule this instant; it stays pending, which costs the next backfill a read.
    if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
  });
}

async function outcomeOfRun(run: BackfillRun): Promise<string | null> {
  if (run.kind === 'cleanup') return (run.payload as CleanupPayload).outcomeId;
  if (run.kind === 'bulk-link') return (run.payload as BulkLinkPayload).outcomeId;
  return (await getRule(run.ruleId))?.outcomeId ?? null;
}
