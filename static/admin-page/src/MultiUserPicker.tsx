import AsyncSelect from '@atlaskit/select/async-select';
import { MAX_PEOPLE_PER_ROLE } from '@contract/limits';
import type { UserRef } from '@contract/primitives';
import { useCallback } from 'react';
import type { FieldAria } from './FieldShell';
import { useUserSearch } from './use-admin-page';

interface UserOption {
  label: string;
  value: string;
  user: UserRef;
}

const optionOf = (user: UserRef): UserOption => ({ label: user.displayName, value: user.accountId, user });

/** Several Jira users for one role, found by name as the admin types (debounced); at most ten. */
export function MultiUserPicker({
  aria,
  value,
  onChange,
  isDisabled,
  testId,
}: {
  aria: FieldAria;
  value: UserRef[];
  onChange: (users: UserRef[]) => void;
  isDisabled?: boolean;
  testId?: string;
}) {
  const { search, error } = useUserSearch();
  const loadOptions = useCallback(async (query: string) => (await search(query)).map(optionOf), [search]);
  const full = value.length >= MAX_PEOPLE_PER_ROLE;
  return (
    <AsyncSelect<UserOption, true>
      inputId={aria.id}
      aria-describedby={aria.describedBy}
      isInvalid={aria.invalid}
      isDisabled={isDisabled}
      isMulti
      value={value.map(optionOf)}
      onChange={(options) => onChange(options.map((o) => o.user))}
      loadOptions={loadOptions}
      isOptionDisabled={() => full}
      placeholder="Type a name to search"
      menuPlacement="auto"
      testId={testId}
      loadingMessage={() => 'Searching Jira users…'}
      noOptionsMessage={({ inputValue }) =>
        error
          ? error.message
          : inputValue.trim()
            ? `No Jira user matches “${inputValue.trim()}”.`
            : 'Type a name to search Jira users.'
      }
    />
  );
}
