import { validationFailed } from '../../domain/errors';
import { addOwnLink } from '../../domain/links';
import { getOutcome } from '../../platform/storage/outcome-repository';
import { requireIssueEdit } from '../shared/access';
import { editLinks, outcomeGone } from './edit-links';
import { panelOperation } from './operation';
import { buildPanelView } from './panel-view';

export const addLink = panelOperation('links/add', {
  authorize: ({ issueKey }, caller) => requireIssueEdit(caller, issueKey),
  run: async ({ outcomeId }, caller, access) => {
    const { issue } = access;
    const outcome = await getOutcome(outcomeId);
    if (!outcome) throw outcomeGone();
    if (!outcome.projectKeys.includes(issue.fields.project.key)) {
      throw validationFailed([
        {
          path: 'outcomeId',
          message: `"${outcome.title}" does not cover project ${issue.fields.project.key}. Ask an admin to add the project to it.`,
        },
      ]);
    }
    if (outcome.state !== 'active') {
      throw validationFailed([
        {
          path: 'outcomeId',
          message: `"${outcome.title}" is ${outcome.state}; link work to an active outcome.`,
        },
      ]);
    }
    const links = await editLinks(issue, (current) =>
      addOwnLink(current, {
        outcomeId,
        kpiIds: [],
        note: '',
        linkedBy: caller.accountId,
        linkedAt: new Date().toISOString(),
      }),
    );
    return buildPanelView(access, links);
  },
});
