import { describe, expect, it } from 'vitest';
import { setSandboxClock } from '../../sandbox/runtime/clock';
import { waitInWords } from '../../src/domain/backoff';
import { buildDraft } from '../builders/outcome-draft';
import { issuesServing } from '../support/jira-state';
import { as, failure, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';

// Jira answers 429 under load, and @forge/api does not retry. The app's client must.
describe('Jira rate limits', () => {
  it('waits and retries a rate-limited call, and the user never notices', async () => {
    const sandbox = await testSandbox();
    sandbox.jira.faults.add({
      match: { method: 'POST', pathPrefix: '/rest/api/3/permissions/check' },
      status: 429,
      times: 2,
      retryAfterSeconds: 0,
    });
    sandbox.jira.counters.reset();
    const panel = ok(await as(sandbox, USERS.evan).panel('panel/load', { issueKey: 'CHK-1' }));
    expect(panel.canEdit).toBe(true);
    expect(sandbox.jira.counters.snapshot().byRoute['POST /rest/api/3/permissions/check']).toBe(3);
    expect(sandbox.jira.faults.pending()).toBe(0);
  });

  it('gives up after a bounded number of attempts with a clear RATE_LIMITED error', async () => {
    const sandbox = await testSandbox();
    sandbox.jira.faults.add({
      match: { pathPrefix: '/rest/api/3/project/' },
      status: 429,
      times: 50,
      retryAfterSeconds: 0,
    });
    sandbox.jira.counters.reset();
    const error = failure(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/Jira is busy/);
    expect(sandbox.jira.counters.snapshot().byRoute['GET /rest/api/3/project/{projectIdOrKey}']).toBe(5);
  });

  it('answers at once when the wait Jira asks for is longer than a resolver has, saying when to retry', async () => {
    const sandbox = await testSandbox();
    sandbox.jira.faults.add({
      match: { pathPrefix: '/rest/api/3/project/' },
      status: 429,
      times: 1,
      retryAfterSeconds: 40,
    });
    sandbox.jira.counters.reset();
    const started = Date.now();
    const error = failure(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    // 40 s is more than the resolver's 25 s: it neither sleeps nor retries before Jira's time.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Jira is busy; try again in 40 s.',
      retryAfterSeconds: 40,
    });
    expect(sandbox.jira.counters.snapshot().byRoute['GET /rest/api/3/project/{projectIdOrKey}']).toBe(1);
  });

  it('once the hourly points quota is spent, tells the person when it resets, as Jira says', async () => {
    const sandbox = await testSandbox({ platform: { jira: { rateLimits: { quota: { hourlyQuota: 60 } } } } });
    let reply = await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' });
    for (let i = 0; i < 20 && reply.ok; i++) {
      reply = await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' });
    }
    const error = failure(reply);
    const { window } = sandbox.jira.rateLimits.snapshot();
    expect(window.remaining).toBe(0);
    // Jira's reset is the top of the hour after the window began: the wait the person is told.
    const untilReset = (Date.parse(window.start) + 3_600_000 - Date.now()) / 1000;
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBeGreaterThan(untilReset - 10);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(Math.ceil(untilReset) + 1);
    expect(error.message).toBe(`Jira is busy; try again in ${waitInWords(error.retryAfterSeconds ?? 0)}.`);
  });

  it('reports Jira being down as such, not as a bug', async () => {
    const sandbox = await testSandbox();
    sandbox.jira.faults.add({ match: { pathPrefix: '/rest/api/3/issue/' }, status: 500, times: 1 });
    const error = failure(await as(sandbox, USERS.evan).panel('panel/load', { issueKey: 'CHK-1' }));
    expect(error.code).toBe('JIRA_UNAVAILABLE');
  });

  it('keeps an issue event’s work for after the hourly quota resets, and makes no call before', async () => {
    const sandbox = await testSandbox({ queueDelayScale: 0 });
    const outcomeId = ok(await as(sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft() })).id;
    const story = sandbox.jira.state.issues.find(
      (i) =>
        sandbox.jira.state.issueTypes.find((t) => t.id === i.issueTypeId)?.name === 'Story' &&
        sandbox.jira.state.statuses.find((st) => st.id === i.statusId)?.category !== 'done' &&
        i.key.startsWith('CHK-'),
    );
    if (!story) throw new Error('no open CHK story in the demo site');
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: story.key, outcomeId }));
    await sandbox.settle();
    await searchCaughtUp(sandbox);
    const doneBefore = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId)?.doneCount;

    // The rest of the hour's points go elsewhere (another app feature, a big nightly run): Jira now refuses
    // every call until the top of the hour.
    const { window } = sandbox.jira.rateLimits.snapshot();
    sandbox.jira.rateLimits.charge('app', 'elsewhere', window.remaining);
    const quotaRefusals = () => sandbox.jira.rateLimits.snapshot().refused['jira-quota-global-based'] ?? 0;
    const refusedBefore = quotaRefusals();
    sandbox.jira.updateIssue(story.key, { status: 'Done' }, USERS.evan);
    // The trigger is refused, and its work waits in the queue, calling Jira no more while it waits.
    await waitFor(() => quotaRefusals() > refusedBefore);
    const pushed = sandbox.queue.counters.pushed;
    await waitFor(() => sandbox.queue.counters.pushed > pushed + 3);
    const refusedWhileWaiting = quotaRefusals();
    await waitFor(() => sandbox.queue.counters.pushed > pushed + 10);
    expect(quotaRefusals()).toBe(refusedWhileWaiting);
    expect(sandbox.queue.counters.failed).toBe(0);

    // The hour turns: the work runs, and the figure counts the ticket as done.
    setSandboxClock(new Date(Date.parse(window.start) + 3_600_000 + 1_000));
    await sandbox.settle();
    await searchCaughtUp(sandbox);
    const row = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === outcomeId);
    expect(row?.doneCount).toBe((doneBefore ?? 0) + 1);
    expect(row?.doneCount).toBe(issuesServing(sandbox.jira.state, outcomeId, null, { counted: true }).done);
  });
});

/** Waits, in real time, for a condition of the sandbox; fails after 10 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('The condition did not hold in time.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
