import type { OutcomeCard } from '../../contract/issue-panel';
import type { OutcomeView } from '../../contract/outcome';
import type { UserRef } from '../../contract/primitives';
import { type Outcome, peopleNamedBy } from '../../domain/outcome';
import { getUsers } from '../../platform/jira/users';

/** Every account the outcomes' views name, so one bulk lookup can serve a whole page. */
export const peopleOf = (outcomes: Iterable<Outcome>): string[] =>
  [...outcomes].flatMap((o) => [...peopleNamedBy(o), o.updatedBy]);

/**
 * Asked as the person viewing the page ("Permission to access Jira" is all `GET /user/bulk` needs): it sees
 * profiles as they may, and Jira charges the call to the app-and-user budget rather than the app's own
 * (developer.atlassian.com/cloud/jira/platform/rate-limiting/: asUser() is "App + user").
 */
export const lookUpPeople = (outcomes: Iterable<Outcome>, others: Iterable<string> = []) =>
  getUsers([...peopleOf(outcomes), ...others], 'user');

export const person = (users: Map<string, UserRef>, accountId: string): UserRef =>
  users.get(accountId) ?? { accountId, displayName: 'Former user', avatarUrl: null };

const maybePerson = (users: Map<string, UserRef>, accountId: string | null): UserRef | null =>
  accountId === null ? null : person(users, accountId);

/**
 * An outcome as a card. It names only the projects the viewer may browse (`browsable`, and those of
 * `outsideReach`, which the viewer may browse but the app cannot) and counts the others: "and 1 project you
 * cannot see" (README, "Projects you cannot see").
 */
export const toOutcomeCard = (
  o: Outcome,
  users: Map<string, UserRef>,
  browsable: ReadonlySet<string>,
  outsideReach: ReadonlySet<string> = new Set(),
): OutcomeCard => ({
  id: o.id,
  title: o.title,
  statement: o.statement,
  state: o.state,
  projectKeys: o.projectKeys.filter((key) => browsable.has(key) || outsideReach.has(key)),
  hiddenProjects: o.projectKeys.filter((key) => !browsable.has(key) && !outsideReach.has(key)).length,
  outsideAppReach: o.projectKeys.filter((key) => outsideReach.has(key)),
  businessOwner: maybePerson(users, o.businessOwnerId),
  technologyOwner: maybePerson(users, o.technologyOwnerId),
  startDate: o.startDate,
  dueDate: o.dueDate,
});

/**
 * `titles` maps the outcomes the caller may see to their titles, for naming the parent. Any other parent
 * is "an outcome you cannot see", whether it is in a project the caller cannot browse or was removed a
 * moment ago (its children are moved to the top of the tree when it is): the answer never tells which.
 */
export const toOutcomeView = (
  o: Outcome,
  users: Map<string, UserRef>,
  titles: ReadonlyMap<string, string>,
  browsable: ReadonlySet<string>,
  outsideReach: ReadonlySet<string> = new Set(),
): OutcomeView => ({
  ...toOutcomeCard(o, users, browsable, outsideReach),
  parent: o.parentId
    ? { id: o.parentId, title: titles.get(o.parentId) ?? 'An outcome you cannot see' }
    : null,
  rollup: o.rollup,
  roles: {
    decides: o.roles.decides.map((id) => person(users, id)),
    advises: o.roles.advises.map((id) => person(users, id)),
    escalatedTo: o.roles.escalatedTo.map((id) => person(users, id)),
  },
  version: o.version,
  updatedAt: o.updatedAt,
  updatedBy: maybePerson(users, o.updatedBy),
});
