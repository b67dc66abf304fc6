import type { AppErrorBody } from '@contract/envelope';
import { JQL_LENGTH } from '@contract/limits';
import { adminPageApi } from '@shared/client';
import { useEffect, useRef, useState } from 'react';

export type JqlCheck =
  | { status: 'idle' }
  | { status: 'checking' }
  | {
      status: 'checked';
      valid: boolean;
      count: number | null;
      countEstimated: boolean;
      message: string | null;
      hiddenFromApp: number | null;
    }
  | { status: 'failed'; error: AppErrorBody };

const DELAY_MS = 500;

/**
 * Checks a JQL query as the admin types (`jql/check`): only once typing pauses, and only the answer to
 * the latest text counts. Empty text is not checked.
 */
export function useJqlCheck(jql: string): JqlCheck {
  const [check, setCheck] = useState<JqlCheck>({ status: 'idle' });
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    const text = jql.trim();
    if (text === '' || text.length > JQL_LENGTH.max) {
      setCheck({ status: 'idle' });
      return;
    }
    setCheck({ status: 'checking' });
    const timer = setTimeout(async () => {
      const reply = await adminPageApi('jql/check', { jql: text });
      if (mine !== generation.current) return;
      setCheck(reply.ok ? { status: 'checked', ...reply.data } : { status: 'failed', error: reply.error });
    }, DELAY_MS);
    return () => clearTimeout(timer);
  }, [jql]);

  return check;
}
