import { forbidden } from '../../domain/errors';
import { reviseOutcome } from '../../domain/outcome';
import { startReconcile } from '../../jobs/reconcile';
import { rollupBasis } from '../../jobs/rollup-tickets';
import { conflictWith, replaceOutcome } from '../../platform/storage/outcome-repository';
import { canManageAll } from '../shared/access';
import { checkDraft } from './check-draft';
import { manageableOutcome } from './guards';
import { markDraftsAgain } from './kpi-rules';
import { adminOperation } from './operation';
import { outcomeDetail } from './outcome-detail';

export const updateOutcomeOp = adminOperation('outcomes/update', {
  authorize: async ({ id, draft }, caller) => {
    const found = await manageableOutcome(caller, id);
    // Moving an outcome into another project needs admin rights there too.
    if (!canManageAll(found.access, draft.projectKeys)) {
      throw forbidden('You can move outcomes only into projects you administer.');
    }
    return found;
  },
  run: async ({ draft, expectedVersion }, caller, { access, outcome: existing }) => {
    if (existing.version !== expectedVersion) throw await conflictWith(existing);
    await checkDraft(draft, access, existing);
    const next = reviseOutcome(existing, draft, { accountId: caller.accountId, at: new Date() });
    await replaceOutcome(next, expectedVersion, existing);
    if (next.startDate !== existing.startDate || next.dueDate !== existing.dueDate)
      await markDraftsAgain(next);
    // A new rollup method or start date changes every ticket's contribution: recompute in the background.
    if (rollupBasis(next) !== rollupBasis(existing)) await startReconcile([next.id], 'recount');
    return (await outcomeDetail(next, access)).outcome;
  },
});
