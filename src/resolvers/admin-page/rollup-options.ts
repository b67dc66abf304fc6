import { issueTypeNames, storyPointsFieldId } from '../../platform/jira/fields';
import { requireAdminPage } from '../shared/access';
import { adminOperation } from './operation';

/** The choices behind an outcome's rollup settings, read from Jira when the editor opens. */
export const rollupOptionsOp = adminOperation('outcomes/rollup-options', {
  authorize: (_input, caller) => requireAdminPage(caller),
  run: async () => {
    const [points, issueTypes] = await Promise.all([storyPointsFieldId({ fresh: true }), issueTypeNames()]);
    return { storyPoints: points !== null, issueTypes };
  },
});
