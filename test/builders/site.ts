import type { JiraState } from '../../sandbox/jira';

/**
 * A site with `count` more tickets like `template` (a ticket of it, by key): in its project, with their own
 * ids and keys from 9001 up, and whatever else `overrides` says. Past about a thousand tickets a count is
 * Jira's estimate, so this is how a test reaches one.
 */
export function withCopiesOf(
  site: JiraState,
  templateKey: string,
  count: number,
  overrides: Partial<JiraState['issues'][number]> = {},
): JiraState {
  const template = site.issues.find((i) => i.key === templateKey);
  if (!template) throw new Error(`no ticket ${templateKey} to copy`);
  const projectKey = templateKey.slice(0, templateKey.lastIndexOf('-'));
  const lastId = Math.max(...site.issues.map((i) => Number(i.id)));
  const copies = Array.from({ length: count }, (_, i) => ({
    ...structuredClone(template),
    id: String(lastId + i + 1),
    key: `${projectKey}-${9001 + i}`,
    summary: `Load test ticket ${i + 1}`,
    ...overrides,
  }));
  return { ...site, issues: [...site.issues, ...copies] };
}
