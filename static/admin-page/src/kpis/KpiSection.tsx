import type { Reply } from '@contract/envelope';
import { KPI_GUARDRAIL } from '@contract/limits';
import type { AdminOutcome } from '@contract/outcome';
import { EmptyState } from '@shared/components/EmptyState';
import { Flash } from '@shared/components/Flash';
import { prefetch, useLazyComponent } from '@shared/use-lazy';
import { OpenButton, type RecordDialog, RecordDialogs } from '../common/RecordDialogs';
import { useViewDialog } from '../common/use-view-dialog';
import type { KpiView, OutcomeDetail } from '../outcomes/use-outcome-detail';
import { KpiCard, kpiHeadingId } from './KpiCard';

const loadKpiEditor = () => import('./KpiEditor');
const loadDeleteKpi = () => import('./DeleteKpiDialog');
const prefetchKpiEditor = prefetch(loadKpiEditor);
const prefetchDeleteKpi = prefetch(loadDeleteKpi);

type Dialog = RecordDialog<KpiView>;

const SECTION_HEADING = 'kpi-section-heading';

/** The outcome's KPIs: the list, "Add KPI", and the KPI editor and delete dialog (loaded on demand). */
export function KpiSection({
  outcome,
  kpis,
  onDetail,
  refreshDetail,
  checkInKpiId,
}: {
  checkInKpiId?: string | undefined;
  outcome: AdminOutcome;
  kpis: readonly KpiView[];
  onDetail: (detail: OutcomeDetail) => void;
  refreshDetail: () => Promise<Reply<OutcomeDetail>>;
}) {
  const { dialog, open, close, done, flash, returnFocus } = useViewDialog<Dialog>();
  const editor = useLazyComponent(loadKpiEditor, 'the KPI editor');
  const deleter = useLazyComponent(loadDeleteKpi, 'the delete dialog');

  const addButton = outcome.canManage ? (
    <OpenButton onOpen={() => open({ kind: 'create' })} prefetch={prefetchKpiEditor} testId="add-kpi">
      Add KPI
    </OpenButton>
  ) : null;

  return (
    // While a dialog is open the section keeps room for it: Jira sizes the app's frame to its content.
    <section
      className={`ob-stack${dialog ? ' ob-page--dialog-open' : ''}`}
      aria-labelledby={SECTION_HEADING}
      data-testid="kpi-section"
    >
      <div className="ob-section-head">
        <h3 className="ob-section-title" id={SECTION_HEADING} tabIndex={-1}>
          KPIs <span className="ob-muted">({kpis.length})</span>
        </h3>
        <p className="ob-small ob-muted">
          {KPI_GUARDRAIL.recommendedMin} or {KPI_GUARDRAIL.recommendedMax} KPIs keep everyone focused: a
          business KPI that says the outcome is reached, paired with the technical KPI that moves it.
        </p>
        {kpis.length > 0 ? <div className="ob-toolbar__end">{addButton}</div> : null}
      </div>

      <Flash message={flash} testId="kpi-flash" />

      {kpis.length === 0 ? (
        <EmptyState title="No KPIs yet" testId="kpis-empty" action={addButton ?? undefined}>
          <p>
            A KPI is how both sides will know the outcome is happening: a number with a baseline, a target and
            a due date. Start with the business KPI, e.g. “Checkout abandonment rate from 70% to 59.5%”, then
            the technical KPI that moves it, e.g. “Checkout API availability at 99.95%”, and pair them.
          </p>
        </EmptyState>
      ) : (
        <div className="ob-stack" data-testid="kpi-list">
          {kpis.map((kpi) => (
            <KpiCard
              key={kpi.id}
              kpi={kpi}
              canManage={outcome.canManage}
              focusCheckIn={kpi.id === checkInKpiId}
              onEdit={(k) => open({ kind: 'edit', record: k })}
              onDelete={(k) => {
                prefetchDeleteKpi();
                open({ kind: 'delete', record: k });
              }}
              onDetail={onDetail}
              onPrefetch={prefetchKpiEditor}
            />
          ))}
        </div>
      )}

      <RecordDialogs
        dialog={dialog}
        editor={editor}
        deleter={deleter}
        renderEditor={(kpi) => (
          <editor.Component
            key={kpi?.id ?? 'new'}
            outcome={outcome}
            kpis={kpis}
            kpi={kpi}
            onClose={close}
            refreshDetail={refreshDetail}
            returnFocus={returnFocus.ref}
            onSaved={(detail, kpiId, how) => {
              onDetail(detail);
              const saved = detail.kpis.find((k) => k.id === kpiId);
              if (how === 'created' && saved) returnFocus.focusNext(kpiHeadingId(saved.id));
              const name = saved?.name ?? 'the KPI';
              done(
                saved?.isDraft
                  ? `Saved “${name}” as a draft. It is listed, but it does not count until it passes the SMART check.`
                  : `${how === 'created' ? 'Added' : 'Saved'} “${name}”.`,
              );
            }}
          />
        )}
        renderDelete={(kpi) => (
          <deleter.Component
            key={kpi.id}
            kpi={kpi}
            onClose={close}
            refreshDetail={refreshDetail}
            returnFocus={returnFocus.ref}
            onDeleted={(detail, name) => {
              returnFocus.focusNext(SECTION_HEADING);
              onDetail(detail);
              done(`Deleted “${name}”.`);
            }}
          />
        )}
      />
    </section>
  );
}
