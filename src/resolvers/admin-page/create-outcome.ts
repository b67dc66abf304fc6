import { forbidden } from '../../domain/errors';
import { createOutcome } from '../../domain/outcome';
import { newOutcomeId } from '../../platform/ids';
import { insertOutcome } from '../../platform/storage/outcome-repository';
import { canManageAll, requireAdminPage } from '../shared/access';
import { checkDraft } from './check-draft';
import { adminOperation } from './operation';
import { outcomeDetail } from './outcome-detail';

export const createOutcomeOp = adminOperation('outcomes/create', {
  authorize: async ({ draft }, caller) => {
    const access = await requireAdminPage(caller);
    if (!canManageAll(access, draft.projectKeys)) {
      throw forbidden('You can create outcomes only in projects you administer.');
    }
    return access;
  },
  run: async ({ draft }, caller, access) => {
    await checkDraft(draft, access, null);
    const outcome = createOutcome(newOutcomeId(), draft, { accountId: caller.accountId, at: caller.now });
    await insertOutcome(outcome);
    return (await outcomeDetail(outcome, access, caller.now)).outcome;
  },
});
