import type { FieldError } from '../../contract/envelope';
import type { OutcomeDraft } from '../../contract/outcome';
import { wouldCreateCycle } from '../../domain/alignment';
import { validationFailed } from '../../domain/errors';
import { checkOutcomeRules, notAUser, type Outcome, peopleByRole } from '../../domain/outcome';
import { storyPointsFieldId } from '../../platform/jira/fields';
import { getUsers } from '../../platform/jira/users';
import { listOutcomes } from '../../platform/storage/outcome-repository';
import type { AdminAccess } from '../shared/access';

/**
 * The draft's business rules plus what only Jira and the store know: that its projects and people
 * exist, and that its parent exists and closes no loop. Throws one VALIDATION_FAILED listing every
 * problem, so the form can mark all fields at once.
 */
export async function checkDraft(
  draft: OutcomeDraft,
  access: AdminAccess,
  existing: Outcome | null,
): Promise<void> {
  const outcomeId = existing?.id ?? null;
  const errors: FieldError[] = checkOutcomeRules(draft);
  const known = new Set(access.projects.map((p) => p.key));
  const unknown = draft.projectKeys.filter((key) => !known.has(key));
  if (unknown.length > 0) {
    errors.push({ path: 'draft.projectKeys', message: `Jira has no project ${unknown.join(', ')}.` });
  }
  errors.push(...(await unknownPeople(draft)));
  if (draft.parentId !== null) errors.push(...(await parentProblems(draft.parentId, outcomeId, access)));
  // Switching to story points on a site without them would count every ticket as unestimated.
  if (
    draft.rollup?.method === 'points' &&
    existing?.rollup.method !== 'points' &&
    !(await storyPointsFieldId())
  ) {
    errors.push({
      path: 'draft.rollup.method',
      message: 'This Jira site has no story points field; measure by tickets or by weight instead.',
    });
  }
  if (errors.length > 0) throw validationFailed(errors);
}

async function unknownPeople(draft: OutcomeDraft): Promise<FieldError[]> {
  const roles = peopleByRole(draft);
  const all = roles.flatMap((r) => r.ids);
  if (all.length === 0) return [];
  const users = await getUsers(all);
  return roles
    .filter((r) => r.ids.some((id) => !users.has(id)))
    .map((r) => ({ path: `draft.${r.field}`, message: notAUser(r.role) }));
}

async function parentProblems(
  parentId: string,
  outcomeId: string | null,
  access: AdminAccess,
): Promise<FieldError[]> {
  const outcomes = await listOutcomes();
  const parent = outcomes.find((o: Outcome) => o.id === parentId);
  if (!parent?.projectKeys.some((k) => access.browsable.has(k))) {
    return [{ path: 'draft.parentId', message: 'That parent outcome no longer exists.' }];
  }
  const parentOf = new Map(outcomes.map((o) => [o.id, o.parentId]));
  if (outcomeId !== null && wouldCreateCycle(outcomeId, parentId, parentOf)) {
    return [
      {
        path: 'draft.parentId',
        message: `"${parent.title}" sits under this outcome already; choosing it as parent would make a loop.`,
      },
    ];
  }
  return [];
}
