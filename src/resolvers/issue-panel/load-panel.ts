import { LINKS_PROPERTY_KEY, readLinks } from '../../domain/links';
import { issueAccess } from '../shared/access';
import { panelOperation } from './operation';
import { buildPanelView } from './panel-view';

export const loadPanel = panelOperation('panel/load', {
  authorize: ({ issueKey }, caller) => issueAccess(caller, issueKey),
  run: async (_input, caller, access) =>
    buildPanelView(access, readLinks(access.issue.properties?.[LINKS_PROPERTY_KEY]), caller.now),
});
