import type { JiraState } from '../../sandbox/jira';
import { LINKS_PROPERTY_KEY } from '../../src/domain/links';

/**
 * Reads the emulated Jira site directly, independently of the app, so tests can check the app's
 * numbers against a computation that shares none of its code paths.
 */
export function issuesServing(
  state: JiraState,
  outcomeId: string,
  projectKey: string | null,
  options: { counted?: boolean } = {},
) {
  const project = projectKey === null ? null : state.projects.find((p) => p.key === projectKey);
  const doneStatuses = new Set(state.statuses.filter((s) => s.category === 'done').map((s) => s.id));
  // What a default rollup counts: stories, tasks and bugs (epics count through them, subtasks through their parents).
  const standard = new Set(state.issueTypes.filter((t) => t.hierarchyLevel === 0).map((t) => t.id));
  const serving = state.issues.filter((issue) => {
    if (project !== null && issue.projectId !== project?.id) return false;
    if (options.counted && !standard.has(issue.issueTypeId)) return false;
    const value = issue.properties[LINKS_PROPERTY_KEY] as { effectiveOutcomeIds?: string[] } | undefined;
    return value?.effectiveOutcomeIds?.includes(outcomeId) ?? false;
  });
  return {
    linked: serving.length,
    done: serving.filter((i) => doneStatuses.has(i.statusId)).length,
    issues: serving,
  };
}

export function linksPropertyOf(state: JiraState, issueKey: string): unknown {
  return state.issues.find((i) => i.key === issueKey)?.properties[LINKS_PROPERTY_KEY];
}

/** Issue keys of a project in a status category, in key order. */
export function issueKeys(state: JiraState, projectKey: string, category?: 'new' | 'indeterminate' | 'done') {
  const project = state.projects.find((p) => p.key === projectKey);
  const statuses = new Set(
    state.statuses.filter((s) => !category || s.category === category).map((s) => s.id),
  );
  return state.issues
    .filter((i) => i.projectId === project?.id && statuses.has(i.statusId))
    .map((i) => i.key)
    .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
}

/**
 * Whether an account may see an issue, worked out from the site's raw state: a role in the issue's project
 * (or Administer Jira), and, for an issue at an issue security level, membership of that level (which binds
 * Jira administrators too).
 */
export function visibleTo(state: JiraState, accountId: string) {
  const admin = state.users.find((u) => u.accountId === accountId)?.globalPermissions.includes('ADMINISTER');
  return (issue: JiraState['issues'][number]): boolean => {
    const project = state.projects.find((p) => p.id === issue.projectId);
    if (!project || (!admin && !(accountId in project.roles))) return false;
    const level = issue.securityLevel ?? null;
    return level === null || (project.securityLevels?.[level]?.includes(accountId) ?? false);
  };
}

/**
 * Makes every ticket read as last updated `days` ago, as on a site where nothing changed since: the
 * nightly changes check then finds no ticket, and a test can count what the full pass alone asks.
 */
export function lastUpdatedDaysAgo(state: JiraState, days: number): void {
  const at = new Date(Date.now() - days * 24 * 60 * 60_000).toISOString();
  for (const issue of state.issues) issue.updated = at;
}
