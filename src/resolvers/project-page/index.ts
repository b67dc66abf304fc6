import { projectPageContract } from '../../contract/project-page';
import { defineSurface } from '../shared/surface';
import { bulkLinkOp, bulkStatusOp } from './bulk-link';
import { loadProject } from './load-project';

export const projectPageResolver = defineSurface(projectPageContract, {
  'project/load': loadProject,
  'links/bulk': bulkLinkOp,
  'links/bulk-status': bulkStatusOp,
});
