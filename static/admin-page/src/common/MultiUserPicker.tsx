import AsyncSelect from '@atlaskit/select/async-select';
import { MAX_PEOPLE_PER_ROLE } from '@contract/limits';
import type { UserRef } from '@contract/primitives';
import { type FieldAria, selectAria } from './FieldShell';
import { optionOf, type UserOption, useUserOptions } from './use-user-options';

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
  const searchProps = useUserOptions();
  const full = value.length >= MAX_PEOPLE_PER_ROLE;
  return (
    <AsyncSelect<UserOption, true>
      {...searchProps}
      {...selectAria(aria)}
      isDisabled={isDisabled}
      isMulti
      value={value.map(optionOf)}
      onChange={(options) => onChange(options.map((o) => o.user))}
      isOptionDisabled={() => full}
      testId={testId}
    />
  );
}
