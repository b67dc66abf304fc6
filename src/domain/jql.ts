import { LINKS_PROPERTY_KEY } from './links';

/** Quotes a value for JQL: double quotes, with backslashes and quotes escaped. */
export const jqlString = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The paths of the links property that Jira indexes (manifest.yml's `jira:entityProperty` module). The app
 * writes every query of them one way, by path: the module's search aliases are for people typing JQL, and
 * an alias is one name among every app's on the site. `test/architecture/manifest.test.ts` checks each
 * path is indexed.
 */
export const INDEXED_LINK_PATHS = [
  'effectiveOutcomeIds',
  'ownOutcomeIds',
  'kpiIds',
  'linkCount',
  'mappedRuleIds',
  'inheritedOutcomeIds',
  'inheritedFromKeys',
] as const;
export type IndexedLinkPath = (typeof INDEXED_LINK_PATHS)[number];

/** The JQL field of one indexed path of the links property. */
export const linksField = (path: IndexedLinkPath): string => `issue.property[${LINKS_PROPERTY_KEY}].${path}`;

/** Tickets whose `path` holds `value`; with `negate`, those whose `path` is empty or does not hold it. */
const holds = (path: IndexedLinkPath, value: string, negate = false): string =>
  negate
    ? `(${linksField(path)} IS EMPTY OR ${linksField(path)} != ${jqlString(value)})`
    : `${linksField(path)} = ${jqlString(value)}`;

/** Tickets that serve an outcome, whether linked directly or inherited from a parent. */
export const servesOutcome = (outcomeId: string): string => holds('effectiveOutcomeIds', outcomeId);

/** Tickets that serve no outcome at all. */
export const servesNoOutcome = `${linksField('effectiveOutcomeIds')} IS EMPTY`;

/** Tickets whose parent does not serve the outcome (a subtask counts on its own only then). */
export const notThroughParent = (outcomeId: string): string => holds('inheritedOutcomeIds', outcomeId, true);

/** Tickets that inherit an outcome from this issue (its children, their subtasks), by its key. */
export const inheritsFrom = (issueKey: string): string => holds('inheritedFromKeys', issueKey);

/** Tickets with no links at all (no links property, or one that names nothing), and those with some. */
export const withoutLinks = `${linksField('linkCount')} IS EMPTY`;
export const withLinks = `${linksField('linkCount')} IS NOT EMPTY`;

/** Tickets a mapping rule links, and tickets it does not. */
export const linkedByRule = (ruleId: string): string => holds('mappedRuleIds', ruleId);
export const notLinkedByRule = (ruleId: string): string => holds('mappedRuleIds', ruleId, true);

export const inProject = (projectKey: string): string => `project = ${jqlString(projectKey)}`;

/** Tickets of any of these projects (an outcome's). */
export const inProjects = (projectKeys: readonly string[]): string =>
  `project in (${projectKeys.map(jqlString).join(', ')})`;

export const isDone = 'statusCategory = Done';

export const and = (...clauses: string[]): string => clauses.map((c) => `(${c})`).join(' AND ');
