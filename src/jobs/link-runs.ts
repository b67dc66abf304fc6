import { randomUUID } from 'node:crypto';
import { jqlString } from '../domain/jql';
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
import { scopedRuleJql } from '../domain/mapping-rule';
import { JiraHttpError } from '../platform/jira/client';
import { countIssues, searchPage } from '../platform/jira/issues';
import { setLinksWhereAbsent, updateLinks } from '../platform/jira/links-store';
import { enqueue, type LinksJob, type RunPhase } from '../platform/queue';
import { getOutcome } from '../platform/storage/outcome-repository';
import { type BackfillRun, getRule, getRun, saveRun } from '../platform/storage/rule-repository';
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
   * `shrinking`: every visited ticket leaves the result once changed, so the phase always reads the
   * first page until it is empty (page tokens would skip over a set that shrinks). Otherwise pages
   * are followed with Jira's nextPageToken.
   */
  shrinking: boolean;
  /** Tickets without links get theirs in one bulk call instead of one write each. */
  bulkAbsent: boolean;
}

/** The phases of each kind of run, in order. */
const PHASES: Record<BackfillRun['kind'], RunPhase[]> = {
  backfill: ['absent', 'present', 'stale'],
  'bulk-link': ['absent', 'present'],
  cleanup: ['stale'],
};

const IDS_PAGE = 5000; // Jira's largest page when only ids are asked for
const PROPERTIES_PAGE = 100; // and when fields or properties are

