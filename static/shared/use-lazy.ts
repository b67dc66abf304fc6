import { type ComponentType, lazy, useCallback, useMemo, useState } from 'react';

/**
 * A lazily loaded component that can be loaded again: `retry` makes a fresh lazy component, so "Try again"
 * after a failed chunk download fetches it anew. `load` must be stable (a module-level function).
 */
export function useLazyComponent<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the trigger to create a fresh lazy component.
  const Component = useMemo(() => lazy(load), [attempt, load]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { Component, attempt, retry };
}

/** Starts downloading a lazy part early (on hover or focus of what opens it); a failure shows when it opens. */
export const prefetch = (load: () => Promise<unknown>) => () => void load().catch(() => undefined);
