import type { FieldError } from '../../contract/envelope';
import type { KpiDraft } from '../../contract/kpi';
import { validationFailed } from '../../domain/errors';
import { checkSmart, type Kpi, pairingProblem } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
import { outOfRange } from '../../domain/units';
import { sourceProblems } from '../shared/jql-check';
import { timeframeOf } from './kpi-view';

/**
 * Everything a KPI must satisfy before it is written. SMART failures are allowed only as a draft;
 * pairing and JQL problems never are. Returns whether the KPI is saved as a draft.
 */
export async function checkKpiDraft(
  draft: KpiDraft,
  context: { id: string; outcome: Outcome; siblings: readonly Kpi[]; saveAsDraft: boolean },
): Promise<{ isDraft: boolean }> {
  const smart = checkSmart(draft, timeframeOf(context.outcome));
  const errors: FieldError[] = [];
  if (draft.pairedKpiId !== null) {
    // Only this outcome's KPIs can pair; another outcome's is not looked up (it may be one the caller cannot see).
    const partner = context.siblings.find((k) => k.id === draft.pairedKpiId);
    const problem = pairingProblem({ id: context.id, kind: draft.kind, outcomeId: draft.outcomeId }, partner);
    if (problem) errors.push({ path: 'draft.pairedKpiId', message: problem });
  }
  errors.push(...rangeProblems(draft));
  errors.push(...(await sourceProblems(draft.source, context.outcome.projectKeys)));
  if (smart.length > 0 && !context.saveAsDraft) {
    errors.push(...smart.map((f) => ({ path: `draft.${f.field ?? 'name'}`, message: f.message })));
    throw validationFailed(errors, 'This KPI is not SMART yet. Fix what is marked, or save it as a draft.');
  }
  if (errors.length > 0) throw validationFailed(errors);
  return { isDraft: smart.length > 0 };
}

/** Baseline, target and band values the KPI's unit cannot take (a share above 100%): never saved, not even as a draft. */
function rangeProblems(draft: KpiDraft): FieldError[] {
  const values = [
    ['baseline', draft.baseline],
    ['target', draft.target],
    ['bandMin', draft.bandMin],
    ['bandMax', draft.bandMax],
  ] as const;
  return values.flatMap(([field, value]) => {
    const problem = value === null ? null : outOfRange(value, draft.unit, draft.customUnit);
    return problem ? [{ path: `draft.${field}`, message: problem }] : [];
  });
}
