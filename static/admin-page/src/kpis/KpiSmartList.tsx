import type { SmartFinding } from '@contract/kpi';
import { SmartLines } from '../common/SmartFeedback';

/** The server's SMART findings for a saved KPI: one line per failed letter. */
export function KpiSmartList({ findings }: { findings: readonly SmartFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <div className="ob-smart ob-smart--compact" data-testid="kpi-smart">
      <p className="ob-small">
        <strong>Not yet SMART</strong>
      </p>
      <SmartLines findings={findings} testIdPrefix="kpi-smart" />
    </div>
  );
}

/** SMART warnings that do not make a draft (a target beyond the pace the KPI's history shows). */
export function KpiWarnings({ findings }: { findings: readonly SmartFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <div className="ob-smart ob-smart--compact ob-smart--warning" data-testid="kpi-warnings">
      <p className="ob-small">
        <strong>Worth a second look</strong> (a warning: the KPI still counts)
      </p>
      <SmartLines findings={findings} testIdPrefix="kpi-warning" />
    </div>
  );
}
