import { removeOwnLink } from '../../domain/links';
import { requireIssueEdit } from '../shared/access';
import { editLinks } from './edit-links';
import { panelOperation } from './operation';
import { buildPanelView } from './panel-view';

/** Works for deleted outcomes too: a link to a removed outcome must always be clearable. */
export const removeLink = panelOperation('links/remove', {
  authorize: ({ issueKey }, caller) => requireIssueEdit(caller, issueKey),
  run: async ({ outcomeId }, _caller, access) =>
    buildPanelView(access, await editLinks(access.issue, (current) => removeOwnLink(current, outcomeId))),
});
