import Button from '@atlaskit/button/default/button';
import ModalBody from '@atlaskit/modal-dialog/modal-body';
import ModalDialog from '@atlaskit/modal-dialog/modal-dialog';
import ModalFooter from '@atlaskit/modal-dialog/modal-footer';
import ModalHeader from '@atlaskit/modal-dialog/modal-header';
import ModalTitle from '@atlaskit/modal-dialog/modal-title';
import type { AppErrorBody, Reply } from '@contract/envelope';
import { ErrorState } from '@shared/components/ErrorState';
import { Notice } from '@shared/components/Notice';
import { formatMoment } from '@shared/format';
import { type RefObject, useRef, useState } from 'react';
import { ConflictNotice } from './ConflictNotice';
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
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [target, setTarget] = useState({ id: kpi.id, name: kpi.name, version: kpi.version });
  const [busy, setBusy] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [gone, setGone] = useState(false);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setInfo(null);
    const reply = await remove(target.id, target.version);
    setBusy(false);
    if (reply.ok) {
      onDeleted(reply.data, target.name);
      return;
    }
    setError(reply.error);
    if (reply.error.code === 'NOT_FOUND') setGone(true);
  };

  const loadTheirs = async () => {
    setReloading(true);
    const reply = await refreshDetail();
    setReloading(false);
    if (!reply.ok) {
      setError(reply.error);
      return;
    }
    const current = reply.data.kpis.find((k) => k.id === target.id);
    setError(null);
    if (!current) {
      setGone(true);
      setInfo('Someone has deleted this KPI already. There is nothing left to delete.');
      return;
    }
    setTarget({ id: current.id, name: current.name, version: current.version });
    setInfo(
      `Their version is loaded: changed by ${current.updatedBy?.displayName ?? 'someone'} ${formatMoment(current.updatedAt)}. Delete it if you still mean to.`,
    );
  };

  const conflict = error?.code === 'CONFLICT' ? error : null;
  const otherError = error && error.code !== 'CONFLICT' ? error : null;

  return (
    <ModalDialog
      onClose={() => !busy && onClose()}
      autoFocus={cancelRef}
      shouldReturnFocus={returnFocus}
      testId="delete-kpi-dialog"
      width="small"
    >
      <ModalHeader>
        <ModalTitle appearance="danger">Delete the KPI “{target.name}”?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <div className="ob-field">
          <p>Its check-in history is deleted with it. This cannot be undone.</p>
          {partner ? (
            <p data-testid="delete-kpi-unpairs">
              It is paired with <strong>{partner.name}</strong>; deleting it leaves “{partner.name}” unpaired.
            </p>
          ) : null}
          {conflict ? (
            <ConflictNotice error={conflict}>
              <p>
                <Button onClick={() => void loadTheirs()} isLoading={reloading} testId="kpi-delete-reload">
                  Reload their version
                </Button>
              </p>
            </ConflictNotice>
          ) : null}
          {otherError ? <ErrorState error={otherError} /> : null}
          {info ? (
            <Notice appearance={gone ? 'warning' : 'information'}>
              <p data-testid="delete-kpi-info">{info}</p>
            </Notice>
          ) : null}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button
          ref={cancelRef}
          appearance="subtle"
          onClick={onClose}
          isDisabled={busy}
          testId="delete-kpi-cancel"
        >
          {gone ? 'Close' : 'Cancel'}
        </Button>
        {gone ? null : (
          <Button
            appearance="danger"
            onClick={() => void confirm()}
            isLoading={busy}
            isDisabled={reloading || conflict !== null}
            testId="delete-kpi-confirm"
          >
            Delete KPI
          </Button>
        )}
      </ModalFooter>
    </ModalDialog>
  );
}
