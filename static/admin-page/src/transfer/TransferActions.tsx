import Button from '@atlaskit/button/default/button';
import type { AppErrorBody } from '@contract/envelope';
import { downloadText, localDay } from '@shared/download';
import { useState } from 'react';
import { OpenButton } from '../common/RecordDialogs';
import { useTransfer } from './use-transfer';

/**
 * "Export JSON" downloads a backup (outcomes, KPIs with values and history, rules, settings) as one file;
 * "Import JSON" opens the import dialog
 * (when the user may create outcomes).
 */
export function TransferActions({
  canImport,
  onImport,
  onPrefetchImport,
  onExported,
}: {
  canImport: boolean;
  onImport: () => void;
  onPrefetchImport: () => void;
  onExported: (message: string) => void;
}) {
  const { exportDocument } = useTransfer();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);

  const exportNow = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const reply = await exportDocument();
    setBusy(false);
    if (!reply.ok) {
      setError(reply.error);
      return;
    }
    const fileName = `outcome-bridge-backup-${localDay()}.json`;
    downloadText(fileName, `${JSON.stringify(reply.data, null, 2)}\n`);
    const n = reply.data.outcomes.length;
    const kpis = reply.data.outcomes.flatMap((o) => o.kpis);
    const checkIns = kpis.reduce((sum, k) => sum + k.checkIns.length, 0);
    onExported(
      `Exported ${n} ${n === 1 ? 'outcome' : 'outcomes'} with ${kpis.length} ${kpis.length === 1 ? 'KPI' : 'KPIs'} and ${checkIns} ${checkIns === 1 ? 'check-in' : 'check-ins'}, ${reply.data.rules.length} mapping rules and the settings to ${fileName}.`,
    );
  };

  return (
    <div className="ob-transfer">
      <div className="ob-actions">
        <Button onClick={() => void exportNow()} isLoading={busy} testId="export-json">
          Export JSON
        </Button>
        {canImport ? (
          <OpenButton appearance="default" onOpen={onImport} prefetch={onPrefetchImport} testId="import-json">
            Import JSON
          </OpenButton>
        ) : null}
      </div>
      {error ? (
        <p className="ob-small ob-text-danger" role="alert" data-testid="export-error">
          Export failed: {error.message}
        </p>
      ) : null}
    </div>
  );
}
