import { LINKS_PROPERTY_KEY } from './links';

/** Quotes a value for JQL: double quotes, with backslashes and quotes escaped. */
export const jqlString = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const linksPath = (path: string) => `issue.property[${LINKS_PROPERTY_KEY}].${path}`;

/** Tickets that serve an outcome, whether linked directly or inherited from a parent. */
export const servesOutcome = (outcomeId: string): string =>
  `${linksPath('effectiveOutcomeIds')} = ${jqlString(outcomeId)}`;

/** Tickets whose parent does not serve the outcome (a subtask counts on its own only then). */
export const notThroughParent = (outcomeId: string): string =>
  `(${linksPath('inheritedOutcomeIds')} IS EMPTY OR ${linksPath('inheritedOutcomeIds')} != ${jqlString(outcomeId)})`;

export const inProject = (projectKey: string): string => `project = ${jqlString(projectKey)}`;

/** Tickets of any of these projects (an outcome's). */
export const inProjects = (projectKeys: readonly string[]): string =>
  `project in (${projectKeys.map(jqlString).join(', ')})`;

export const isDone = 'statusCategory = Done';

export const and = (...clauses: string[]): string => clauses.map((c) => `(${c})`).join(' AND ');
