import { type AdminPageContract, adminPageContract } from '../../contract/admin-page';
import { defineSurface, type SurfaceHandlers } from '../shared/surface';
import { correctCheckInOp, withdrawCheckInOp } from './check-in-changes';
import { createOutcomeOp } from './create-outcome';
import { deleteOutcomeOp, previewDeleteOutcome } from './delete-outcome';
import { getOutcomeOp } from './get-outcome';
import {
  checkInOp,
  checkJqlOp,
  createKpiOp,
  deleteKpiOp,
  kpiHistoryOp,
  refreshKpiOp,
  updateKpiOp,
} from './kpi-operations';
import { loadAdmin } from './load-admin';
import { rollupOptionsOp } from './rollup-options';
import {
  backfillRuleOp,
  createRuleOp,
  deleteRuleOp,
  getRunOp,
  listRulesOp,
  updateRuleOp,
} from './rule-operations';
import { searchUsersOp } from './search-users';
import { getSettingsOp, updateSettingsOp } from './settings-operations';
import { exportOp, importOp, previewImportOp } from './transfer-operations';
import { updateOutcomeOp } from './update-outcome';
import { getUsageOp } from './usage-operations';

/** The admin surface's operations: the admin page's, and the project settings page's (confined to its project). */
export const adminHandlers: SurfaceHandlers<AdminPageContract> = {
  'admin/load': loadAdmin,
  'outcomes/rollup-options': rollupOptionsOp,
  'outcomes/get': getOutcomeOp,
  'outcomes/create': createOutcomeOp,
  'outcomes/update': updateOutcomeOp,
  'outcomes/delete-preview': previewDeleteOutcome,
  'outcomes/delete': deleteOutcomeOp,
  'kpis/create': createKpiOp,
  'kpis/update': updateKpiOp,
  'kpis/delete': deleteKpiOp,
  'checkins/correct': correctCheckInOp,
  'checkins/withdraw': withdrawCheckInOp,
  'kpis/check-in': checkInOp,
  'kpis/history': kpiHistoryOp,
  'kpis/refresh': refreshKpiOp,
  'jql/check': checkJqlOp,
  'rules/list': listRulesOp,
  'rules/create': createRuleOp,
  'rules/update': updateRuleOp,
  'rules/delete': deleteRuleOp,
  'rules/backfill': backfillRuleOp,
  'runs/get': getRunOp,
  'users/search': searchUsersOp,
  'settings/get': getSettingsOp,
  'settings/update': updateSettingsOp,
  'usage/get': getUsageOp,
  'transfer/export': exportOp,
  'transfer/preview': previewImportOp,
  'transfer/import': importOp,
};

export const adminPageResolver = defineSurface(adminPageContract, adminHandlers);
