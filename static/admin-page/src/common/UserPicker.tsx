import AsyncSelect from '@atlaskit/select/async-select';
import type { UserRef } from '@contract/primitives';
import { type FieldAria, selectAria } from './FieldShell';
import { optionOf, type UserOption, useUserOptions } from './use-user-options';

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
  const searchProps = useUserOptions();
  return (
    <AsyncSelect<UserOption, false>
      {...searchProps}
      {...selectAria(aria)}
      isDisabled={isDisabled}
      value={value ? optionOf(value) : null}
      onChange={(option) => onChange(option ? option.user : null)}
      isClearable
    />
  );
}
