import type { FieldError } from '../../contract/envelope';
import type { KpiDraft } from '../../contract/kpi';
import { AppError, validationFailed } from '../../domain/errors';
import { checkSmart, type Kpi, pairingProblem } from '../../domain/kpi';
import type { Outcome } from '../../domain/outcome';
import { outOfRange } from '../../domain/units';
import { applyKpiChanges, KpiValueMoved, listKpisOfOutcome } from '../../platform/storage/kpi-repository';
import { sourceProblems } from '../shared/jql-check';
import { draftOf, timeframeOf } from './kpi-view';

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

/**
 * Whether a KPI is a draft depends on its outcome's timeframe too (a KPI due after the outcome fails T),
 * so an outcome saved with new dates marks its KPIs again. The mark is derived, not an edit: versions
 * stay, and a KPI someone saves meanwhile is simply read again.
 */
export async function markDraftsAgain(outcome: Outcome): Promise<void> {
  for (let tries = 1; ; tries++) {
    const kpis = await listKpisOfOutcome(outcome.id);
    const put = kpis.flatMap((kpi) => {
      const isDraft = checkSmart(draftOf(kpi), timeframeOf(outcome)).length > 0;
      return isDraft === kpi.isDraft ? [] : [{ next: { ...kpi, isDraft }, base: kpi }];
    });
    if (put.length === 0) return;
    try {
      // Forge's transactions hold 25 writes; the marks need not land together.
      for (let i = 0; i < put.length; i += 25) {
        await applyKpiChanges({ put: put.slice(i, i + 25), remove: [], checkIns: [] });
      }
      return;
    } catch (error) {
      const raced =
        error instanceof KpiValueMoved || (error instanceof AppError && error.code === 'CONFLICT');
      if (!raced || tries >= 3) throw error;
    }
  }
}
