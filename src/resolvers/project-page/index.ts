import { projectPageContract } from '../../contract/project-page';
import { defineSurface } from '../shared/surface';
import { bulkLinkOp, bulkStatusOp } from './bulk-link';
import { correctCheckInOp, withdrawCheckInOp } from './check-in-changes';
import { coverageOp } from './coverage';
import { loadProject } from './load-project';
import { outcomeDetailOp, ticketsOp } from './outcome-detail';
import { recordDecisionOp } from './record-decision';

export const projectPageResolver = defineSurface(projectPageContract, {
  'project/load': loadProject,
  'project/outcome': outcomeDetailOp,
  'project/tickets': ticketsOp,
  'checkins/correct': correctCheckInOp,
  'checkins/withdraw': withdrawCheckInOp,
  'project/coverage': coverageOp,
  'links/bulk': bulkLinkOp,
  'links/bulk-status': bulkStatusOp,
  'decisions/record': recordDecisionOp,
});
