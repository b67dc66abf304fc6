import {
  finished,
  type LinkRun,
  type PageOutcome,
  type PhasePlan,
  phasePlan,
  type RunContext,
  type RunEnd,
  type RunJob,
  type RunKind,
  step,
  ticketsToChange,
} from '../domain/link-run';
import { emptyLinks, type LinksProperty } from '../domain/links';

/** A ticket of a page, with its links as the search read them. */
export interface PageTicket {
  id: string;
  key: string;
  links: LinksProperty;
}

/**
 * Everything a run reads and writes. The executor below is the only code that calls it, so tests can run
 * the executor and the pure step against a store of their own, with any interleaving of failures.
 */
export interface RunPort {
  getRun(id: string): Promise<LinkRun | null>;
  saveRun(run: LinkRun): Promise<void>;
  context(run: LinkRun): Promise<RunContext>;
  /** A page of ticket ids and keys (bulk phases), or of tickets with their links. */
  searchIds(
    jql: string,
    pageToken: string | null,
  ): Promise<{ issues: { id: string; key: string }[]; nextPageToken: string | null }>;
  searchLinks(
    jql: string,
    pageToken: string | null,
  ): Promise<{ issues: PageTicket[]; nextPageToken: string | null }>;
  /** Which of the tickets the run may change. */
  permitted(actsFor: string | null, issueIds: string[]): Promise<Set<string>>;
  setLinksWhereAbsent(issueIds: string[], links: LinksProperty): Promise<void>;
  /** One ticket's links changed under its lock, and what follows from a change (children, rollups). */
  updateLinks(
    issue: { id: string; key: string },
    change: (links: LinksProperty) => LinksProperty,
  ): Promise<{ changed: boolean }>;
  /** Tickets just given links by the bulk call pass them on to their children. */
  inheritToChildren(parentKeys: string[], parentLinks: LinksProperty): Promise<void>;
  /**
   * The listed tickets that the JQL matches as Jira has them now, with their links and whether they have
   * a links property at all: read after any write, which the search alone may not show yet.
   */
  readNow(jql: string, issueIds: string[]): Promise<(PageTicket & { hasLinks: boolean })[]>;
  /** How many tickets a JQL matches, and whether that is Jira's estimate. */
  countIssues(jql: string): Promise<{ value: number; estimated: boolean }>;
  enqueue(job: RunJob, delaySeconds: number): Promise<void>;
  /** A run ended: what follows from it (the rule's KPIs marked applied, a recount of the outcome). */
  afterFinish(run: LinkRun): Promise<void>;
  /** What a failure while reading or writing a page means for the run; null: the run fails with it. */
  pageFailure(
    error: unknown,
  ): { type: 'rate-limited'; retryAfterSeconds: number | null } | { type: 'busy' } | null;
  /** The app starts a clean-up of a rule switched off while its backfill ran. */
  startRun(what: RunKind, ruleId: string, startedBy: string | null): Promise<LinkRun>;
}

const isEnd = (plan: PhasePlan | RunEnd): plan is RunEnd => 'end' in plan;

/**
 * One page of a run, then the next page is queued. Idempotent: a page processed twice changes nothing
 * the second time. Tickets without links get theirs with one bulk call (Jira's bulk set by filter,
 * which skips any ticket linked meanwhile); tickets with links are merged one by one under their lock,
 * so nobody's own choice is overwritten. A rate limit that outlasts the client's retries queues the
 * same page again after Jira's Retry-After (or X-RateLimit-Reset): the run resumes where it was,
 * including a bulk page already written whose children had not all inherited (`pendingPage`).
 */
