import type { Reply } from '@contract/envelope';
import type { RefObject } from 'react';
import { ConfirmDeleteDialog } from '../common/ConfirmDeleteDialog';
import { useDeleteRecord } from '../common/use-delete-record';
import { type KpiView, type OutcomeDetail, useKpiMutations } from '../outcomes/use-outcome-detail';

export interface DeleteKpiDialogProps {
  kpi: KpiView;
  onClose: () => void;
  onDeleted: (detail: OutcomeDetail, name: string) => void;
  refreshDetail: () => Promise<Reply<OutcomeDetail>>;
  returnFocus: RefObject<HTMLElement>;
}

const targetOf = (kpi: KpiView) => ({ id: kpi.id, name: kpi.name, version: kpi.version });

/**
 * Asks before deleting a KPI, saying what goes with it (its check-ins) and what changes (the technical
 * KPIs that move a business KPI are left unpaired). Deletes only the version the user saw; if someone changed it since, says who.
 */
export default function DeleteKpiDialog({
  kpi,
  onClose,
  onDeleted,
  refreshDetail,
  returnFocus,
}: DeleteKpiDialogProps) {
  const { remove } = useKpiMutations();
  const deletion = useDeleteRecord({
    noun: 'KPI',
    initial: targetOf(kpi),
    targetOf,
    remove: (target) => remove(target.id, target.version),
    onDeleted: (detail, target) => onDeleted(detail, target.name),
    refresh: refreshDetail,
    find: (data: OutcomeDetail, id) => data.kpis.find((k) => k.id === id),
  });

  return (
    <ConfirmDeleteDialog
      deletion={deletion}
      title={`Delete the KPI “${deletion.target.name}”?`}
      width="small"
      testIds={{
        dialog: 'delete-kpi-dialog',
        reload: 'kpi-delete-reload',
        info: 'delete-kpi-info',
        cancel: 'delete-kpi-cancel',
        confirm: 'delete-kpi-confirm',
      }}
      onClose={onClose}
      returnFocus={returnFocus}
      confirmLabel="Delete KPI"
    >
      <p>Its check-in history is deleted with it. This cannot be undone.</p>
      {kpi.kind === 'business' && kpi.partners.length > 0 ? (
        <p data-testid="delete-kpi-unpairs">
          {kpi.partners.map((p) => `“${p.name}”`).join(', ')} {kpi.partners.length === 1 ? 'moves' : 'move'}{' '}
          it; deleting it leaves {kpi.partners.length === 1 ? 'that KPI' : 'them'} unpaired.
        </p>
      ) : null}
    </ConfirmDeleteDialog>
  );
}
