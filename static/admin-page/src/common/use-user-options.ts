import type { AppErrorBody } from '@contract/envelope';
import { SEARCH_TEXT } from '@contract/limits';
import type { UserRef } from '@contract/primitives';
import { adminPageApi } from '@shared/client';
import { useCallback, useEffect, useRef, useState } from 'react';

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

const SEARCH_DELAY_MS = 250;

/**
 * Jira user search for a picker, debounced: only the last query typed within the delay reaches the
 * resolver. A superseded search settles with no users; the picker ignores stale answers anyway.
 */
export function useUserSearch() {
  const [error, setError] = useState<AppErrorBody | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const settlePending = useRef<((users: UserRef[]) => void) | null>(null);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      settlePending.current?.([]);
    },
    [],
  );

  const search = useCallback((query: string): Promise<UserRef[]> => {
    clearTimeout(timer.current);
    settlePending.current?.([]);
    settlePending.current = null;
    const q = query.trim().slice(0, SEARCH_TEXT.max);
    if (q.length === 0) return Promise.resolve([]);
    return new Promise<UserRef[]>((resolve) => {
      settlePending.current = resolve;
      timer.current = setTimeout(async () => {
        if (settlePending.current === resolve) settlePending.current = null;
        const reply = await adminPageApi('users/search', { query: q });
        setError(reply.ok ? null : reply.error);
        resolve(reply.ok ? reply.data.users : []);
      }, SEARCH_DELAY_MS);
    });
  }, []);

  return { search, error };
}
