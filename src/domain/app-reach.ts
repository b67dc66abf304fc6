import { countText, plural, wordList } from './units';

/**
 * What a person is told when Outcome Bridge's own account cannot see a project: the app counts as itself
 * (nobody is signed in to the nightly check, the rule runs or the hourly KPI refresh), so a project outside
 * its role holds work that no figure of the app contains. Jira grants the app's user project access like
 * any user's, through the project's permission scheme (README, "On a real Jira site").
 */

/** The permissions the app needs in a project: to find its tickets, and to write their links. */
export const APP_NEEDS = 'Browse projects and Edit issues';

const named = (project: { key: string; name?: string }) =>
  project.name && project.name !== project.key ? `${project.key} (${project.name})` : project.key;

/** How to let the app in: said wherever a project is outside its reach. */
export const howToGrant = (keys: readonly string[]) =>
  `A Jira admin can let it in: in the project settings of ${keys.length === 0 ? "the outcome's projects" : wordList(keys)}, give the app's user "Outcome Bridge" a role that has ${APP_NEEDS} (or add it to the project's permission scheme).`;

/** One project the app cannot see, for a page about that project. */
export const appCannotSeeProject = (project: { key: string; name?: string }) =>
  `Outcome Bridge cannot see ${named(project)}, so it has no outcomes or figures to show for it. ${howToGrant([project.key])}`;

/** An outcome that names projects the app cannot see: its figures leave their tickets out, and say so. */
export const leavesOutProjects = (keys: readonly string[]) =>
  keys.length === 0
    ? null
    : `Outcome Bridge cannot see ${wordList(keys)}, so this outcome's figures leave out ${keys.length === 1 ? "that project's" : "those projects'"} tickets. ${howToGrant(keys)}`;

/** The admin page's summary of the caller's projects the app cannot see. */
export const projectsOutsideReach = (projects: readonly { key: string; name?: string }[]) =>
  projects.length === 0
    ? null
    : `Outcome Bridge cannot see ${wordList(projects.map(named))}: outcomes cannot include ${projects.length === 1 ? 'its' : 'their'} tickets. ${howToGrant(projects.map((p) => p.key))}`;

/** A value counted as the app over fewer projects than its outcome names: its note says which it left out. */
export function withLeftOut<T extends { note: string } | { error: string }>(
  result: T,
  left: readonly string[],
): T {
  if (left.length === 0 || !('note' in result)) return result;
  const those = left.length === 1 ? 'that project' : 'those projects';
  return {
    ...result,
    note: `${result.note} Leaves out ${wordList(left)}: Outcome Bridge cannot see ${those}.`,
  };
}

/** Tickets a person can see at issue security levels the app's user is not in, per project. */
export interface SecurityGap {
  projectKey: string;
  tickets: number;
  /** The comparison stopped at its sample: there may be more. */
  atLeast: boolean;
}

/** The admin page's words for tickets hidden from the app by issue security, or null when there are none. */
export function securityGapsInWords(gaps: readonly SecurityGap[]): string | null {
  if (gaps.length === 0) return null;
  const each = gaps.map(
    (g) => `${g.atLeast ? 'at least ' : ''}${plural(g.tickets, 'ticket')} in ${g.projectKey}`,
  );
  return `You can see ${wordList(each)} at issue security levels Outcome Bridge's user is not in: no figure counts them and no rule can link them. A Jira admin can add the app's user "Outcome Bridge" to those levels (the project's issue security scheme).`;
}

/** An outcome's warning when some of its projects hold tickets the app's user is kept out of by issue security. */
export const leavesOutSecured = (keys: readonly string[]) =>
  keys.length === 0
    ? null
    : `Some tickets of ${wordList(keys)} are at issue security levels Outcome Bridge cannot see, so this outcome's figures leave them out.`;

/** Beside a JQL's count for its author: how many of those tickets the app's user cannot see, and what follows. */
export const hiddenFromAppInWords = (n: number) =>
  `Outcome Bridge's user cannot see ${n === 1 ? '1 of them' : `${countText(n)} of them`} (a project or issue security level it is not in): no rule links ${n === 1 ? 'it' : 'them'} and no figure counts ${n === 1 ? 'it' : 'them'}.`;
