import { notFound, validationFailed } from '../../domain/errors';
import { inProject, jqlString } from '../../domain/jql';
import { embeddedJqlProblem, embedJql } from '../../domain/jql-syntax';
import { listKpisOfOutcome } from '../../platform/storage/kpi-repository';
import { getOutcome } from '../../platform/storage/outcome-repository';
import { getRun } from '../../platform/storage/rule-repository';
import { startRun } from '../../use-cases/link-runs';
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
      // Checked on its own first: a fragment like `a) OR (b` parses only once combined with the scope.
      const problem = embeddedJqlProblem(target.jql);
      if (problem) throw validationFailed([{ path: 'target.jql', message: problem }]);
      // Whether Jira runs it; the run counts what it matches.
      const check = await checkJql(embedJql(inProject(projectKey), target.jql), target.jql, false);
      if (!check.valid)
        throw validationFailed([{ path: 'target.jql', message: check.message ?? 'Jira rejected the JQL.' }]);
    } else {
      await checkKeys(projectKey, target.issueKeys);
    }
    const payload = { projectKey, outcomeId, kpiIds, accountId: caller.accountId, target };
    return toRunView(await startRun({ kind: 'bulk-link', payload }, outcomeId, caller.accountId, caller.now));
  },
});

/** Every key must name a ticket of this project that exists, or nothing is linked and the key is pointed at. */
async function checkKeys(projectKey: string, keys: readonly string[]) {
  const outside = keys.findIndex((key) => key.slice(0, key.lastIndexOf('-')).toUpperCase() !== projectKey);
  if (outside >= 0) {
    throw validationFailed([
      {
        path: `target.issueKeys.${outside}`,
        message: `${keys[outside]} is not a ${projectKey} ticket; link it from its own project's page.`,
      },
    ]);
  }
  const check = await checkJql(
    `project = "${projectKey}" AND key in (${keys.map(jqlString).join(', ')})`,
    undefined,
    false,
  );
  if (check.valid) return;
  // Jira names the first key it cannot find; point at that one when it does.
  const missing = keys.findIndex((key) => check.message?.toUpperCase().includes(`'${key.toUpperCase()}'`));
  throw validationFailed([
    {
      path: missing >= 0 ? `target.issueKeys.${missing}` : 'target.issueKeys',
      message:
        missing >= 0
          ? `${keys[missing]} does not exist, or you cannot see it.`
          : (check.message ?? 'Jira could not find these tickets.'),
    },
  ]);
}

export const bulkStatusOp = projectOperation('links/bulk-status', {
  authorize: async ({ runId }, caller) => {
    const run = await getRun(runId);
    if (run?.kind !== 'bulk-link' || run.startedBy !== caller.accountId) throw notFound('No such bulk link.');
    return run;
  },
  run: async (_input, _caller, run) => toRunView(run),
});
