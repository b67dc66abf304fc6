import type { RUN_PHASES, RUN_STATUSES } from '../contract/limits';
import { howToGrant } from './app-reach';
import { deferral } from './backoff';
import { inProject, jqlString, linkedByRule, notLinkedByRule, withLinks, withoutLinks } from './jql';
import { confinedJql, embedJql, UnsafeJqlError } from './jql-syntax';
import { type LinksProperty, putOwnLink, withRuleLink } from './links';
import type { MappingRule } from './mapping-rule';
import type { Outcome } from './outcome';

/** The phases of a run over many tickets: unlinked ones first, then linked ones, then stale rule links. */
export type RunPhase = (typeof RUN_PHASES)[number];

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
 * (its KPIs changed since they last reached every ticket).
 */
export interface BackfillPayload {
  kpiIds: string[];
  refreshKpis: boolean;
}

/**
 * What a rule clean-up carries: the rule is gone by the time it runs. `recent`: tickets a backfill of the
 * rule wrote just before it ended, which Jira's search (lagging behind writes) may not show yet.
 */
export interface CleanupPayload {
  ruleId: string;
  outcomeId: string;
  recent?: string[];
}

/** The kinds of run, each with what it carries. */
export type RunKind =
  | { kind: 'backfill'; payload: BackfillPayload }
  | { kind: 'bulk-link'; payload: BulkLinkPayload }
  | { kind: 'cleanup'; payload: CleanupPayload };

export type PayloadOf<K extends RunKind['kind']> = Extract<RunKind, { kind: K }>['payload'];

export interface PendingPage {
  issueIds: string[];
  issueKeys: string[];
  /** Jira confirmed the bulk write (its task completed); only the children's step is left. */
  written: boolean;
}

/** A run's progress, shown on the admin and project pages while it runs. */
export type LinkRun = RunKind & {
  id: string;
  ruleId: string;
  /** Who started it: their account id, or null for the app. */
  startedBy: string | null;
  status: (typeof RUN_STATUSES)[number];
  phase: RunPhase;
  /** Tickets the run's JQL matches (counted up front, and again at the finish). */
  matched: number;
  /** `matched` is Jira's estimate (too many tickets to count one by one): said as "about". */
  matchedEstimated: boolean;
  /** Tickets whose links the run changed. */
  changed: number;
  pages: number;
  /** Times Jira's rate limit outlasted the client's retries and the page was queued again later. */
  rateLimited: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  error: string | null;
  /**
   * A page of tickets given links by one bulk call whose children have not all inherited yet. Recorded
   * before the call, so a rate limit in the call, its task or the children's step resumes this page:
   * the search would no longer find these tickets once they have links.
   */
  pendingPage: PendingPage | null;
  /** The wait Jira last asked for (seconds), when its rate limit outlasted the client's retries. */
  lastWaitSeconds: number | null;
};

/** Tickets of the scope that have no links at all, and those that have some. */
const unlinked = (scope: string) => `${scope} AND ${withoutLinks}`;
const linked = (scope: string) => `${scope} AND ${withLinks}`;

/** The phases of each kind of run, in order. */
export const PHASES: Record<RunKind['kind'], readonly [RunPhase, ...RunPhase[]]> = {
  backfill: ['absent', 'present', 'stale'],
  'bulk-link': ['absent', 'present'],
  cleanup: ['stale'],
};

/** A run as it starts, at its kind's first phase, with nothing done yet. */
export const newRun = (
  what: RunKind,
  id: string,
  ruleId: string,
  startedBy: string | null,
  now: Date,
): LinkRun => ({
  ...what,
  id,
  ruleId,
  startedBy,
  status: 'running',
  phase: PHASES[what.kind][0],
  matched: 0,
  matchedEstimated: false,
  changed: 0,
  pages: 0,
  rateLimited: 0,
  startedAt: now.toISOString(),
  updatedAt: now.toISOString(),
  finishedAt: null,
  error: null,
  pendingPage: null,
  lastWaitSeconds: null,
});

