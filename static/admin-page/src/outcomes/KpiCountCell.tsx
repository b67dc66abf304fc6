import type { AdminOutcome } from '@contract/outcome';
import { plural } from '@domain/units';

/** An outcome's KPI count in the table, with its drafts and any guardrail warning marked. */
export function KpiCountCell({ outcome }: { outcome: AdminOutcome }) {
  const { kpiCount, draftKpiCount, warnings } = outcome;
  return (
    <span className="ob-kpi-count" data-testid={`kpi-count-${outcome.id}`}>
      {kpiCount === 0 ? <span className="ob-muted">None yet</span> : <span>{plural(kpiCount, 'KPI')}</span>}
      {draftKpiCount > 0 ? (
        <span className="ob-lozenge ob-lozenge--draft" data-testid={`kpi-drafts-${outcome.id}`}>
          {draftKpiCount === 1 ? '1 draft' : `${draftKpiCount} drafts`}
        </span>
      ) : null}
      {warnings.length > 0 ? (
        <span
          className="ob-warning-mark"
          title={warnings.join(' ')}
          data-testid={`kpi-warning-${outcome.id}`}
        >
          <span aria-hidden="true">⚠</span>
          <span className="ob-visually-hidden">Warning: {warnings.join(' ')}</span>
        </span>
      ) : null}
    </span>
  );
}
