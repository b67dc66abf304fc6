import { searchUsers } from '../../platform/jira/users';
import { requireAdminPage } from '../shared/access';
import { adminOperation } from './operation';

/** Searches Jira users as the caller, so the picker offers exactly the people the caller may see. */
export const searchUsersOp = adminOperation('users/search', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async ({ query }) => ({ users: query.length === 0 ? [] : await searchUsers('user', query) }),
});
