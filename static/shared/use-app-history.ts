import { view } from '@forge/bridge';
import { useCallback, useEffect, useRef, useState } from 'react';

interface AppHistory {
  location: { pathname: string };
  push: (path: string) => void;
  listen: (listener: (location: { pathname: string }) => void) => () => void;
}

const isHistory = (value: unknown): value is AppHistory =>
  typeof value === 'object' &&
  value !== null &&
  typeof Reflect.get(value, 'push') === 'function' &&
  typeof Reflect.get(value, 'listen') === 'function';

/**
 * The page's own address, through Jira's history for full page apps (`view.createHistory`): each view gets
 * a URL, so Back works and a link to an outcome can be shared. `path` is null until the history is there;
 * where Jira offers none (a panel, a modal), `go` only changes what is shown and `path` stays '/'.
 */
export function useAppHistory() {
  const [path, setPath] = useState<string | null>(null);
  const history = useRef<AppHistory | null>(null);
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let gone = false;
    view
      .createHistory()
      .then((h: unknown) => {
        if (gone || !isHistory(h)) return;
        history.current = h;
        setPath(h.location.pathname);
        unlisten = h.listen((location) => setPath(location.pathname));
      })
      .catch(() => {
        if (!gone) setPath('/');
      });
    return () => {
      gone = true;
      unlisten?.();
    };
  }, []);
  const go = useCallback((next: string) => {
    if (history.current) history.current.push(next);
    else setPath(next);
  }, []);
  return { path, go };
}
