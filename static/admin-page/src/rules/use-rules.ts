import type { AdminPageContract } from '@contract/admin-page';
import type { AppErrorBody } from '@contract/envelope';
import type { KpiView } from '@contract/kpi';
import type { RuleDraft, RuleView, RunView } from '@contract/rules';
import type { OutputOf } from '@contract/surface';
import { adminPageApi } from '@shared/client';
import { useReply } from '@shared/use-reply';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export type { RuleDraft, RuleView, RunView };
export type RulesData = OutputOf<AdminPageContract, 'rules/list'>;

const loadRules = () => adminPageApi('rules/list', {});

/**
 * The mapping rules the user can see (`rules/list`), kept up to date from the replies of rule writes.
 * `refresh` loads again and hands the reply to the caller too (e.g. to adopt someone else's version).
 */
export function useRules() {
  const { state, reload, replace, refresh, current } = useReply(loadRules, 'rules');

  /** Adopts a rule a create or an update returned. */
  const adopt = useCallback(
    (saved: RuleView) => {
      const rules = current()?.rules ?? [];
      const known = rules.some((r) => r.id === saved.id);
      replace({ rules: known ? rules.map((r) => (r.id === saved.id ? saved : r)) : [...rules, saved] });
    },
    [replace, current],
  );

  const drop = useCallback(
    (id: string) => replace({ rules: (current()?.rules ?? []).filter((r) => r.id !== id) }),
    [replace, current],
  );

  return { state, reload, refresh, adopt, drop };
}

/** The rule writes, each answering with the reply envelope. */
export function useRuleMutations() {
  return useMemo(
    () => ({
      create: (draft: RuleDraft) => adminPageApi('rules/create', { draft }),
      update: (id: string, expectedVersion: number, draft: RuleDraft) =>
        adminPageApi('rules/update', { id, expectedVersion, draft }),
      /** Deletes the rule; its links come off the tickets it mapped in a background clean-up run. */
      remove: (id: string, expectedVersion: number) => adminPageApi('rules/delete', { id, expectedVersion }),
      /** Starts applying the rule to existing tickets; the reply is the run to follow. */
      backfill: (id: string) => adminPageApi('rules/backfill', { id }),
    }),
    [],
  );
}

export type OutcomeKpis =
  | { status: 'loading' }
  | { status: 'error'; error: AppErrorBody }
  | { status: 'ready'; kpis: KpiView[] };

/**
 * The KPIs of some outcomes (one `outcomes/get` each, only for the outcomes asked for, once), so rules
 * can name the KPIs they link. `reload` reads one outcome's KPIs again (a rule saved with a KPI added
 * since); `retry` tries the outcomes whose load failed again.
 */
export function useOutcomeKpis(outcomeIds: readonly string[]) {
  const [byOutcome, setByOutcome] = useState<ReadonlyMap<string, OutcomeKpis>>(new Map());
  const requested = useRef(new Set<string>());
  const mounted = useRef(true);
  const [attempt, setAttempt] = useState(0);
  const wanted = [...new Set(outcomeIds)].sort().join(',');

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the trigger to load outcomes again.
  useEffect(() => {
    const ids = wanted === '' ? [] : wanted.split(',');
    for (const id of ids) {
      if (requested.current.has(id)) continue;
      requested.current.add(id);
      setByOutcome((m) => (m.get(id)?.status === 'ready' ? m : new Map(m).set(id, { status: 'loading' })));
      void adminPageApi('outcomes/get', { id }).then((reply) => {
        if (!mounted.current) return;
        if (!reply.ok) requested.current.delete(id);
        setByOutcome((m) =>
          new Map(m).set(
            id,
            reply.ok ? { status: 'ready', kpis: reply.data.kpis } : { status: 'error', error: reply.error },
          ),
        );
      });
    }
  }, [wanted, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const reload = useCallback((id: string) => {
    requested.current.delete(id);
    setAttempt((n) => n + 1);
  }, []);
  return { byOutcome, retry, reload };
}

/** How often the progress of a run is asked for while it runs. */
export const POLL_MS = 1000;
const MAX_POLL_MS = 15_000;

export interface ActiveRun {
  /** The rule the run is about (deleted already, for a clean-up). */
  ruleId: string;
  /** The rule in words, for the progress heading: its outcome and JQL. */
  outcomeTitle: string;
  jql: string;
  run: RunView;
  /** The last failure to get its progress; polling goes on (slower) unless it cannot help. */
  pollError: AppErrorBody | null;
}

/**
 * The background run this user started from the rules view (a backfill, or the clean-up after a
 * delete), followed with `runs/get` about every second until it is done or failed. `onFinished` hears
 * the final state once.
 */
export function useActiveRun(onFinished: (active: ActiveRun) => void) {
  const [active, setActive] = useState<ActiveRun | null>(null);
  const latest = useRef<ActiveRun | null>(null);
  latest.current = active;
  const finished = useRef(onFinished);
  finished.current = onFinished;
  const runId = active?.run.id ?? null;
  const running = active?.run.status === 'running';

  useEffect(() => {
    if (runId === null || !running) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const poll = async () => {
      const reply = await adminPageApi('runs/get', { id: runId });
      const current = latest.current;
      if (cancelled || current?.run.id !== runId) return;
      if (reply.ok) {
        failures = 0;
        const next: ActiveRun = { ...current, run: reply.data, pollError: null };
        latest.current = next;
        setActive(next);
        if (reply.data.status !== 'running') {
          finished.current(next);
          return;
        }
      } else {
        failures++;
        setActive({ ...current, pollError: reply.error });
        // Asking again cannot help when the run is gone or not the user's to follow.
        if (reply.error.code === 'FORBIDDEN' || reply.error.code === 'NOT_FOUND') return;
      }
      timer = setTimeout(() => void poll(), Math.min(POLL_MS * 2 ** failures, MAX_POLL_MS));
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [runId, running]);

  const follow = useCallback(
    (rule: Pick<RuleView, 'id' | 'outcomeTitle' | 'jql'>, run: RunView) =>
      setActive({ ruleId: rule.id, outcomeTitle: rule.outcomeTitle, jql: rule.jql, run, pollError: null }),
    [],
  );
  const dismiss = useCallback(() => setActive(null), []);
  return { active, follow, dismiss };
}
