import type { Reply } from '@contract/envelope';
import type { RefObject } from 'react';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';
import { useDeleteRecord } from './use-delete-record';
import { type KpiView, type OutcomeDetail, useKpiMutations } from './use-outcome-detail';

export interface DeleteKpiDialogProps {
  kpi: KpiView;
  /** The KPI it is paired with: deleting unpairs it. */
  partner: KpiView | undefined;
  onClose: () => void;
  onDeleted: (detail: OutcomeDetail, name: string) => void;
  refreshDetail: () => Promise<Reply<OutcomeDetail>>;
  returnFocus: RefObject<HTMLElement>;
}

const targetOf = (kpi: KpiView) => ({ id: kpi.id, name: kpi.name, version: kpi.version });

/**
 * Asks before deleting a KPI, saying what goes with it (its check-ins) and what changes (its partner is
 * unpaired). Deletes only the version the user saw; if someone changed it since, says who.
 */
export default function DeleteKpiDialog({
  kpi,
  partner,
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
      {partner ? (
        <p data-testid="delete-kpi-unpairs">
          It is paired with <strong>{partner.name}</strong>; deleting it leaves “{partner.name}” unpaired.
        </p>
      ) : null}
    </ConfirmDeleteDialog>
  );
}
