import { issuePanelContract } from '../../contract/issue-panel';
import { defineSurface } from '../shared/surface';
import { addLink } from './add-link';
import { listCandidates } from './list-candidates';
import { loadPanel } from './load-panel';
import { removeLink } from './remove-link';

export const issuePanelResolver = defineSurface(issuePanelContract, {
  'panel/load': loadPanel,
  'links/candidates': listCandidates,
  'links/add': addLink,
  'links/remove': removeLink,
});
