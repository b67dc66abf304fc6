import type { FieldError } from '../../contract/envelope';
import type { OutcomeDraft } from '../../contract/outcome';
import { wouldCreateCycle } from '../../domain/alignment';
import { validationFailed } from '../../domain/errors';
import { checkOutcomeRules, notAUser, type Outcome, peopleByRole } from '../../domain/outcome';
import { storyPointsFieldId } from '../../platform/jira/fields';
import type { JiraProject } from '../../platform/jira/schemas';
import { getUsers } from '../../platform/jira/users';
import { listOutcomes } from '../../platform/storage/outcome-repository';
import { type AdminAccess, browsableBy, canSee } from '../shared/access';

/**
 * The draft's business rules plus what only Jira and the store know: that its projects and people
 * exist, that its owners and deciders may see it, and that its parent is one the editor may see and
 * closes no loop. Throws one VALIDATION_FAILED listing every problem, so the form can mark all fields
 * at once.
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
  errors.push(...(await peopleProblems(draft, access)));
  if (draft.parentId !== null) {
    // Kept as it is, a parent the editor cannot see stays: someone who could chose it.
    const unchanged = existing?.parentId === draft.parentId;
    errors.push(...(await parentProblems(draft.parentId, outcomeId, access, unchanged)));
  }
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

/** Roles whose people answer for the outcome and must be able to see it. */
const ANSWERABLE = new Set(['businessOwnerId', 'technologyOwnerId', 'roles.decides']);

type PeopleOf = Pick<OutcomeDraft, 'businessOwnerId' | 'technologyOwnerId' | 'roles' | 'projectKeys'>;

/** Who the drafts name, as Jira knows them, and which of the drafts' projects each owner and decider may browse. */
export async function lookUpNamedPeople(drafts: readonly PeopleOf[], projects: readonly JiraProject[]) {
  const users = await getUsers(drafts.flatMap((d) => peopleByRole(d).flatMap((r) => r.ids)));
  const keys = new Set(drafts.flatMap((d) => d.projectKeys));
  const answerable = drafts.flatMap((d) =>
    peopleByRole(d).flatMap((r) => (ANSWERABLE.has(r.field) ? r.ids.filter((id) => users.has(id)) : [])),
  );
  const known = projects.filter((p) => keys.has(p.key));
  const browsing = await browsableBy(answerable, known);
  return { users, browsing, projectKeys: new Set(known.map((p) => p.key)) };
}

/**
 * Owners and deciders who can browse none of the outcome's projects, named so the editor knows whom to
 * replace: they answer for an outcome they could not open.
 */
export function blindPeople(
  draft: PeopleOf,
  { users, browsing, projectKeys }: Awaited<ReturnType<typeof lookUpNamedPeople>>,
  path: string,
): FieldError[] {
  // Projects Jira does not have are reported as such; nobody can be told to browse them.
  if (!draft.projectKeys.some((key) => projectKeys.has(key))) return [];
  return peopleByRole(draft).flatMap((r) => {
    if (!ANSWERABLE.has(r.field)) return [];
    const blind = r.ids.filter((id) => !draft.projectKeys.some((key) => browsing.get(id)?.has(key) ?? true));
    if (blind.length === 0) return [];
    const names = blind.map((id) => users.get(id)?.displayName ?? 'Someone').join(' and ');
    return [
      {
        path: `${path}.${r.field}`,
        message: `${names} cannot browse ${draft.projectKeys.join(' or ')}, so could not see this outcome. Choose someone who can, or ask a Jira admin to give ${blind.length === 1 ? 'them' : 'each of them'} access.`,
      },
    ];
  });
}

/** People who are not Jira users; then owners and deciders who could not see the outcome. */
async function peopleProblems(draft: OutcomeDraft, access: AdminAccess): Promise<FieldError[]> {
  const named = await lookUpNamedPeople([draft], access.projects);
  const strangers = peopleByRole(draft)
    .filter((r) => r.ids.some((id) => !named.users.has(id)))
    .map((r) => ({ path: `draft.${r.field}`, message: notAUser(r.role) }));
  const strangerFields = new Set(strangers.map((e) => e.path));
  return [...strangers, ...blindPeople(draft, named, 'draft').filter((e) => !strangerFields.has(e.path))];
}

async function parentProblems(
  parentId: string,
  outcomeId: string | null,
  access: AdminAccess,
  unchanged: boolean,
): Promise<FieldError[]> {
  const outcomes = await listOutcomes();
  const parent = outcomes.find((o: Outcome) => o.id === parentId);
  // One the editor cannot see is answered as one that does not exist.
  const visible = parent !== undefined && canSee(access, parent);
  if (!parent || (!visible && !unchanged)) {
    return [{ path: 'draft.parentId', message: 'That parent outcome no longer exists. Choose another one.' }];
  }
  const parentOf = new Map(outcomes.map((o) => [o.id, o.parentId]));
  if (outcomeId !== null && wouldCreateCycle(outcomeId, parentId, parentOf)) {
    return [
      {
        path: 'draft.parentId',
        message: `${visible ? `"${parent.title}"` : 'That outcome'} sits under this outcome already; choosing it as parent would make a loop.`,
      },
    ];
  }
  return [];
}
