import { notFound, validationFailed } from '../../domain/errors';
import { type BulkLinkPayload, startRun } from '../../jobs/link-runs';
import { listKpisOfOutcome } from '../../platform/storage/kpi-repository';
import { getOutcome } from '../../platform/storage/outcome-repository';
import { getRun } from '../../platform/storage/rule-repository';
import { checkJql } from '../shared/jql-check';
import { toRunView } from '../shared/run-view';
import { projectOperation } from './operation';
import { requireProjectEdit } from './project-access';

/**
 * Starts linking many tickets of the project (a JQL or a selection) to an outcome, in the background.
 * The caller's own links: they are recorded as made by them, and never replace anyone else's.
 */
export const bulkLinkOp = projectOperation('links/bulk', {
  authorize: ({ projectKey }, caller) => requireProjectEdit(caller, projectKey),
  run: async ({ projectKey, outcomeId, kpiIds, target }, caller) => {
    const outcome = await getOutcome(outcomeId);
    if (!outcome?.projectKeys.includes(projectKey) || outcome.state !== 'active') {
      throw validationFailed([{ path: 'outcomeId', message: `Pick an active outcome of ${projectKey}.` }]);
    }
    const kpis = new Set((await listKpisOfOutcome(outcomeId)).map((k) => k.id));
    if (kpiIds.some((id) => !kpis.has(id)))
      throw validationFailed([{ path: 'kpiIds', message: 'Pick KPIs of that outcome.' }]);
    if ('jql' in target) {
      const check = await checkJql(`project = "${projectKey}" AND (${target.jql})`);
      if (!check.valid)
        throw validationFailed([{ path: 'target.jql', message: check.message ?? 'Jira rejected the JQL.' }]);
    }
    const payload: BulkLinkPayload = { projectKey, outcomeId, kpiIds, accountId: caller.accountId, target };
    return toRunView(await startRun('bulk-link', outcomeId, caller.accountId, payload));
  },
});

export const bulkStatusOp = projectOperation('links/bulk-status', {
  authorize: async ({ runId }, caller) => {
    const run = await getRun(runId);
    if (run?.kind !== 'bulk-link' || run.startedBy !== caller.accountId) throw notFound('No such bulk link.');
    return run;
  },
  run: async (_input, _caller, run) => toRunView(run),
});