async function phaseOf(run: BackfillRun, phase: RunPhase): Promise<Phase | string> {
  if (run.kind === 'cleanup') {
    const { ruleId } = run.payload as CleanupPayload;
    return {
      jql: `outcomeRule = ${jqlString(ruleId)}`,
      apply: (links) => withRuleLink(links, ruleId, null),
      shrinking: true,
      bulkAbsent: false,
    };
  }
  if (run.kind === 'backfill') {
    const rule = await getRule(run.ruleId);
    if (!rule) return 'The mapping rule was deleted.';
    const outcome = await getOutcome(rule.outcomeId);
    if (!outcome) return 'The rule’s outcome was deleted.';
    const scoped = scopedRuleJql(rule, outcome.projectKeys);
    const link = { outcomeId: rule.outcomeId, kpiIds: rule.kpiIds };
    // A person's removal of the outcome from a ticket wins over the rule.
    const add = (links: LinksProperty) =>
      links.excluded.includes(rule.outcomeId) ? links : withRuleLink(links, rule.id, link);
    if (phase === 'absent')
      return { jql: `${scoped} AND outcomeCount IS EMPTY`, apply: add, shrinking: true, bulkAbsent: true };
    if (phase === 'present') {
      // Only linked tickets that lack this rule's link: the tickets 'absent' just linked are not read again.
      const lacking = `(outcomeRule IS EMPTY OR outcomeRule != ${jqlString(rule.id)})`;
      return {
        jql: `${scoped} AND outcomeCount IS NOT EMPTY AND ${lacking}`,
        apply: add,
        shrinking: false,
        bulkAbsent: false,
      };
    }
    return {
      jql: `outcomeRule = ${jqlString(rule.id)} AND NOT (${scoped})`,
      apply: (links) => withRuleLink(links, rule.id, null),
      shrinking: true,
      bulkAbsent: false,
    };
  }
  const payload = run.payload as BulkLinkPayload;
  const scope =
    'jql' in payload.target
      ? `(${payload.target.jql})`
      : `key in (${payload.target.issueKeys.map(jqlString).join(', ')})`;
  const jql = `project = ${jqlString(payload.projectKey)} AND ${scope}`;
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
  return phase === 'absent'
    ? { jql: `${jql} AND outcomeCount IS EMPTY`, apply: link, shrinking: true, bulkAbsent: true }
    : { jql: `${jql} AND outcomeCount IS NOT EMPTY`, apply: link, shrinking: false, bulkAbsent: false };
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
 * same page again after Jira's Retry-After: the run resumes where it was.
 */
export async function processRunPage(job: RunJob): Promise<void> {
  const run = await getRun(job.runId);
  if (run?.status !== 'running') return;
  const phase = await phaseOf(run, job.phase);
  if (typeof phase === 'string') return finish(run, phase);
  try {
    const result = phase.bulkAbsent
      ? await bulkPage(phase)
      : await mergePage(phase, phase.shrinking ? null : job.pageToken);
    const next = {
      ...run,
      changed: run.changed + result.changed,
      pages: run.pages + 1,
    };
    const more = phase.shrinking ? result.visited > 0 && result.changed > 0 : result.nextPageToken !== null;
    if (more) {
      await saveRun({ ...next, updatedAt: new Date().toISOString() });
      await enqueue([{ ...job, pageToken: phase.shrinking ? null : result.nextPageToken }]);
      return;
    }
    const following = PHASES[run.kind][PHASES[run.kind].indexOf(job.phase) + 1];
    if (!following) return finish({ ...next, matched: await countMatches(run) }, null);
    await saveRun({ ...next, phase: following, updatedAt: new Date().toISOString() });
    await enqueue([{ type: 'run', runId: run.id, phase: following, pageToken: null }]);
  } catch (error) {
    if (error instanceof JiraHttpError && error.status === 429) {
      await saveRun({ ...run, rateLimited: run.rateLimited + 1, updatedAt: new Date().toISOString() });
      await enqueue([job], Math.max(1, Math.min(error.retryAfterSeconds ?? 5, 900)));
      return;
    }
    await finish(run, error instanceof Error ? error.message : String(error));
  }
}

interface PageResult {
  visited: number;
  changed: number;
  nextPageToken: string | null;
}

async function bulkPage(phase: Phase): Promise<PageResult> {
  const page = await searchPage('app', phase.jql, { fields: ['key'], pageSize: IDS_PAGE }, null);
  if (page.issues.length === 0) return { visited: 0, changed: 0, nextPageToken: null };
  const fresh = phase.apply(emptyLinks());
  await setLinksWhereAbsent(
    page.issues.map((i) => i.id),
    fresh,
  );
  await inheritToChildren(
    page.issues.map((i) => i.key),
    fresh,
  );
  return { visited: page.issues.length, changed: page.issues.length, nextPageToken: null };
}

async function mergePage(phase: Phase, pageToken: string | null): Promise<PageResult> {
  const page = await searchPage(
    'app',
    phase.jql,
    { fields: ['parent'], properties: [LINKS_PROPERTY_KEY], pageSize: PROPERTIES_PAGE },
    pageToken,
  );
  let changed = 0;
  for (const issue of page.issues) {
    const links = readLinks(issue.properties?.[LINKS_PROPERTY_KEY]);
    if (phase.apply(links) === links) continue;
    const { before, after } = await updateLinks(issue, 'app', (current) => phase.apply(current));
    if (after !== before) changed++;
    await propagateIfChanged(issue.key, before, after);
  }
  return { visited: page.issues.length, changed, nextPageToken: page.nextPageToken };
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
  if (typeof phase === 'string') return run.changed;
  return countIssues('app', phase.jql.replace(/ AND outcomeCount IS EMPTY$/, ''));
}

async function finish(run: BackfillRun, error: string | null) {
  const now = new Date().toISOString();
  await saveRun({ ...run, status: error ? 'failed' : 'done', error, finishedAt: now, updatedAt: now });
  // Bulk writes skip the per-ticket rollup updates; one recompute of the outcome counts them all.
  const outcomeId = await outcomeOfRun(run);
  if (outcomeId && run.changed > 0) await startReconcile([outcomeId], 'recount');
}

async function outcomeOfRun(run: BackfillRun): Promise<string | null> {
  if (run.kind === 'cleanup') return (run.payload as CleanupPayload).outcomeId;
  if (run.kind === 'bulk-link') return (run.payload as BulkLinkPayload).outcomeId;
  return (await getRule(run.ruleId))?.outcomeId ?? null;
}
