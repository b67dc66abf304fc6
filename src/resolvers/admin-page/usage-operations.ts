import { usageView } from '../../use-cases/points-budget';
import { requireAdminPage } from '../shared/access';
import { adminOperation } from './operation';

/** Everyone who may open the admin page sees what the app spends; the figures name no person or ticket. */
export const getUsageOp = adminOperation('usage/get', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: (_input, caller) => usageView(caller.now),
});
