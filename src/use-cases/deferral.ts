import { deferral, stillToWait } from '../domain/backoff';
import { JiraHttpError } from '../platform/jira/client';
import { enqueue, type LinksJob } from '../platform/queue';

/**
 * Runs one queued job unless Jira rate-limited it until later, and sends it back to the queue when Jira
 * rate-limits it now: with `notBefore` set to all Jira asked for (an hourly quota can ask for most of an
 * hour, more than one queue delay). So no background work is dropped after the queue's few retries, and
 * none calls Jira again before its Retry-After, which would only renew the wait.
 */
export async function unlessRateLimited(job: LinksJob, now: Date, work: () => Promise<void>): Promise<void> {
  const wait = stillToWait(job.notBefore, now);
  if (wait !== null) return enqueue([job], wait);
  await deferredIfRateLimited([job], now, work);
}

/** Does `work`; if Jira rate-limits it, queues `jobs` (which redo it) for when Jira said, instead of failing. */
export async function deferredIfRateLimited(
  jobs: LinksJob[],
  now: Date,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof JiraHttpError) || error.status !== 429) throw error;
    const { notBefore, delaySeconds } = deferral(now, error.retryAfterSeconds);
    console.warn(
      `[outcome-bridge] Jira rate-limited ${jobs.map((j) => j.type).join(', ')}; resumes after ${notBefore}`,
    );
    await enqueue(
      jobs.map((job) => ({ ...job, notBefore })),
      delaySeconds,
    );
  }
}
