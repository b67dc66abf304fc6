import type { AppErrorBody, Reply } from '@contract/envelope';
import { useState } from 'react';

/**
 * One call a button makes (refresh a KPI from Jira, export a backup): whether it is under way, and the
 * error of the last one, to show beside the button. A press while it runs does nothing; `done` hears the
 * data of a call that succeeded.
 */
export function useCall<T>(call: () => Promise<Reply<T>>, done: (data: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const run = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const reply = await call();
    setBusy(false);
    if (reply.ok) done(reply.data);
    else setError(reply.error);
  };
  return { busy, error, run };
}
