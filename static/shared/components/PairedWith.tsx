import type { PanelKpi } from '@contract/issue-panel';

/**
 * What a KPI is paired with, as the admin page pairs them: a technical KPI "moves" one business KPI, and a
 * business KPI is "moved by" every technical KPI that names it. Nothing is said of an unpaired KPI.
 */
export function PairedWith({ kpi }: { kpi: Pick<PanelKpi, 'id' | 'kind' | 'pairedWith'> }) {
  if (kpi.pairedWith.length === 0) return null;
  return (
    <p className="ob-small" data-testid={`kpi-paired-${kpi.id}`}>
      {kpi.kind === 'business' ? 'Moved by ' : 'Moves '}
      {kpi.pairedWith.map((p) => `“${p.name}”`).join(', ')}
    </p>
  );
}