/** A queue event asking for one page of a run. */
export type RunJob = {
  type: 'run';
  runId: string;
  phase: RunPhase;
  pageToken: string | null;
  /** Tickets the page before wrote, when this job reads the same page again. */
  written?: string[];
  /** Since when the page has been read again waiting for Jira's search to show the run's changes. */
  lagSince?: string;
  /** Jira rate-limited the page until then (see `deferral`). */
  notBefore?: string;
};

/** What one phase of a run does, decided from the run and the rule and outcome as they are now. */
export interface PhasePlan {
  /** Every ticket the run is about, whatever its links: what its matches are counted by. */
  scope: string;
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
  /** Tickets to visit besides the search's, by id: those written just now, which it may not show yet. */
  recent: readonly string[];
  /**
   * Whose permissions limit the tickets the run may change: a bulk link acts for a person, so only
   * tickets that person may see and edit (issue security included) are linked. Null: the app's own run.
   */
  actsFor: string | null;
}

/** Why a run ends before its phase: nothing left to do, a reason it cannot go on, or its rule switched off. */
export type RunEnd = { end: 'done' } | { end: 'failed'; error: string } | { end: 'switched-off' };

/** The rule and outcome a run reads before each page (null: gone, or not the run's concern). */
export interface RunContext {
  rule: MappingRule | null;
  outcome: Pick<Outcome, 'projectKeys'> | null;
}

const unsafe = (prefix: string, run: () => string): string | RunEnd => {
  try {
    return run();
  } catch (error) {
    if (error instanceof UnsafeJqlError) return { end: 'failed', error: `${prefix}: ${error.problem}` };
    throw error;
  }
};

/** The plan of one phase of a run, or why the run ends. */
export function phasePlan(run: LinkRun, phase: RunPhase, context: RunContext, now: Date): PhasePlan | RunEnd {
  const everyTicket = { actsFor: null, bulkAbsent: false, recent: [] };
  if (run.kind === 'cleanup') {
    const { ruleId } = run.payload;
    // A clean-up follows a deletion or a rule being switched off; switched on again, its links stay
    // and there is nothing left to clean: the run ends, done.
    if (context.rule?.enabled) return { end: 'done' };
    const scope = linkedByRule(ruleId);
    return {
      ...everyTicket,
      recent: run.payload.recent ?? [],
      scope,
      jql: scope,
      apply: (links) => withRuleLink(links, ruleId, null),
      shrinking: true,
    };
  }
  if (run.kind === 'backfill') {
    const { rule, outcome } = context;
    if (!rule) return { end: 'failed', error: 'The mapping rule was deleted.' };
    if (!rule.enabled) return { end: 'switched-off' };
    if (!outcome) return { end: 'failed', error: 'The rule’s outcome was deleted.' };
    if (outcome.projectKeys.length === 0)
      return {
        end: 'failed',
        error: `Outcome Bridge cannot see any of the outcome’s projects, so the rule links nothing. ${howToGrant([])}`,
      };
    const scope = unsafe('The rule’s JQL cannot be applied', () =>
      confinedJql(rule.jql, outcome.projectKeys),
    );
    if (typeof scope !== 'string') return scope;
    const link = { outcomeId: rule.outcomeId, kpiIds: rule.kpiIds };
    // A person's removal of the outcome from a ticket wins over the rule.
    const add = (links: LinksProperty) =>
      links.excluded.includes(rule.outcomeId) ? links : withRuleLink(links, rule.id, link);
    if (phase === 'absent')
      return { ...everyTicket, scope, jql: unlinked(scope), apply: add, shrinking: true, bulkAbsent: true };
    if (phase === 'present') {
      // Linked matches the rule has not reached yet; and, once its KPIs changed, also those it has, so
      // the new KPIs reach them. `add` leaves a ticket whose link is already right as it is (no write).
      const { refreshKpis } = run.payload;
      return {
        ...everyTicket,
        scope,
        jql: refreshKpis ? linked(scope) : `${linked(scope)} AND ${notLinkedByRule(rule.id)}`,
        apply: add,
        // Tickets this phase links leave the "lacking" result: read its first page again while it changes
        // something, so a page token never skips past tickets that moved up.
        shrinking: !refreshKpis,
      };
    }
    return {
      ...everyTicket,
      scope,
      jql: `${linkedByRule(rule.id)} AND NOT (${scope})`,
      apply: (links) => withRuleLink(links, rule.id, null),
      shrinking: true,
    };
  }
  const { payload } = run;
  const inThisProject = inProject(payload.projectKey);
  const scope = unsafe('The JQL cannot be applied', () =>
    'jql' in payload.target
      ? embedJql(inThisProject, payload.target.jql)
      : `${inThisProject} AND key in (${payload.target.issueKeys.map(jqlString).join(', ')})`,
  );
  if (typeof scope !== 'string') return scope;
  const link = (links: LinksProperty) =>
    links.own.some((l) => l.outcomeId === payload.outcomeId)
      ? links
      : putOwnLink(links, {
          outcomeId: payload.outcomeId,
          kpiIds: payload.kpiIds,
          note: '',
          rice: null,
          linkedBy: payload.accountId,
          linkedAt: now.toISOString(),
        });
  const plan = { scope, apply: link, actsFor: payload.accountId, recent: [] };
  return phase === 'absent'
    ? { ...plan, jql: unlinked(scope), shrinking: true, bulkAbsent: true }
    : { ...plan, jql: linked(scope), shrinking: false, bulkAbsent: false };
}

