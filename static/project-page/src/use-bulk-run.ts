import type { AppErrorBody } from '@contract/envelope';
import type { ProjectPageContract } from '@contract/project-page';
import type { RunView } from '@contract/rules';
import type { InputOf } from '@contract/surface';
import { projectPageApi } from '@shared/client';
import { useCallback, useEffect, useRef, useState } from 'react';

export type BulkLinkInput = InputOf<ProjectPageContract, 'links/bulk'>;

/** How often a running bulk link is asked for its progress. */
export const POLL_MS = 1000;
/** Failed status calls in a row before polling stops and offers "Check again". */
const MAX_POLL_FAILURES = 5;
/** How long to wait, after a run, for the outcome's stored counts to include it. */
const COUNTS_WAIT_MS = 20_000;

/**
 * Where the page's counts are after a run: being reloaded, reloaded and including the run, still being
 * recomputed by the server when the wait ran out, or not reloaded (the page says why).
 */
export type CountsState = 'updating' | 'updated' | 'pending' | 'failed';

/** Reloads the page's data once: true when its counts include the run, false when not yet, null on failure. */
export type CountsCheck = (run: RunView, input: BulkLinkInput) => Promise<boolean | null>;

export type BulkRunState =
  /** Nothing sent yet (or the form is back for another run). */
  | { phase: 'idle' }
  /** The request to start is on its way. */
  | { phase: 'starting' }
  /** The server refused to start (no permission, bad input, ...): nothing changed. */
  | { phase: 'rejected'; error: AppErrorBody }
  /** Running in the background; `pollError` is the last failed status call, if the latest one failed. */
  | {
      phase: 'running';
      input: BulkLinkInput;
      run: RunView;
      polls: number;
      failures: number;
      pollError: AppErrorBody | null;
    }
  /** Status calls kept failing (or the run is gone): the run may still be going on. */
  | { phase: 'lost'; input: BulkLinkInput; run: RunView; error: AppErrorBody }
  /** Done or failed; then the page's counts are brought up to date. */
  | { phase: 'finished'; input: BulkLinkInput; run: RunView; counts: CountsState };

const follow = (input: BulkLinkInput, run: RunView): BulkRunState =>
  run.status === 'running'
    ? { phase: 'running', input, run, polls: 0, failures: 0, pollError: null }
    : { phase: 'finished', input, run, counts: 'updating' };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a bulk link and follows it: polls `links/bulk-status` about every second until the run is done
 * or failed, then reloads the page's data (`checkCounts`) every second until its counts include the run,
 * for at most 20 seconds: the server recomputes an outcome's stored counts after a run, in the background.
 * Polling stops when the component unmounts; the run itself goes on in the background.
 */
export function useBulkRun(projectKey: string, checkCounts: CountsCheck) {
  const [state, setState] = useState<BulkRunState>({ phase: 'idle' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const checkRef = useRef(checkCounts);
  checkRef.current = checkCounts;

  const start = useCallback(async (input: BulkLinkInput) => {
    setState({ phase: 'starting' });
    const reply = await projectPageApi('links/bulk', input);
    if (!alive.current) return;
    setState(reply.ok ? follow(input, reply.data) : { phase: 'rejected', error: reply.error });
  }, []);

  const runId = state.phase === 'running' ? state.run.id : null;
  const polls = state.phase === 'running' ? state.polls : 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each poll bumps `polls`, which schedules the next one.
  useEffect(() => {
    if (!runId) return;
    const timer = setTimeout(async () => {
      const reply = await projectPageApi('links/bulk-status', { projectKey, runId });
      if (!alive.current) return;
      setState((s) => {
        if (s.phase !== 'running' || s.run.id !== runId) return s;
        if (reply.ok && reply.data.status === 'running') {
          // A new poll count schedules the next poll, even when nothing moved.
          return { ...s, run: reply.data, polls: s.polls + 1, failures: 0, pollError: null };
        }
        if (reply.ok) return follow(s.input, reply.data);
        const failures = s.failures + 1;
        const hopeless = reply.error.code === 'NOT_FOUND' || reply.error.code === 'FORBIDDEN';
        return hopeless || failures >= MAX_POLL_FAILURES
          ? { phase: 'lost', input: s.input, run: s.run, error: reply.error }
          : { ...s, polls: s.polls + 1, failures, pollError: reply.error };
      });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [projectKey, runId, polls]);

  const finished = state.phase === 'finished' ? state : null;
  const finishedId = finished?.run.id ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: one wait per finished run, whatever re-renders.
  useEffect(() => {
    if (!finished) return;
    const { run, input } = finished;
    let cancelled = false;
    const settle = (counts: CountsState) => {
      if (cancelled || !alive.current) return;
      setState((s) => (s.phase === 'finished' && s.run.id === run.id ? { ...s, counts } : s));
    };
    void (async () => {
      const deadline = Date.now() + COUNTS_WAIT_MS;
      for (;;) {
        const current = await checkRef.current(run, input);
        if (cancelled || !alive.current) return;
        if (current === null) return settle('failed');
        if (current) return settle('updated');
        if (Date.now() + POLL_MS > deadline) return settle('pending');
        await pause(POLL_MS);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [finishedId]);

  /** After polling gave up: ask again, from the last progress seen. */
  const checkAgain = useCallback(() => {
    setState((s) => (s.phase === 'lost' ? follow(s.input, s.run) : s));
  }, []);
  /** Back to the form, for another run or to fix what the server refused. */
  const reset = useCallback(() => setState({ phase: 'idle' }), []);

  return { state, start, checkAgain, reset };
}
