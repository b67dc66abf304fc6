import type { KpiView } from '@contract/kpi';
import { pairingProblem } from '@domain/kpi';
import { ChoiceRow } from '../common/ChoiceRow';
import { FieldShell } from '../common/FieldShell';
import type { KpiForm } from './kpi-form';
import { KIND_NAME } from './kpi-labels';

/**
 * Pairing is many to one: a technical KPI names the business KPI it moves ("checkout API availability"
 * moves "checkout abandonment"), and a business KPI is moved by every technical KPI that names it. So a
 * technical KPI chooses its business KPI here; a business KPI lists the technical KPIs that move it.
 */
export function KpiPairField({
  id,
  form,
  outcomeId,
  kpiId,
  kpis,
  error,
  disabled,
  onChange,
}: {
  id: string;
  form: KpiForm;
  outcomeId: string;
  /** The KPI being edited; null when creating. */
  kpiId: string | null;
  kpis: readonly KpiView[];
  error: string | undefined;
  disabled: boolean;
  onChange: (pairedKpiId: string) => void;
}) {
  if (form.kind === 'business') {
    const movers = kpis.filter((k) => k.kind === 'technical' && kpiId !== null && k.pairedKpiId === kpiId);
    return (
      <FieldShell
        id={id}
        label="Moved by technical KPIs"
        wide
        testId="kpi-pair-field"
        error={error}
        helper="A business KPI can be moved by several technical KPIs: pair each of them with this one from its own editor."
      >
        {(aria) => (
          <output
            id={aria.id}
            className="ob-small"
            data-testid="kpi-movers"
            aria-describedby={aria.describedBy}
          >
            {movers.length === 0 ? 'None yet.' : movers.map((k) => k.name).join(', ')}
          </output>
        )}
      </FieldShell>
    );
  }
  const partner = form.pairedKpiId ? kpis.find((k) => k.id === form.pairedKpiId) : undefined;
  const candidates = kpis.filter(
    (k) => k.id !== kpiId && (k.kind === 'business' || k.id === form.pairedKpiId),
  );
  const problem = form.pairedKpiId
    ? pairingProblem({ id: kpiId ?? 'new', kind: form.kind, outcomeId }, partner)
    : null;
  const sharing = partner
    ? kpis.filter((k) => k.id !== kpiId && k.kind === 'technical' && k.pairedKpiId === partner.id)
    : [];
  return (
    <ChoiceRow
      id={id}
      label="Business KPI it moves"
      wide
      testId="kpi-pair-field"
      error={error ?? problem ?? undefined}
      helper={
        candidates.length === 0
          ? 'This outcome has no business KPI yet. Add one, then pair this KPI with it so both sides see cause and effect.'
          : sharing.length > 0
            ? `“${partner?.name}” is also moved by ${sharing.map((k) => `“${k.name}”`).join(', ')}; pairing this one keeps those pairings.`
            : 'Pair it with the business KPI it moves, so both sides read them together.'
      }
      inputTestId="kpi-pair"
      choices={[
        { value: '', label: 'Not paired' },
        ...(form.pairedKpiId && !partner ? [{ value: form.pairedKpiId, label: 'A deleted KPI' }] : []),
        ...candidates.map((k) => ({
          value: k.id,
          label: `${k.name} (${KIND_NAME[k.kind].toLowerCase()})`,
        })),
      ]}
      value={form.pairedKpiId}
      onChange={onChange}
      disabled={disabled}
    />
  );
}