/** The tickets of a page the phase must write: those it may change whose links it would change. */
export const ticketsToChange = <T extends { id: string; links: LinksProperty }>(
  plan: PhasePlan,
  issues: readonly T[],
  allowed: ReadonlySet<string>,
): T[] => issues.filter((issue) => allowed.has(issue.id) && plan.apply(issue.links) !== issue.links);

/** What reading and writing one page came to. */
export type PageOutcome =
  /**
   * The page was done: how many tickets it changed, Jira's token for the page after it, and how many of
   * the tickets the search showed had left its result already (read as Jira has them now): the search
   * lags behind writes (the run's own, or anyone's), and will drop them later.
   */
  | { type: 'page'; changed: number; nextPageToken: string | null; stale: number; written: string[] }
  /**
   * Jira's rate limit outlasted the client's retries (with its wait, when it said one), or a ticket of the
   * page is being changed by someone else right now (its lock is busy). `changed`: tickets the page changed
   * before that, which the page read again will not change a second time.
   */
  | { type: 'rate-limited'; retryAfterSeconds: number | null; changed: number }
  | { type: 'busy'; changed: number }
  | { type: 'failed'; error: string };

/** What the executor does after a page: save the run, queue pages, or finish it. */
export interface StepResult {
  /** The run to save, or null to leave it as saved. */
  save: LinkRun | null;
  enqueue: { job: RunJob; delaySeconds: number }[];
  /** The run ends; a run that succeeded has its matches counted once more, as the truth. */
  done: { run: LinkRun; error: string | null } | null;
}

/** How long a page waits before it is tried again when one of its tickets is locked by another change. */
export const BUSY_RETRY_SECONDS = 10;

/** How long a shrinking page waits for Jira's search to catch up before it is read again. */
export const SEARCH_LAG_RETRY_SECONDS = 5;
/**
 * How long a run waits in all for the search to show its changes: "a few seconds to minutes"
 * (developer.atlassian.com/cloud/jira/platform/search-and-reconcile/). Past it the run fails, saying so.
 */
export const SEARCH_LAG_LIMIT_MS = 15 * 60_000;

