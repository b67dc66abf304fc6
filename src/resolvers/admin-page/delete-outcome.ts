import { forbidden, notFound } from '../../domain/errors';
import { conflictWith, deleteOutcome, getOutcome } from '../../platform/storage/outcome-repository';
import { canManageAll, requireAdminPage } from '../shared/access';
import { adminOperation } from './operation';

export const deleteOutcomeOp = adminOperation('outcomes/delete', {
  authorize: async ({ id }, caller) => {
    const access = await requireAdminPage(caller);
    const existing = await getOutcome(id);
    if (!existing) throw notFound('This outcome no longer exists. Someone may have deleted it.');
    if (!canManageAll(access, existing.projectKeys)) {
      throw forbidden('You can delete outcomes only in projects you administer.');
    }
    return existing;
  },
  run: async ({ id, expectedVersion }, _caller, existing) => {
    if (existing.version !== expectedVersion) throw await conflictWith(existing, 'delete');
    await deleteOutcome(existing, expectedVersion);
    return { id };
  },
});
