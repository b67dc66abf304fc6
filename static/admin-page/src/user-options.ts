import type { UserRef } from '@contract/primitives';
import { useCallback } from 'react';
import { useUserSearch } from './use-admin-page';

export interface UserOption {
  label: string;
  value: string;
  user: UserRef;
}

export const optionOf = (user: UserRef): UserOption => ({
  label: user.displayName,
  value: user.accountId,
  user,
});

/**
 * What both user pickers give their AsyncSelect: Jira users found by name as the admin types
 * (debounced), and the words while it searches and when nothing matches or the search failed.
 */
export function useUserOptions() {
  const { search, error } = useUserSearch();
  const loadOptions = useCallback(async (query: string) => (await search(query)).map(optionOf), [search]);
  return {
    loadOptions,
    placeholder: 'Type a name to search',
    menuPlacement: 'auto' as const,
    loadingMessage: () => 'Searching Jira users…',
    noOptionsMessage: ({ inputValue }: { inputValue: string }) =>
      error
        ? error.message
        : inputValue.trim()
          ? `No Jira user matches “${inputValue.trim()}”.`
          : 'Type a name to search Jira users.',
  };
}
