import type { OutcomeCard } from '../../contract/issue-panel';
import type { OutcomeView } from '../../contract/outcome';
import type { UserRef } from '../../contract/primitives';
import type { Outcome } from '../../domain/outcome';
import { getUsers } from '../../platform/jira/users';

/** Every account an outcome view names, so one bulk lookup can serve a whole page. */
export const peopleOf = (outcomes: Iterable<Outcome>): string[] =>
  [...outcomes].flatMap((o) =>
    [o.businessOwnerId, o.technologyOwnerId, o.updatedBy].filter((id) => id !== null),
  );

export const lookUpPeople = (outcomes: Iterable<Outcome>) => getUsers(peopleOf(outcomes));

const person = (users: Map<string, UserRef>, accountId: string | null): UserRef | null =>
  accountId === null
    ? null
    : (users.get(accountId) ?? { accountId, displayName: 'Former user', avatarUrl: null });

export const toOutcomeCard = (o: Outcome, users: Map<string, UserRef>): OutcomeCard => ({
  id: o.id,
  title: o.title,
  statement: o.statement,
  state: o.state,
  projectKeys: o.projectKeys,
  businessOwner: person(users, o.businessOwnerId),
  technologyOwner: person(users, o.technologyOwnerId),
  startDate: o.startDate,
  dueDate: o.dueDate,
});

export const toOutcomeView = (o: Outcome, users: Map<string, UserRef>): OutcomeView => ({
  ...toOutcomeCard(o, users),
  version: o.version,
  updatedAt: o.updatedAt,
  updatedBy: person(users, o.updatedBy),
});
