import type { KpiView } from '@contract/kpi';
import { pairingProblem } from '@domain/kpi';
import { FieldShell } from './FieldShell';
import type { KpiForm } from './kpi-form';
import { KIND_NAME } from './kpi-labels';

/**
 * The KPI of the other kind this one is paired with ("checkout API availability" with "checkout
 * abandonment"), chosen among the outcome's KPIs. A pairing the rules refuse says why, as the domain does.
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
  const others = kpis.filter((k) => k.id !== kpiId);
  const partner = form.pairedKpiId ? kpis.find((k) => k.id === form.pairedKpiId) : undefined;
  const candidates = others.filter((k) => k.kind !== form.kind || k.id === form.pairedKpiId);
  const problem = form.pairedKpiId
    ? pairingProblem({ id: kpiId ?? 'new', kind: form.kind, outcomeId }, partner)
    : null;
  const otherKind = form.kind === 'business' ? 'technical' : 'business';
  const takenBy = (k: KpiView) =>
    k.pairedKpiId && k.pairedKpiId !== kpiId ? kpis.find((p) => p.id === k.pairedKpiId) : undefined;
  const partnerTakenBy = partner ? takenBy(partner) : undefined;
  return (
    <FieldShell
      id={id}
      label={`Paired ${otherKind} KPI`}
      wide
      testId="kpi-pair-field"
      error={error ?? problem ?? undefined}
      helper={
        partnerTakenBy
          ? `“${partner?.name}” is currently paired with “${partnerTakenBy.name}”.`
          : candidates.length === 0
            ? `This outcome has no ${otherKind} KPI yet. Add one, then pair them so both sides see cause and effect.`
            : `Pair it with the ${otherKind} KPI it moves or depends on, so both sides read them together.`
      }
    >
      {(aria) => (
        <select
          id={aria.id}
          className="ob-select"
          value={form.pairedKpiId}
          onChange={(e) => onChange(e.currentTarget.value)}
          disabled={disabled}
          aria-invalid={aria.invalid || undefined}
          aria-describedby={aria.describedBy}
          data-testid="kpi-pair"
        >
          <option value="">Not paired</option>
          {form.pairedKpiId && !partner ? <option value={form.pairedKpiId}>A deleted KPI</option> : null}
          {candidates.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name} ({KIND_NAME[k.kind].toLowerCase()})
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