export async function runPage(job: RunJob, port: RunPort, now: Date): Promise<void> {
  const run = await port.getRun(job.runId);
  if (run?.status !== 'running') return;
  const plan = phasePlan(run, job.phase, await port.context(run), now);
  if (isEnd(plan)) {
    if (plan.end === 'switched-off') {
      await finish(port, run, 'The mapping rule was switched off.', now);
      // The clean-up started when it was switched off may have finished before this run's last page wrote
      // its links: one more clean-up takes off whatever that page left.
      const { rule } = await port.context(run);
      if (rule && !rule.enabled) {
        await port.startRun(
          {
            kind: 'cleanup',
            payload: { ruleId: rule.id, outcomeId: rule.outcomeId, recent: job.written ?? [] },
          },
          rule.id,
          run.startedBy,
        );
      }
      return;
    }
    return finish(port, run, plan.end === 'failed' ? plan.error : null, now);
  }
  // The run as last saved: a rate limit must not lose progress recorded within the page.
  let latest = run;
  const save = async (next: LinkRun) => {
    latest = { ...next, updatedAt: now.toISOString() };
    await port.saveRun(latest);
  };
  // Tickets changed one by one so far: counted even if the page is interrupted after them.
  const progress = { changed: 0, written: [] as string[] };
  let outcome: PageOutcome;
  try {
    outcome = plan.bulkAbsent
      ? await bulkPage(port, latest, plan, job, save, progress)
      : await mergePage(port, plan, job.pageToken, progress);
  } catch (error) {
    const failure = port.pageFailure(error);
    outcome = failure
      ? { ...failure, changed: progress.changed }
      : { type: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
  const result = step(latest, job, plan, outcome, now);
  if (result.save) await port.saveRun(result.save);
  for (const { job: next, delaySeconds } of result.enqueue) await port.enqueue(next, delaySeconds);
  if (result.done) {
    const { run: ended, error } = result.done;
    // Counted again at the finish, as the truth; a clean-up's matches are the tickets it changed.
    const matched =
      error || ended.kind === 'cleanup'
        ? { value: ended.matched, estimated: ended.matchedEstimated }
        : await port.countIssues(plan.scope);
    const counted =
      ended.kind === 'cleanup'
        ? { matched: ended.changed, matchedEstimated: false }
        : { matched: matched.value, matchedEstimated: matched.estimated };
    await finish(port, { ...ended, ...counted }, error, now);
  }
}

/**
 * Links a page of tickets that have none with one bulk call, then passes the links to their children.
 * The page is recorded in the run before the call and marked written after it, so a rate limit at any
 * step resumes this page (the search would no longer find tickets that now have links), and the page
 * counts once it is complete.
 */
async function bulkPage(
  port: RunPort,
  run: LinkRun,
  plan: PhasePlan,
  job: RunJob,
  save: (run: LinkRun) => Promise<void>,
  progress: { changed: number; written: string[] },
): Promise<PageOutcome> {
  const fresh = plan.apply(emptyLinks());
  let pending = run.pendingPage;
  let current = run;
  if (!pending) {
    const page = await port.searchIds(plan.jql, job.pageToken);
    const allowed = await port.permitted(
      plan.actsFor,
      page.issues.map((i) => i.id),
    );
    // Jira's search lags behind writes: a ticket it shows without links may have some by now (the bulk
    // call before this one gave them, or a person did). The page is read again as Jira has it now; only
    // tickets still without a links property go to the bulk call and count as changed by it, the others
    // are merged one by one under their lock, which writes only what is missing.
    const tickets = await port.readNow(
      plan.scope,
      page.issues.filter((i) => allowed.has(i.id)).map((i) => i.id),
    );
    await mergeEach(
      port,
      plan,
      ticketsToChange(
        plan,
        tickets.filter((t) => t.hasLinks),
        allowed,
      ),
      progress,
    );
    const bare = tickets.filter((t) => !t.hasLinks);
    if (bare.length === 0) {
      const stale = page.issues.length - unchangeable(page.issues, allowed);
      return pageDone(progress, page.nextPageToken, stale);
    }
    pending = { issueIds: bare.map((i) => i.id), issueKeys: bare.map((i) => i.key), written: false };
    current = { ...current, pendingPage: pending };
    await save(current);
  }
  if (!pending.written) {
    // Again after a rate limit in the call or its task: tickets already given links are skipped by Jira.
    await port.setLinksWhereAbsent(pending.issueIds, fresh);
    pending = { ...pending, written: true };
    await save({ ...current, pendingPage: pending });
  }
  await port.inheritToChildren(pending.issueKeys, fresh);
  return {
    type: 'page',
    changed: pending.issueIds.length + progress.changed,
    nextPageToken: null,
    stale: 0,
    written: [...progress.written, ...pending.issueIds],
  };
}

async function mergePage(
  port: RunPort,
  plan: PhasePlan,
  pageToken: string | null,
  progress: { changed: number; written: string[] },
): Promise<PageOutcome> {
  const page = await port.searchLinks(plan.jql, pageToken);
  const allowed = await port.permitted(
    plan.actsFor,
    page.issues.map((i) => i.id),
  );
  // The search may show links from before a write seconds ago, or tickets that left the result: the
  // tickets the run may change are read again as Jira has them now before deciding.
  const mine = page.issues.filter((i) => allowed.has(i.id)).map((i) => i.id);
  const recent = plan.recent.filter((id) => !mine.includes(id));
  const current = await port.readNow(plan.jql, [...mine, ...recent]);
  await mergeEach(port, plan, ticketsToChange(plan, current, new Set([...allowed, ...recent])), progress);
  const stale = mine.filter((id) => !current.some((t) => t.id === id)).length;
  return pageDone(progress, page.nextPageToken, stale);
}

/** Merges the change into each ticket under its lock, counting (and naming) those it changed. */
async function mergeEach(
  port: RunPort,
  plan: PhasePlan,
  tickets: readonly { id: string; key: string }[],
  progress: { changed: number; written: string[] },
) {
  for (const ticket of tickets) {
    if ((await port.updateLinks(ticket, plan.apply)).changed) {
      progress.changed++;
      progress.written.push(ticket.id);
    }
  }
}

const pageDone = (
  progress: { changed: number; written: string[] },
  nextPageToken: string | null,
  stale: number,
): PageOutcome => ({
  type: 'page',
  changed: progress.changed,
  nextPageToken,
  stale,
  written: progress.written,
});

/** Tickets of a page the run may not change: they stay in a shrinking result, and a token passes them. */
const unchangeable = (issues: readonly { id: string }[], allowed: ReadonlySet<string>) =>
  issues.filter((i) => !allowed.has(i.id)).length;

async function finish(port: RunPort, run: LinkRun, error: string | null, now: Date) {
  const ended = finished(run, error, now);
  await port.saveRun(ended);
  await port.afterFinish(ended);
}
