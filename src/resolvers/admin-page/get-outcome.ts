import { readableOutcome } from './guards';
import { adminOperation } from './operation';
import { outcomeDetail } from './outcome-detail';

export const getOutcomeOp = adminOperation('outcomes/get', {
  authorize: ({ id }, caller) => readableOutcome(caller, id),
  run: async (_input, caller, { access, outcome }) => outcomeDetail(outcome, access, caller.now),
});
