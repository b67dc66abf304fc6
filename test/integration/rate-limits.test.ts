import { describe, expect, it } from 'vitest';
import { as, failure, ok, testSandbox, USERS } from '../support/sandbox';

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

  it('reports Jira being down as such, not as a bug', async () => {
    const sandbox = await testSandbox();
    sandbox.jira.faults.add({ match: { pathPrefix: '/rest/api/3/issue/' }, status: 500, times: 1 });
    const error = failure(await as(sandbox, USERS.evan).panel('panel/load', { issueKey: 'CHK-1' }));
    expect(error.code).toBe('JIRA_UNAVAILABLE');
  });
});
