import type { AppErrorBody, Reply } from '@contract/envelope';
import { useCallback, useEffect, useRef, useState } from 'react';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'error'; error: AppErrorBody }
  | { status: 'ready'; data: T; refreshing: boolean };

/**
 * Loads one resolver reply (again whenever `key` changes) and keeps it: loading, error (with retry) or ready. `reload` keeps showing the
 * current data while it refreshes; `replace` adopts data a mutation returned without another round trip; `refresh` loads again
 * without the loading state and hands the reply to the caller too (e.g. to adopt someone else's version); `current` reads the data
 * shown, for callbacks that change it.
 */
export function useReply<T>(load: () => Promise<Reply<T>>, key: string) {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => (s.status === 'ready' ? { ...s, refreshing: true } : { status: 'loading' }));
    const reply = await loadRef.current();
    if (mine !== generation.current) return;
    setState(
      reply.ok
        ? { status: 'ready', data: reply.data, refreshing: false }
        : { status: 'error', error: reply.error },
    );
  }, []);
  // `key` names what `load` reads (e.g. the issue key); a new key loads again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: key is the trigger, not a value used inside.
  useEffect(() => {
    void run();
  }, [key, run]);
  const replace = useCallback((data: T) => {
    generation.current++;
    setState({ status: 'ready', data, refreshing: false });
  }, []);
  const refresh = useCallback(async (): Promise<Reply<T>> => {
    const reply = await loadRef.current();
    if (reply.ok) replace(reply.data);
    return reply;
  }, [replace]);
  const latest = useRef<T | null>(null);
  latest.current = state.status === 'ready' ? state.data : null;
  const current = useCallback(() => latest.current, []);
  return { state, reload: run, replace, refresh, current };
}
