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
 * the latest text counts. Empty text is not checked. `typed` is the part of `jql` the person wrote, when
 * the page wraps it.
 */
export function useJqlCheck(jql: string, typed?: string): JqlCheck {
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
      // Positions in Jira's message count in what was typed, not in the page's wrapping around it.
      const typedPart = typed?.trim();
      const reply = await adminPageApi(
        'jql/check',
        typedPart && typedPart !== text ? { jql: text, typed: typedPart } : { jql: text },
      );
      if (mine !== generation.current) return;
      setCheck(reply.ok ? { status: 'checked', ...reply.data } : { status: 'failed', error: reply.error });
    }, DELAY_MS);
    return () => clearTimeout(timer);
  }, [jql, typed]);

  return check;
}
