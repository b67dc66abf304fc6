import type { UserRef } from '@contract/primitives';

/** People named in a role, as a list of names; "not named" when nobody is. */
export function PeopleNames({ people, testId }: { people: readonly UserRef[]; testId?: string }) {
  if (people.length === 0) {
    return (
      <span className="ob-muted" data-testid={testId}>
        not named
      </span>
    );
  }
  return (
    <ul className="ob-inline-list" data-testid={testId}>
      {people.map((p) => (
        <li key={p.accountId}>{p.displayName}</li>
      ))}
    </ul>
  );
}
