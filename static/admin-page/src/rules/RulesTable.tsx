import Button from '@atlaskit/button/default/button';
import DynamicTable from '@atlaskit/dynamic-table/stateful';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import { plural } from '@domain/units';
import { formatMoment, matchedTickets } from '@shared/format';
import type { ReactElement } from 'react';
import { EditDeleteButtons, type RecordActions } from '../common/RecordDialogs';
import { KIND_NAME } from '../kpis/kpi-labels';
import { rateLimitedWords, STATUS_NAME } from './run-words';
import type { OutcomeKpis, RuleView, RunView } from './use-rules';

const head: HeadType = {
  cells: [
    { key: 'outcome', content: 'Outcome', isSortable: true, width: 16 },
    { key: 'jql', content: 'JQL', width: 20 },
    { key: 'effective', content: 'Effective JQL', width: 22 },
    { key: 'kpis', content: 'KPIs' },
    { key: 'enabled', content: 'Enabled', isSortable: true },
    { key: 'run', content: 'Last run' },
    { key: 'actions', content: <span className="ob-visually-hidden">Actions</span> },
  ],
};

export const ruleEditId = (id: string) => `rule-edit-${id}`;
export const ruleApplyId = (id: string) => `rule-apply-${id}`;

/** The last run of a rule in a few words: its status, counts, when, and any rate limiting or error. */
function LastRun({ run }: { run: RunView | null }) {
  if (!run) return <span className="ob-muted ob-small">Not applied to existing tickets yet</span>;
  const limited = rateLimitedWords(run);
  return (
    <div className="ob-rule-run">
      <span>
        <span className={`ob-rule-state ob-rule-state--${run.status}`}>{STATUS_NAME[run.status]}</span>
      </span>
      <span className="ob-small">
        {run.status === 'done'
          ? `${matchedTickets(run)} match; ${run.changed} changed`
          : `${run.changed} changed so far`}
        , {plural(run.pages, 'page')}
      </span>
      {limited ? <span className="ob-small ob-text-warning">{limited}</span> : null}
      {run.status === 'failed' && run.error ? (
        <span className="ob-small ob-text-danger">{run.error}</span>
      ) : null}
      <time className="ob-small ob-muted" dateTime={run.finishedAt ?? run.updatedAt}>
        {formatMoment(run.finishedAt ?? run.updatedAt)}
      </time>
    </div>
  );
}

function KpiNames({ rule, kpis }: { rule: RuleView; kpis: OutcomeKpis | undefined }) {
  if (rule.kpiIds.length === 0) return <span className="ob-muted ob-small">None: the outcome only</span>;
  if (kpis?.status !== 'ready') return <span className="ob-small">{plural(rule.kpiIds.length, 'KPI')}</span>;
  return (
    <ul className="ob-rule-kpis ob-small">
      {rule.kpiIds.map((id) => {
        const kpi = kpis.kpis.find((k) => k.id === id);
        return (
          <li key={id}>
            {kpi ? (
              <>
                {kpi.name} <span className="ob-muted">({KIND_NAME[kpi.kind].toLowerCase()})</span>
              </>
            ) : (
              <span className="ob-muted">a deleted KPI</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Every mapping rule the user can see: its outcome, its JQL as written and as it runs (within the
 * outcome's projects), its KPIs, whether it is on, and its last run; with edit, apply and delete for
 * the rules of outcomes the user manages.
 */
export function RulesTable({
  rules,
  kpisByOutcome,
  liveRun,
  refreshing,
  starting,
  emptyView,
  onEdit,
  onApply,
  onDelete,
  onPrefetchEditor,
  onPrefetchDelete,
}: RecordActions<RuleView> & {
  rules: readonly RuleView[];
  kpisByOutcome: ReadonlyMap<string, OutcomeKpis>;
  /** The run this user is following, fresher than the list's copy. */
  liveRun: { ruleId: string; run: RunView } | null;
  refreshing: boolean;
  /** The rule whose backfill is being started. */
  starting: string | null;
  emptyView: ReactElement;
  onApply: (rule: RuleView) => void;
  onPrefetchEditor: () => void;
  onPrefetchDelete: () => void;
}) {
  const rows: RowType[] = rules.map((rule) => {
    const run = liveRun?.ruleId === rule.id ? liveRun.run : rule.lastRun;
    const running = run?.status === 'running';
    return {
      key: rule.id,
      testId: `rule-row-${rule.id}`,
      cells: [
        { key: rule.outcomeTitle, content: <strong>{rule.outcomeTitle}</strong> },
        {
          content: (
            <code className="ob-code ob-rule-jql" data-testid={`rule-jql-${rule.id}`}>
              {rule.jql}
            </code>
          ),
        },
        {
          content: (
            <code
              className="ob-code ob-rule-jql ob-rule-jql--effective"
              data-testid={`rule-effective-${rule.id}`}
            >
              {rule.effectiveJql}
            </code>
          ),
        },
        { content: <KpiNames rule={rule} kpis={kpisByOutcome.get(rule.outcomeId)} /> },
        {
          key: rule.enabled ? 0 : 1,
          content: (
            <span
              className={`ob-rule-state ob-rule-state--${rule.enabled ? 'on' : 'off'}`}
              data-testid={`rule-enabled-${rule.id}`}
            >
              {rule.enabled ? 'On' : 'Off'}
            </span>
          ),
        },
        { content: <LastRun run={run} /> },
        {
          content: rule.canManage ? (
            <div className="ob-rule-actions">
              <Button
                id={ruleApplyId(rule.id)}
                onClick={() => onApply(rule)}
                isDisabled={!rule.enabled || running}
                isLoading={starting === rule.id}
                aria-label={`Apply to existing tickets: the rule for ${rule.outcomeTitle}`}
                testId={`rule-backfill-${rule.id}`}
              >
                Apply to existing tickets
              </Button>
              {!rule.enabled ? (
                <span className="ob-small ob-muted">Enable the rule to apply it.</span>
              ) : running ? (
                <span className="ob-small ob-muted">Applying now…</span>
              ) : null}
              <span className="ob-actions ob-actions--start">
                <EditDeleteButtons
                  record={rule}
                  actions={{ onEdit, onDelete }}
                  what={`the rule for ${rule.outcomeTitle}`}
                  testIds={{ edit: `rule-edit-${rule.id}`, delete: `rule-delete-${rule.id}` }}
                  editId={ruleEditId(rule.id)}
                  prefetchEditor={onPrefetchEditor}
                  prefetchDelete={onPrefetchDelete}
                />
              </span>
            </div>
          ) : (
            <span className="ob-muted ob-small" data-testid={`rule-read-only-${rule.id}`}>
              Read only: its outcome spans a project you do not administer.
            </span>
          ),
        },
      ],
    };
  });

  return (
    <div data-testid="rules-table">
      <DynamicTable
        label="Mapping rules"
        head={head}
        rows={rows}
        defaultSortKey="outcome"
        defaultSortOrder="ASC"
        isLoading={refreshing}
        loadingLabel="Refreshing the rules"
        emptyView={emptyView}
      />
    </div>
  );
}
