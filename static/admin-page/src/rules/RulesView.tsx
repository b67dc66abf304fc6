import type { AppErrorBody } from '@contract/envelope';
import type { AdminOutcome } from '@contract/outcome';
import { EmptyState } from '@shared/components/EmptyState';
import { ErrorState } from '@shared/components/ErrorState';
import { Flash } from '@shared/components/Flash';
import { LoadingState } from '@shared/components/LoadingState';
import { prefetch, useLazyComponent } from '@shared/use-lazy';
import { useEffect, useRef, useState } from 'react';
import { OpenButton, type RecordDialog, RecordDialogs } from '../common/RecordDialogs';
import { useViewDialog } from '../common/use-view-dialog';
import { RulesTable, ruleApplyId, ruleEditId } from './RulesTable';
import { RunProgress } from './RunProgress';
import {
  type ActiveRun,
  type RuleView,
  useActiveRun,
  useOutcomeKpis,
  useRuleMutations,
  useRules,
} from './use-rules';

const loadRuleEditor = () => import('./RuleEditor');
const loadDeleteRule = () => import('./DeleteRuleDialog');
const prefetchRuleEditor = prefetch(loadRuleEditor);
const prefetchDeleteRule = prefetch(loadDeleteRule);

type Dialog = RecordDialog<RuleView>;

const HEADING = 'rules-heading';
/** How often the list is read again while someone else's run goes on, so its row shows how it ends. */
const OTHERS_POLL_MS = 3000;

/**
 * The mapping rules: JQL that links matching tickets to an outcome (and some of its KPIs). Rules are
 * created and edited in a dialog; "Apply to existing tickets" starts a backfill whose progress shows
 * live; deleting a rule starts the clean-up of its links, shown the same way.
 */
