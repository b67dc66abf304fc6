import { describe, expect, it } from 'vitest';
import { setSandboxClock } from '../../sandbox/runtime/clock';
import type { Sandbox } from '../../sandbox/site';
import { allowanceOf } from '../../src/domain/points-budget';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { buildDraft } from '../builders/outcome-draft';
import { issueKeys, issuesServing } from '../support/jira-state';
import { as, FIXED_NOW, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';

// Background work keeps to a share of Jira's hourly points quota and continues in a later hour; page loads
// are never held back. The ledger's figures are checked against the points the Jira emulator metered.

const HOUR_MS = 3_600_000;
/** A few seconds into the hour after FIXED_NOW's, and the one after. */
const nextHour = (n: number) => new Date(FIXED_NOW.getTime() + n * HOUR_MS + 5_000);
/** Small enough that 1% of it is less than one nightly check of the outcome below. */
const QUOTA = 20_000;

const appPoints = (sandbox: Sandbox) => sandbox.jira.rateLimits.snapshot().byPrincipal.app ?? 0;

async function setShare(sandbox: Sandbox, backgroundSharePercent: number) {
  const admin = as(sandbox, USERS.alice).admin;
  const { version, settings } = ok(await admin('settings/get', {}));
  ok(
    await admin('settings/update', {
      expectedVersion: version,
      settings: { ...settings, backgroundSharePercent },
    }),
  );
}

/**
 * An outcome over all of CHK and PLAT (more than a page of tickets), linked by a rule and its backfill with
 * the whole quota open to background work, then tickets moved to Done without an event: what the nightly
 * check must find and correct.
 */
async function siteWithDrift(): Promise<{ sandbox: Sandbox; outcomeIds: string[] }> {
  const sandbox = await testSandbox({
    platform: { jira: { rateLimits: { quota: { hourlyQuota: QUOTA } } } },
  });
  const admin = as(sandbox, USERS.alice).admin;
  await setShare(sandbox, 100);
  const id = ok(await admin('outcomes/create', { draft: buildDraft({ projectKeys: ['CHK', 'PLAT'] }) })).id;
  const ruleId = ok(
    await admin('rules/create', { draft: { outcomeId: id, jql: 'project in (CHK, PLAT)' } }),
  ).id;
  ok(await admin('rules/backfill', { id: ruleId }));
  await sandbox.settle();
  await searchCaughtUp(sandbox);
  const done = sandbox.jira.state.statuses.find((s) => s.category === 'done');
  for (const key of [
    ...issueKeys(sandbox.jira.state, 'CHK', 'new'),
    ...issueKeys(sandbox.jira.state, 'PLAT', 'new'),
  ].filter((_, i) => i % 4 === 0)) {
    const issue = sandbox.jira.getIssue(key);
    if (issue && done) issue.statusId = done.id;
  }
  return { sandbox, outcomeIds: [id] };
}

async function rows(sandbox: Sandbox, outcomeIds: string[]) {
  const { outcomes } = ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
  return outcomeIds.map((id) => {
    const row = outcomes.find((o) => o.id === id);
    return { figures: row?.figures, doneCount: row?.doneCount, corrected: row?.lastDrift?.corrected ?? null };
  });
}

/** Waits, in real time, for a condition of the sandbox; fails after 20 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('The condition did not hold in time.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the points budget', () => {
  it('a nightly check needing more than the hour’s share continues next hour, with the figures of an undeferred one', async () => {
    // Undeferred: the whole quota open to background work.
    const free = await siteWithDrift();
    await free.sandbox.runScheduled('reconcile-schedule');
    await free.sandbox.settle();
    const expected = await rows(free.sandbox, free.outcomeIds);
    expect(expected.every((r) => r.corrected !== null && r.corrected > 0)).toBe(true);

    // The same site, the same drift; background work held to 1% of the quota, in a fresh hour.
    const { sandbox, outcomeIds } = await siteWithDrift();
    setSandboxClock(nextHour(1));
    await setShare(sandbox, 1);
    const allowance = allowanceOf(sandbox.jira.rateLimits.snapshot().hourlyQuota, 1);
    const atStart = appPoints(sandbox);
    await sandbox.runScheduled('reconcile-schedule');
    // The check stops once the share is spent: its jobs keep coming back from the queue without calling Jira.
    const pushed = sandbox.queue.counters.pushed;
    await waitFor(() => sandbox.queue.counters.pushed > pushed + 3);
    const spentThisHour = appPoints(sandbox) - atStart;
    await waitFor(() => sandbox.queue.counters.pushed > pushed + 8);
    expect(appPoints(sandbox) - atStart).toBe(spentThisHour);
    expect(spentThisHour).toBeGreaterThanOrEqual(allowance);
    // One step past the share at most: a page of tickets and its writes.
    expect(spentThisHour).toBeLessThan(allowance + 400);
    const partial = await rows(sandbox, outcomeIds);
    expect(partial.filter((r) => r.corrected === null).length).toBeGreaterThan(0);

    // The next hour the check finishes, with exactly the figures of the undeferred run.
    setSandboxClock(nextHour(2));
    await sandbox.settle();
    expect(await rows(sandbox, outcomeIds)).toEqual(expected);
    for (const [i, id] of outcomeIds.entries()) {
      expect(expected[i]?.doneCount).toBe(
        issuesServing(sandbox.jira.state, id, null, { counted: true }).done,
      );
    }
    expect(sandbox.queue.counters.failed).toBe(0);
  }, 120_000);

  it('never holds back page loads, and counts their points', async () => {
    const { sandbox } = await siteWithDrift();
    await setShare(sandbox, 1);
    const usage = ok(await as(sandbox, USERS.alice).admin('usage/get', {}));
    expect(usage.thisHour).toBeGreaterThan(usage.allowance);
    const before = ok(await as(sandbox, USERS.alice).admin('usage/get', {})).thisHour;
    const key = issueKeys(sandbox.jira.state, 'CHK')[0] ?? '';
    ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    ok(await as(sandbox, USERS.evan).panel('panel/load', { issueKey: key }));
    const shown = appPoints(sandbox);
    const after = ok(await as(sandbox, USERS.alice).admin('usage/get', {})).thisHour;
    expect(after).toBeGreaterThan(before);
    expect(after).toBe(shown);
  }, 60_000);

  it('keeps the hour’s and the day’s figures equal to the points Jira metered, and Jira’s own quota', async () => {
    const sandbox = await testSandbox({
      platform: { jira: { rateLimits: { quota: { hourlyQuota: 100_000 } } } },
    });
    const admin = as(sandbox, USERS.alice).admin;
    const empty = ok(await admin('usage/get', {}));
    // The first call has nothing before it: the ledger is written when an invocation ends.
    expect(empty).toMatchObject({ recorded: false, thisHour: 0, lastDay: 0 });
    const outcomeId = ok(await admin('outcomes/create', { draft: buildDraft({ projectKeys: ['CHK'] }) })).id;
    const ruleId = ok(await admin('rules/create', { draft: { outcomeId, jql: 'project = CHK' } })).id;
    ok(await admin('rules/backfill', { id: ruleId }));
    await sandbox.settle();
    const inFirstHour = appPoints(sandbox);

    setSandboxClock(nextHour(1));
    await searchCaughtUp(sandbox);
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    ok(await admin('usage/get', {}));
    // Everything before this call is in the ledger; this call's own points are not yet.
    const metered = appPoints(sandbox);
    const usage = ok(await admin('usage/get', {}));
    expect(usage.lastDay).toBe(metered);
    expect(usage.thisHour).toBe(metered - inFirstHour);
    expect(usage.thisHour).toBeGreaterThan(0);
    expect(usage).toMatchObject({
      recorded: true,
      quota: 100_000,
      quotaSource: 'jira',
      sharePercent: DEFAULT_SETTINGS.backgroundSharePercent,
      allowance: 10_000,
      hourStart: `${nextHour(1).toISOString().slice(0, 13)}:00:00.000Z`,
    });
  }, 60_000);
});
