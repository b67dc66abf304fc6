import AsyncSelect from '@atlaskit/select/async-select';
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

/** Finds a Jira user by name as the admin types (debounced), and shows the chosen person's display name. */
export function UserPicker({
  aria,
  value,
  onChange,
  isDisabled,
}: {
  aria: FieldAria;
  value: UserRef | null;
  onChange: (user: UserRef | null) => void;
  isDisabled?: boolean;
}) {
  const { search, error } = useUserSearch();
  const loadOptions = useCallback(async (query: string) => (await search(query)).map(optionOf), [search]);
  return (
    <AsyncSelect<UserOption, false>
      inputId={aria.id}
      aria-describedby={aria.describedBy}
      isInvalid={aria.invalid}
      isDisabled={isDisabled}
      value={value ? optionOf(value) : null}
      onChange={(option) => onChange(option ? option.user : null)}
      loadOptions={loadOptions}
      isClearable
      placeholder="Type a name to search"
      menuPlacement="auto"
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
