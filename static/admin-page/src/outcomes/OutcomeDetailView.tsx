import Button from '@atlaskit/button/default/button';
import type { AdminOutcome } from '@contract/outcome';
import { ErrorState } from '@shared/components/ErrorState';
import { LoadingState } from '@shared/components/LoadingState';
import { StateLozenge } from '@shared/components/StateLozenge';
import { useEffect, useRef } from 'react';
import { OpenButton } from '../common/RecordDialogs';
import { KpiSection } from '../kpis/KpiSection';
import { OutcomeFacts } from './OutcomeFacts';
import { OutcomeWarnings } from './OutcomeWarnings';
import type { AdminProject } from './use-admin-page';
import { useOutcomeDetail } from './use-outcome-detail';

export interface OutcomeDetailViewProps {
  id: string;
  /** A KPI whose check-in form takes focus once loaded: the page was opened from a "check-in due" link. */
  checkInKpiId?: string | undefined;
  /** The page's outcomes as last loaded: for the parent and children, and an outcome saved meanwhile. */
  outcomes: readonly AdminOutcome[];
  projects: readonly AdminProject[];
  onBack: () => void;
  onOpenOutcome: (id: string) => void;
  onEdit: (outcome: AdminOutcome) => void;
  onDelete: (outcome: AdminOutcome) => void;
  onPrefetchEditor: () => void;
  /** Tells the page an outcome changed here (its KPI count, warnings), so its table stays right. */
  onOutcomeChanged: (outcome: AdminOutcome) => void;
}

/**
 * One outcome in full: its fields, owners and decision roles, warnings, and its KPIs with their
 * check-ins. Opens with focus on the back link, then on the outcome's heading once it has loaded.
 */
export default function OutcomeDetailView({
  id,
  checkInKpiId,
  outcomes,
  projects,
  onBack,
  onOpenOutcome,
  onEdit,
  onDelete,
  onPrefetchEditor,
  onOutcomeChanged,
}: OutcomeDetailViewProps) {
  const { state, reload, replace, refresh } = useOutcomeDetail(id);
  const backRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ready = state.status === 'ready';

  useEffect(() => {
    backRef.current?.focus();
  }, []);
  useEffect(() => {
    // Once loaded, the heading says where the user is; unless they have moved on from the back link.
    if (ready && (document.activeElement === backRef.current || document.activeElement === document.body)) {
      headingRef.current?.focus();
    }
  }, [ready]);

  const detailOutcome = state.status === 'ready' ? state.data.outcome : null;
  useEffect(() => {
    if (detailOutcome) onOutcomeChanged(detailOutcome);
  }, [detailOutcome, onOutcomeChanged]);

  const back = (
    <button type="button" ref={backRef} className="ob-back" onClick={onBack} data-testid="detail-back">
      <span aria-hidden="true">←</span> All outcomes
    </button>
  );

  if (state.status === 'loading') {
    return (
      <section className="ob-stack" data-testid="outcome-detail" aria-label="Outcome">
        {back}
        <LoadingState label="Loading the outcome" />
      </section>
    );
  }
  if (state.status === 'error') {
    return (
      <section className="ob-stack" data-testid="outcome-detail" aria-label="Outcome">
        {back}
        <ErrorState
          error={
            state.error.code === 'NOT_FOUND'
              ? { ...state.error, message: 'This outcome no longer exists. Someone may have deleted it.' }
              : state.error
          }
          onRetry={() => void reload()}
        />
      </section>
    );
  }

  const { kpis } = state.data;
  // An outcome saved from this view (the editor answers to the page) may be newer than the detail.
  const listed = outcomes.find((o) => o.id === id);
  const outcome = listed && listed.version > state.data.outcome.version ? listed : state.data.outcome;
  const childOutcomes = outcomes.filter((o) => o.parent?.id === id);

  return (
    <section
      className="ob-stack"
      data-testid="outcome-detail"
      aria-labelledby="outcome-detail-heading"
      aria-busy={state.refreshing}
    >
      {back}
      <header className="ob-detail-head">
        <div className="ob-detail-head__title">
          <h2 className="ob-detail-title" id="outcome-detail-heading" ref={headingRef} tabIndex={-1}>
            {outcome.title}
          </h2>
          <StateLozenge state={outcome.state} />
        </div>
        {outcome.canManage ? (
          <div className="ob-actions">
            <OpenButton
              appearance="default"
              onOpen={() => onEdit(outcome)}
              prefetch={onPrefetchEditor}
              testId="detail-edit-outcome"
            >
              Edit outcome
            </OpenButton>
            <Button appearance="subtle" onClick={() => onDelete(outcome)} testId="detail-delete-outcome">
              Delete
            </Button>
          </div>
        ) : (
          <p className="ob-muted ob-small" data-testid="detail-read-only">
            Read only: it spans a project you do not administer.
          </p>
        )}
      </header>
      <p className="ob-statement" data-testid="detail-statement">
        {outcome.statement}
      </p>
      <OutcomeWarnings warnings={outcome.warnings} />
      <OutcomeFacts
        outcome={outcome}
        projects={projects}
        childOutcomes={childOutcomes}
        parentVisible={outcomes.some((o) => o.id === outcome.parent?.id)}
        onOpenOutcome={onOpenOutcome}
      />
      <KpiSection
        outcome={outcome}
        kpis={kpis}
        onDetail={replace}
        refreshDetail={refresh}
        checkInKpiId={checkInKpiId}
      />
    </section>
  );
}
