import type { LinksJob } from '../platform/queue';
import { propagateToChildren, rematerialize } from './link-maintenance';
import { processRunPage } from './link-runs';

interface IssueEvent {
  eventType: string;
  issue: { key: string };
}

/**
 * Issue trigger: created and updated tickets get their inheritance and rule links brought up to date.
 * Deletions need nothing: Jira detaches the children, which arrive as updates of their own.
 */
export async function handleIssueEvent(event: IssueEvent): Promise<void> {
  if (event.eventType === 'avi:jira:deleted:issue') return;
  await rematerialize(event.issue.key);
}

/** Queue consumer: background link work, one event at a time. */
export async function handleLinksJob(event: { body: LinksJob }): Promise<void> {
  const job = event.body;
  switch (job.type) {
    case 'propagate':
      return propagateToChildren(job.issueKey);
    case 'run':
      return processRunPage(job);
  }
}
