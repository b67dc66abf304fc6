import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JiraExchange, Principal } from '../../sandbox/jira';
import { appJiraCalls, operationFor, PLANNED_OPERATIONS } from '../../scripts/jira-openapi/app-operations';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { exercisedOperations, JiraContract, takeContractViolations } from '../support/jira-contract';
import { as, ok, testSandbox, USERS } from '../support/sandbox';

const contract = new JiraContract();
const APP: Principal = { type: 'app' };

function exchange(over: Partial<JiraExchange> & { status?: number; body?: unknown }): JiraExchange {
  const { status = 200, body, ...rest } = over;
  return {
    principal: APP,
    method: 'GET',
    path: '/rest/api/3/task/10000',
    query: new URLSearchParams(),
    operation: 'GET /rest/api/3/task/{taskId}',
    requestBody: undefined,
    response: {
      status,
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body: body === undefined ? '' : JSON.stringify(body),
    },
    ...rest,
  };
}

const TASK = {
  self: 'http://localhost:3000/jira/rest/api/3/task/10000',
  id: '10000',
  status: 'COMPLETE',
  progress: 100,
  elapsedRuntime: 5,
  submitted: 1,
  submittedBy: 1,
  lastUpdate: 6,
};

describe("the REST v3 contract (Atlassian's OpenAPI description, the operations the app uses)", () => {
  it('says which description it was extracted from', () => {
    expect(contract.fixture.source).toMatch(/swagger-v3\.v3\.json at [0-9a-f]{40}/);
    expect(contract.fixture.version).toMatch(/^1001\.0\.0-SNAPSHOT-[0-9a-f]{40}$/);
  });

  it('holds every operation the app calls in src/, and only those (plus the planned ones)', () => {
    const templates = contract.operations.map((op) => op.split(' ')[1] ?? '');
    const used = new Set(PLANNED_OPERATIONS);
    for (const call of appJiraCalls(path.resolve(__dirname, '../../src'))) {
      const template = operationFor(call.pattern, templates);
      expect(template, `${call.file}: ${call.method} ${call.pattern}`).toBeDefined();
      used.add(`${call.method} ${template}`);
    }
    expect([...used].sort()).toEqual([...contract.operations].sort());
  });

  it('catches a response missing a required field, or with a field the description does not allow', () => {
    expect(contract.check(exchange({ body: TASK }))).toEqual([]);
    const { progress: _, ...missing } = TASK;
    expect(contract.check(exchange({ body: missing }))).toEqual([
      expect.objectContaining({ where: 'response', message: expect.stringContaining("'progress'") }),
    ]);
    expect(contract.check(exchange({ body: { ...TASK, status: 'DONE' } }))[0]?.message).toMatch(
      /allowed values/,
    );
    expect(contract.check(exchange({ body: { ...TASK, extra: 1 } }))[0]?.message).toMatch(
      /additional.*extra/,
    );
  });

  it('catches an undocumented status, query parameter or request body, and an operation outside the fixture', () => {
    expect(contract.check(exchange({ status: 418, body: {} }))[0]?.message).toMatch(/status 418/);
    // Rate limiting may answer any operation.
    expect(contract.check(exchange({ status: 429, body: { errorMessages: ['x'], errors: {} } }))).toEqual([]);
    expect(
      contract.check(exchange({ query: new URLSearchParams('expand=all'), body: TASK }))[0]?.message,
    ).toMatch(/'expand'/);
    const search = {
      method: 'POST',
      path: '/rest/api/3/search/jql',
      operation: 'POST /rest/api/3/search/jql',
      body: { issues: [], isLast: true },
    };
    expect(
      contract.check(exchange({ ...search, requestBody: JSON.stringify({ jql: 'x', fields: ['id'] }) })),
    ).toEqual([]);
    expect(
      contract.check(exchange({ ...search, requestBody: JSON.stringify({ jql: 'x', fields: 'id' }) })),
    ).toEqual([
      expect.objectContaining({
        where: 'request body',
        message: expect.stringContaining('/fields must be array'),
      }),
    ]);
    expect(contract.check(exchange({ operation: 'GET /rest/api/3/serverInfo', body: {} }))[0]?.where).toBe(
      'operation',
    );
  });

  it("checks the app's traffic only (asApp and asUser), not Jira's own pages", () => {
    const page: Principal = { type: 'user', accountId: USERS.rita };
    expect(contract.check(exchange({ principal: page, status: 418, body: {} }))).toEqual([]);
    const asUser: Principal = { type: 'user', accountId: USERS.rita, viaApp: true };
    expect(contract.check(exchange({ principal: asUser, status: 418, body: {} }))).not.toEqual([]);
  });
});

describe("the app's Jira traffic, end to end through the real SDKs", () => {
  it('sends requests and gets answers that all fit the description, for every operation it uses', async () => {
    const sandbox = await testSandbox();
    const admin = as(sandbox, USERS.alice).admin;
    const outcome = ok(await admin('outcomes/create', { draft: buildDraft() }));
    ok(
      await admin('kpis/create', {
        draft: buildKpi(outcome.id, {
          source: { type: 'jql-count', jql: 'project = CHK AND issuetype = Bug AND statusCategory = Done' },
          unit: 'count',
          direction: 'increase',
          baseline: 0,
          target: 50,
        }),
      }),
    );
    ok(await admin('users/search', { query: 'pri' }));
    ok(await admin('outcomes/rollup-options', {}));
    ok(await admin('rules/create', { draft: { outcomeId: outcome.id, jql: 'issuetype = Bug' } }));
    ok(await as(sandbox, USERS.evan).panel('links/add', { issueKey: 'CHK-2', outcomeId: outcome.id }));
    ok(await as(sandbox, USERS.evan).panel('panel/load', { issueKey: 'CHK-2' }));
    ok(await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }));
    ok(
      await as(sandbox, USERS.evan).project('links/bulk', {
        projectKey: 'CHK',
        outcomeId: outcome.id,
        target: { issueKeys: ['CHK-3', 'CHK-4', 'CHK-5'] },
      }),
    );
    await sandbox.settle();
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    expect(takeContractViolations()).toEqual([]);
    const unused = contract.operations.filter(
      (op) => !exercisedOperations().has(op) && !PLANNED_OPERATIONS.includes(op),
    );
    expect(unused).toEqual([]);
  });
});
