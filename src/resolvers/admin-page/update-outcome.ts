import { forbidden, notFound } from '../../domain/errors';
import { reviseOutcome } from '../../domain/outcome';
import { conflictWith, getOutcome, replaceOutcome } from '../../platform/storage/outcome-repository';
import { canManageAll, requireAdminPage } from '../shared/access';
import { lookUpPeople } from '../shared/views';
import { toAdminOutcome } from './admin-outcome';
import { checkDraft } from './check-draft';
import { adminOperation } from './operation';

export const updateOutcomeOp = adminOperation('outcomes/update', {
  authorize: async ({ id, draft }, caller) => {
    const access = await requireAdminPage(caller);
    const existing = await getOutcome(id);
    if (!existing) throw notFound('This outcome no longer exists. Someone may have deleted it.');
    // Moving an outcome between projects needs admin rights on both sides.
    if (!canManageAll(access, [...existing.projectKeys, ...draft.projectKeys])) {
      throw forbidden('You can edit outcomes only in projects you administer.');
    }
    return { access, existing };
  },
  run: async ({ draft, expectedVersion }, caller, { access, existing }) => {
    if (existing.version !== expectedVersion) throw await conflictWith(existing);
    await checkDraft(draft, access);
    const next = reviseOutcome(existing, draft, { accountId: caller.accountId, at: new Date() });
    await replaceOutcome(next, expectedVersion, existing);
    return toAdminOutcome(next, await lookUpPeople([next]), access);
  },
});