/**
 * The decision after one page, from the run as last saved: a shrinking phase reads the same page while it
 * changes something and moves past it only once it did not; other phases follow Jira's page token; the
 * last page of a phase starts the next phase, and the last phase finishes the run. A rate limit queues the
 * same page again after Jira's wait (bounded to 1–900 s, 5 s when Jira said none) and a busy ticket after
 * a short one, neither losing progress.
 */
export function step(
  run: LinkRun,
  job: RunJob,
  plan: PhasePlan,
  outcome: PageOutcome,
  now: Date,
): StepResult {
  const stamped = (next: LinkRun): LinkRun => ({ ...next, updatedAt: now.toISOString() });
  switch (outcome.type) {
    case 'busy':
      return {
        save: outcome.changed > 0 ? stamped({ ...run, changed: run.changed + outcome.changed }) : null,
        enqueue: [{ job, delaySeconds: BUSY_RETRY_SECONDS }],
        done: null,
      };
    case 'failed':
      return { save: null, enqueue: [], done: { run, error: outcome.error } };
    case 'rate-limited': {
      // All Jira asked for: an hourly quota may ask for more than one queue delay, so the job carries when.
      const { notBefore, delaySeconds } = deferral(now, outcome.retryAfterSeconds);
      return {
        save: stamped({
          ...run,
          changed: run.changed + outcome.changed,
          rateLimited: run.rateLimited + 1,
          lastWaitSeconds: Math.round((Date.parse(notBefore) - now.getTime()) / 1000),
        }),
        enqueue: [{ job: { ...job, notBefore }, delaySeconds }],
        done: null,
      };
    }
    case 'page': {
      const next = {
        ...run,
        pendingPage: null,
        changed: run.changed + outcome.changed,
        pages: run.pages + 1,
      };
      const again = plan.shrinking && outcome.changed > 0;
      const { lagSince: _since, notBefore: _due, ...fresh } = job;
      if (plan.shrinking && !again && outcome.stale > 0) {
        // Tickets that left the result still lead it: a token past them would skip as many tickets once the
        // search catches up. The page is read again once it has, however many times that takes.
        const since = job.lagSince ?? now.toISOString();
        if (now.getTime() - Date.parse(since) > SEARCH_LAG_LIMIT_MS) {
          const error = 'Jira’s search did not show the run’s changes in time. Run it again to finish.';
          return { save: null, enqueue: [], done: { run: next, error } };
        }
        return {
          save: stamped(next),
          enqueue: [{ job: { ...fresh, lagSince: since }, delaySeconds: SEARCH_LAG_RETRY_SECONDS }],
          done: null,
        };
      }
      const token = again ? job.pageToken : outcome.nextPageToken;
      if (again || token !== null) {
        const { written: _written, ...rest } = fresh;
        return {
          save: stamped(next),
          enqueue: [
            {
              job: { ...rest, pageToken: token, ...(again ? { written: outcome.written } : {}) },
              delaySeconds: 0,
            },
          ],
          done: null,
        };
      }
      const phases = PHASES[run.kind];
      const following = phases[phases.indexOf(job.phase) + 1];
      if (!following) return { save: null, enqueue: [], done: { run: next, error: null } };
      return {
        save: stamped({ ...next, phase: following }),
        enqueue: [
          { job: { type: 'run', runId: run.id, phase: following, pageToken: null }, delaySeconds: 0 },
        ],
        done: null,
      };
    }
  }
}

/** The run as it ends. */
export const finished = (run: LinkRun, error: string | null, now: Date): LinkRun => ({
  ...run,
  status: error ? 'failed' : 'done',
  error,
  finishedAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

/** The outcome whose rollup a run's changes move (a backfill's is its rule's). */
export const outcomeOfRun = (run: LinkRun, rule: MappingRule | null): string | null =>
  run.kind === 'backfill' ? (rule?.outcomeId ?? null) : run.payload.outcomeId;
