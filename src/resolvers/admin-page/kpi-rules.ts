import type { FieldError } from '../../contract/envelope';
import type { KpiDraft } from '../../contract/kpi';
import { validationFailed } from '../../domain/errors';
import { checkSmart, type Kpi, pairingProblem, valueRangeProblems } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
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
  errors.push(
    ...valueRangeProblems(draft, draft.unit, draft.customUnit).map((p) => ({
      path: `draft.${p.field}`,
      message: p.message,
    })),
  );
  errors.push(...(await sourceProblems(draft.source, context.outcome.projectKeys)));
  if (smart.length > 0 && !context.saveAsDraft) {
    errors.push(...smart.map((f) => ({ path: `draft.${f.field ?? 'name'}`, message: f.message })));
    throw validationFailed(errors, 'This KPI is not SMART yet. Fix what is marked, or save it as a draft.');
  }
  if (errors.length > 0) throw validationFailed(errors);
  return { isDraft: smart.length > 0 };
}
