import type { TaskFault } from './behaviours';
import type { BulkPropertyFilter, BulkPropertyWork, JiraTask, JiraTaskStatus, StoredIssue } from './model';
import type { JiraSite } from './site';

const FINAL: ReadonlySet<JiraTaskStatus> = new Set(['COMPLETE', 'FAILED', 'CANCELLED', 'DEAD']);

const FAILURE_MESSAGES: Record<'FAILED' | 'DEAD', string> = {
  FAILED: 'The task failed: an error occurred while updating the issue properties. No issue was changed.',
  DEAD: 'The task stopped responding and was abandoned. No issue was changed.',
};

/**
 * Jira's long-running tasks for bulk property operations. A task waits in a queue (ENQUEUED), then runs
 * (RUNNING) for a time that grows with the issues it touches, and ends COMPLETE, FAILED or DEAD; a cancel
 * asked while it runs is CANCEL_REQUESTED until it stops (CANCELLED). Bulk property operations are
 * transactional: the work is applied all at once when the task completes, and not at all otherwise.
 * Time is the site's clock: `advance` (run before every request) finishes whatever is due.
 */
export class TaskRunner {
  private readonly faults: { fault: TaskFault; remaining: number }[] = [];

  constructor(private readonly site: JiraSite) {}

  /** Makes the next tasks end in failure instead of completing. */
  failNext(fault: TaskFault): void {
    if (!Number.isInteger(fault.times) || fault.times < 1) throw new Error('A task fault needs times >= 1');
    this.faults.push({ fault: { ...fault }, remaining: fault.times });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  submit(description: string, submittedBy: string, work: BulkPropertyWork): JiraTask {
    const { state, behaviours } = this.site;
    const now = this.site.now().getTime();
    const task: JiraTask = {
      id: String(state.nextIds.task++),
      description,
      submittedBy,
      submitted: new Date(now).toISOString(),
      finished: new Date(now).toISOString(),
      result: null,
      work,
    };
    state.tasks.push(task);
    if (!behaviours.bulkTasks.enabled) {
      task.status = 'COMPLETE';
      task.started = task.submitted;
      task.result = apply(this.site, work);
      delete task.work;
      return task;
    }
    const { queueMs, perIssueMs } = behaviours.bulkTasks;
    const started = now + queueMs;
    task.status = 'ENQUEUED';
    task.started = new Date(started).toISOString();
    task.finished = new Date(started + Math.max(1, work.issueIds.length) * perIssueMs).toISOString();
    task.outcome = this.takeFault() ?? 'COMPLETE';
    return task;
  }

  /** Brings every task up to the site's clock: starts those due, ends those due (applying their work). */
  advance(): void {
    const now = this.site.now().getTime();
    for (const task of this.site.state.tasks) {
      if (task.status === undefined || FINAL.has(task.status)) continue;
      if (task.started !== undefined && now >= Date.parse(task.started) && task.status === 'ENQUEUED') {
        task.status = 'RUNNING';
      }
      if (now < Date.parse(task.finished)) continue;
      if (task.status === 'CANCEL_REQUESTED') {
        task.status = 'CANCELLED';
        task.message = 'The task was cancelled. No issue was changed.';
      } else if (task.outcome === 'FAILED' || task.outcome === 'DEAD') {
        task.status = task.outcome;
        task.message = FAILURE_MESSAGES[task.outcome];
      } else {
        task.status = 'COMPLETE';
        task.result = task.work ? apply(this.site, task.work) : task.result;
      }
      delete task.work;
    }
  }

  /** Cancels a task: at once while it waits, at its end while it runs; false once it has ended. */
  cancel(task: JiraTask): boolean {
    this.advance();
    if (task.status === 'ENQUEUED') {
      task.status = 'CANCELLED';
      task.finished = this.site.now().toISOString();
      task.message = 'The task was cancelled. No issue was changed.';
      delete task.work;
      return true;
    }
    if (task.status === 'RUNNING') {
      task.status = 'CANCEL_REQUESTED';
      return true;
    }
    return task.status === 'CANCEL_REQUESTED';
  }

  /** Percent done, as Jira reports it while a task runs. */
  progress(task: JiraTask): number {
    if (task.status === undefined || FINAL.has(task.status)) return 100;
    if (task.status === 'ENQUEUED' || task.started === undefined) return 0;
    const start = Date.parse(task.started);
    const span = Math.max(1, Date.parse(task.finished) - start);
    return Math.min(99, Math.floor((100 * (this.site.now().getTime() - start)) / span));
  }

  private takeFault(): 'FAILED' | 'DEAD' | undefined {
    const entry = this.faults.find((f) => f.remaining > 0);
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.faults.splice(this.faults.indexOf(entry), 1);
    return entry.fault.status;
  }
}

function matchesFilter(issue: StoredIssue, key: string, filter: BulkPropertyFilter | undefined): boolean {
  if (!filter) return true;
  const has = key in issue.properties;
  if (filter.hasProperty !== undefined && has !== filter.hasProperty) return false;
  if ('currentValue' in filter) {
    return has && JSON.stringify(issue.properties[key]) === JSON.stringify(filter.currentValue);
  }
  return true;
}

/**
 * Applies a bulk operation to the issues chosen when it was submitted that still exist and, for a filtered
 * operation, still pass its property filter now (Jira evaluates eligibility when the task runs).
 */
function apply(site: JiraSite, work: BulkPropertyWork): { updatedIssueIds: number[] } {
  const updated: number[] = [];
  for (const id of work.issueIds) {
    const issue = site.issue(id);
    if (!issue || issue.id !== id) continue;
    if (work.kind === 'set') {
      const values = work.perIssue?.[id] ?? work.properties;
      if (!Object.keys(values).every((key) => matchesFilter(issue, key, work.filter))) continue;
      site.beforeWrite(issue.id, issue);
      Object.assign(issue.properties, structuredClone(values));
    } else {
      if (!(work.propertyKey in issue.properties) || !matchesFilter(issue, work.propertyKey, work.filter))
        continue;
      site.beforeWrite(issue.id, issue);
      delete issue.properties[work.propertyKey];
    }
    site.afterWrite(issue.id, issue);
    updated.push(Number(issue.id));
  }
  return { updatedIssueIds: updated };
}
