import { issuePanelContract } from '../../contract/issue-panel';
import { defineSurface } from '../shared/surface';
import { addLink, removeLinkOp, restoreLinkOp, setInheritance, updateLink } from './link-operations';
import { listCandidates } from './list-candidates';
import { loadPanel } from './load-panel';

export const issuePanelResolver = defineSurface(issuePanelContract, {
  'panel/load': loadPanel,
  'links/candidates': listCandidates,
  'links/add': addLink,
  'links/update': updateLink,
  'links/remove': removeLinkOp,
  'links/restore': restoreLinkOp,
  'links/inheritance': setInheritance,
});
