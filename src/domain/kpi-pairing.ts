import type { Kpi } from './kpi';
import type { ChangeStamp } from './outcome';

/**
 * The other KPIs a change of `subject`'s pairing touches. Pairing is mutual: pairing A with B also
 * pairs B with A and releases whatever A and B were paired with before; unpairing releases the partner.
 * `others` are the outcome's other KPIs as stored; the result holds each changed KPI's next state.
 */
export function pairingUpdates(
  subject: Pick<Kpi, 'id' | 'pairedKpiId'>,
  previousPartnerId: string | null,
  others: readonly Kpi[],
  stamp: ChangeStamp,
): Kpi[] {
  const byId = new Map(others.map((k) => [k.id, k]));
  const next = new Map<string, Kpi>();
  const set = (kpi: Kpi, pairedKpiId: string | null) => {
    const base = next.get(kpi.id) ?? kpi;
    if (base.pairedKpiId === pairedKpiId) return;
    next.set(kpi.id, {
      ...base,
      pairedKpiId,
      version: kpi.version + 1,
      updatedAt: stamp.at.toISOString(),
      updatedBy: stamp.accountId,
    });
  };
  if (previousPartnerId && previousPartnerId !== subject.pairedKpiId) {
    const previous = byId.get(previousPartnerId);
    if (previous?.pairedKpiId === subject.id) set(previous, null);
  }
  if (subject.pairedKpiId) {
    const partner = byId.get(subject.pairedKpiId);
    if (partner) {
      const partnersOld = partner.pairedKpiId ? byId.get(partner.pairedKpiId) : undefined;
      if (partnersOld && partnersOld.id !== subject.id && partnersOld.pairedKpiId === partner.id)
        set(partnersOld, null);
      set(partner, subject.id);
    }
  }
  return [...next.values()];
}