export default function RulesView({
  outcomes,
  onBack,
}: {
  /** The page's outcomes: the editor offers those the user manages. */
  outcomes: readonly AdminOutcome[];
  onBack: () => void;
}) {
  const { state, reload, refresh, adopt, drop } = useRules();
  const { backfill } = useRuleMutations();
  const { dialog, open: openDialog, close, done, flash, setFlash, returnFocus } = useViewDialog<Dialog>();
  const [actionError, setActionError] = useState<AppErrorBody | null>(null);
  const [starting, setStarting] = useState<string | null>(null);
  const editor = useLazyComponent(loadRuleEditor, 'the rule editor');
  const deleter = useLazyComponent(loadDeleteRule, 'the delete dialog');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const progressRef = useRef<HTMLHeadingElement>(null);
  /** Set when a run starts, so its progress takes focus once it shows. */
  const focusProgress = useRef(false);

  const { active, follow, dismiss } = useActiveRun((finished: ActiveRun) => {
    // The row's "last run" comes from the list: read it again now that the run has ended.
    if (finished.run.kind !== 'cleanup') void refresh();
  });

  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  useEffect(() => {
    if (!active || !focusProgress.current) return;
    focusProgress.current = false;
    progressRef.current?.focus();
  }, [active]);

  const rules = state.status === 'ready' ? state.data.rules : [];
  const othersRunning = rules.some((r) => r.lastRun?.status === 'running' && r.lastRun.id !== active?.run.id);
  useEffect(() => {
    if (!othersRunning) return;
    const timer = setInterval(() => void refresh(), OTHERS_POLL_MS);
    return () => clearInterval(timer);
  }, [othersRunning, refresh]);

  const { byOutcome, reload: reloadKpis } = useOutcomeKpis(
    rules.filter((r) => r.kpiIds.length > 0).map((r) => r.outcomeId),
  );
  const canCreate = outcomes.some((o) => o.canManage);

  const open = (next: Dialog) => {
    setActionError(null);
    openDialog(next);
  };

  const apply = async (rule: RuleView) => {
    if (starting) return;
    setFlash(null);
    setActionError(null);
    setStarting(rule.id);
    const reply = await backfill(rule.id);
    setStarting(null);
    if (!reply.ok) {
      setActionError(reply.error);
      return;
    }
    focusProgress.current = true;
    follow(rule, reply.data);
    adopt({ ...rule, lastRun: reply.data });
  };

  const createButton = canCreate ? (
    <OpenButton onOpen={() => open({ kind: 'create' })} prefetch={prefetchRuleEditor} testId="create-rule">
      Create rule
    </OpenButton>
  ) : null;

  return (
    <section
      className={`ob-stack${dialog ? ' ob-page--dialog-open' : ''}`}
      aria-labelledby={HEADING}
      data-testid="rules-view"
    >
      <button type="button" className="ob-back" onClick={onBack} data-testid="rules-back">
        <span aria-hidden="true">←</span> All outcomes
      </button>
      <div className="ob-section-head">
        <h2 className="ob-detail-title" id={HEADING} ref={headingRef} tabIndex={-1}>
          Mapping rules
        </h2>
        {state.status === 'ready' && rules.length > 0 && createButton ? (
          <div className="ob-toolbar__end">{createButton}</div>
        ) : null}
      </div>
      <p className="ob-rules-intro">
        A mapping rule links every ticket that matches its JQL, within its outcome's projects, to the outcome
        and the KPIs you pick: new and changed tickets as they change, and the tickets already there when you
        apply it.{' '}
        <strong data-testid="rules-choice-wins">
          A person's own choice on a ticket always wins over a rule: a ticket someone unlinked from an outcome
          is never linked to it again by a rule.
        </strong>
      </p>

      <Flash message={flash} testId="rules-flash" />
      {actionError ? (
        <div data-testid="rules-action-error">
          <ErrorState
            error={{
              ...actionError,
              message: [actionError.message, ...actionError.fieldErrors.map((f) => f.message)]
                .filter((m, i, all) => all.indexOf(m) === i)
                .join(' '),
            }}
          />
        </div>
      ) : null}
      {active ? <RunProgress active={active} headingRef={progressRef} onDismiss={dismiss} /> : null}

      {state.status === 'loading' ? <LoadingState label="Loading the mapping rules" /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? (
        <RulesTable
          rules={rules}
          kpisByOutcome={byOutcome}
          liveRun={active ? { ruleId: active.ruleId, run: active.run } : null}
          refreshing={state.refreshing}
          starting={starting}
          onEdit={(rule) => open({ kind: 'edit', record: rule })}
          onApply={(rule) => void apply(rule)}
          onDelete={(rule) => {
            prefetchDeleteRule();
            open({ kind: 'delete', record: rule });
          }}
          onPrefetchEditor={prefetchRuleEditor}
          onPrefetchDelete={prefetchDeleteRule}
          emptyView={
            <EmptyState title="No mapping rules yet" testId="rules-empty" action={createButton ?? undefined}>
              <p>
                A rule such as <code className="ob-code">issuetype = Bug</code> on “Reduce checkout
                abandonment” makes every Checkout bug serve that outcome, without anyone linking them one by
                one.
              </p>
              {canCreate ? null : (
                <p>You can create rules for outcomes of projects you administer; you administer none yet.</p>
              )}
            </EmptyState>
          }
        />
      ) : null}

      <RecordDialogs
        dialog={dialog}
        editor={editor}
        deleter={deleter}
        renderEditor={(rule) => (
          <editor.Component
            key={rule?.id ?? 'new'}
            rule={rule}
            outcomes={outcomes}
            refreshRules={refresh}
            returnFocus={returnFocus.ref}
            onClose={close}
            onSaved={(saved, how) => {
              adopt(saved);
              // The rule may name a KPI added since its outcome's KPIs were read.
              reloadKpis(saved.outcomeId);
              if (how === 'created') {
                returnFocus.focusNext(saved.enabled ? ruleApplyId(saved.id) : ruleEditId(saved.id));
              }
              // Switching a rule off starts taking its links off: its progress shows like a deletion's.
              const cleanup = saved.lastRun;
              if (
                how !== 'created' &&
                !saved.enabled &&
                cleanup?.kind === 'cleanup' &&
                cleanup.status === 'running'
              )
                follow(saved, cleanup);
              done(
                how === 'created'
                  ? saved.enabled
                    ? `Created the rule for “${saved.outcomeTitle}”. New and changed tickets that match are linked from now on; to link the tickets already there, apply it to existing tickets.`
                    : `Created the rule for “${saved.outcomeTitle}”. It is off: enable it to link tickets.`
                  : `Saved the rule for “${saved.outcomeTitle}”.${saved.enabled ? ' Apply it to existing tickets to bring them in line.' : ' It is off: its links are coming off the tickets it mapped; switch it on and apply it to bring them back.'}`,
              );
            }}
          />
        )}
        renderDelete={(rule) => (
          <deleter.Component
            key={rule.id}
            rule={rule}
            refreshRules={refresh}
            returnFocus={returnFocus.ref}
            onClose={close}
            onDeleted={(rule, cleanup) => {
              returnFocus.focusNext('run-progress-heading');
              drop(rule.id);
              follow(rule, cleanup);
              done(
                `Deleted the rule for “${rule.outcomeTitle}”. Its links are coming off the tickets it mapped.`,
              );
            }}
          />
        )}
      />
    </section>
  );
}
