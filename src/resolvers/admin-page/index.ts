import { adminPageContract } from '../../contract/admin-page';
import { defineSurface } from '../shared/surface';
import { createOutcomeOp } from './create-outcome';
import { deleteOutcomeOp } from './delete-outcome';
import { loadAdmin } from './load-admin';
import { searchUsersOp } from './search-users';
import { updateOutcomeOp } from './update-outcome';

export const adminPageResolver = defineSurface(adminPageContract, {
  'admin/load': loadAdmin,
  'outcomes/create': createOutcomeOp,
  'outcomes/update': updateOutcomeOp,
  'outcomes/delete': deleteOutcomeOp,
  'users/search': searchUsersOp,
});
