import {
  type ComponentType,
  createElement,
  lazy,
  type ReactNode,
  useCallback,
  useMemo,
  useState,
} from 'react';
import { LazyPart } from './components/LazyPart';

/**
 * A lazily loaded component that can be loaded again: `retry` makes a fresh lazy component, so "Try again"
 * after a failed chunk download fetches it anew. `load` must be stable (a module-level function).
 * `wrap(element)` shows it as a LazyPart with `words`: a loading line while it downloads, "Try again" if it fails;
 * a name ("the KPI editor") gives both.
 */
export function useLazyComponent<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  words: { what: string; loading: string } | string,
) {
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the trigger to create a fresh lazy component.
  const Component = useMemo(() => lazy(load), [attempt, load]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  // A name alone ("the KPI editor") says both: "The KPI editor" failed to load; "Opening the KPI editor".
  const { what, loading } =
    typeof words === 'string'
      ? { what: words.charAt(0).toUpperCase() + words.slice(1), loading: `Opening ${words}` }
      : words;
  const wrap = useCallback(
    (children: ReactNode, key?: string) =>
      createElement(LazyPart, { key, attempt, what, loading, onRetry: retry, children }),
    [attempt, what, loading, retry],
  );
  return { Component, attempt, retry, wrap };
}

/** Starts downloading a lazy part early (on hover or focus of what opens it); a failure shows when it opens. */
export const prefetch = (load: () => Promise<unknown>) => () => void load().catch(() => undefined);
