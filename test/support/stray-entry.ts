import { kvs } from '@forge/kvs';
import type { Sandbox } from '../../sandbox/site';
import { applyContribution, type Contribution, type RollupTotals } from '../../src/domain/rollup';

/**
 * A missed unlink event, simulated in storage: an entry (and its share of the totals) for a top-level
 * ticket that does not serve the outcome. Written with the real SDK, as the app would have written it.
 * Returns the ticket, so a test can check the reconciliation removes it.
 */
export async function injectStrayEntry(sandbox: Sandbox, outcomeId: string) {
  const stray = sandbox.jira.state.issues.find(
    (i) => !JSON.stringify(i.properties).includes(outcomeId) && i.parentId === null,
  );
  if (!stray) throw new Error('No ticket outside the outcome to use.');
  const contribution = await writeEntry(outcomeId, stray);
  const before = (await kvs.entity<{ totals: RollupTotals }>('rollup').get(outcomeId)) as {
    totals: RollupTotals;
  };
  await kvs
    .entity('rollup')
    .set(outcomeId, { ...before, totals: applyContribution(before.totals, contribution, 1) });
  return stray;
}

/** Writes one ticket's rollup entry as the app stores it (a counted, open ticket), with the real SDK. */
export async function writeEntry(
  outcomeId: string,
  issue: { id: string; key: string },
): Promise<Contribution> {
  const contribution: Contribution = {
    included: true,
    excludedAs: null,
    units: 1,
    status: 'new',
    unestimated: false,
    openDue: null,
    addedAfterStart: false,
    doneOn: null,
    addedOn: null,
    ships: null,
  };
  await kvs.entity('rollup-entry').set(`${outcomeId}:${issue.id}`, {
    schemaVersion: 1,
    outcomeId,
    issueId: issue.id,
    issueKey: issue.key,
    contribution,
    // Older than any reconciliation that reads it, as a missed event's entry would be.
    rollupVersion: 0,
  });
  return contribution;
}
