import Button from '@atlaskit/button/default/button';
import { downloadText, localDay } from '@shared/download';
import { OpenButton } from '../common/RecordDialogs';
import { useCall } from '../common/use-call';
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
  const {
    busy,
    error,
    run: exportNow,
  } = useCall(exportDocument, (backup) => {
    const fileName = `outcome-bridge-backup-${localDay()}.json`;
    downloadText(fileName, `${JSON.stringify(backup, null, 2)}\n`);
    const n = backup.outcomes.length;
    const kpis = backup.outcomes.flatMap((o) => o.kpis);
    const checkIns = kpis.reduce((sum, k) => sum + k.checkIns.length, 0);
    onExported(
      `Exported ${n} ${n === 1 ? 'outcome' : 'outcomes'} with ${kpis.length} ${kpis.length === 1 ? 'KPI' : 'KPIs'} and ${checkIns} ${checkIns === 1 ? 'check-in' : 'check-ins'}, ${backup.rules.length} mapping rules and the settings to ${fileName}.`,
    );
  });

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
