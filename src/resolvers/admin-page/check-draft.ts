import type { FieldError } from '../../contract/envelope';
import type { OutcomeDraft } from '../../contract/outcome';
import { validationFailed } from '../../domain/errors';
import { checkOutcomeRules } from '../../domain/outcome';
import { getUsers } from '../../platform/jira/users';
import type { AdminAccess } from '../shared/access';

/**
 * The draft's business rules plus what only Jira knows: that its projects and people exist.
 * Throws one VALIDATION_FAILED listing every problem, so the form can mark all fields at once.
 */
export async function checkDraft(draft: OutcomeDraft, access: AdminAccess): Promise<void> {
  const errors: FieldError[] = checkOutcomeRules(draft);
  const known = new Set(access.projects.map((p) => p.key));
  const unknown = draft.projectKeys.filter((key) => !known.has(key));
  if (unknown.length > 0) {
    errors.push({ path: 'draft.projectKeys', message: `Jira has no project ${unknown.join(', ')}.` });
  }
  const people = [draft.businessOwnerId, draft.technologyOwnerId].filter((id) => id !== null);
  if (people.length > 0) {
    const users = await getUsers(people);
    for (const field of ['businessOwnerId', 'technologyOwnerId'] as const) {
      const id = draft[field];
      if (id !== null && !users.has(id))
        errors.push({ path: `draft.${field}`, message: 'Jira has no such user.' });
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
}
