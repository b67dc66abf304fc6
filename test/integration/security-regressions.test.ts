import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { buildDraft } from '../builders/outcome-draft';
import { buildTargets, type Targets } from '../support/resolver-targets';
import { as, failure, testSandbox, USERS } from '../support/sandbox';

/**
 * Regression tests for issue 9, "Nothing read from Jira is trusted, and nothing leaks": one describe per
 * numbered finding, each doing what the finding did.
 */

let sandbox: Sandbox;
let targets: Targets;
const state = () => JSON.stringify([sandbox.kvs.snapshot(), sandbox.jira.toJSON()]);

beforeAll(async () => {
  sandbox = await testSandbox();
  targets = await buildTargets(sandbox);
}, 120_000);

describe('5. bad ids and cursors are refused by the contract, before storage sees them', () => {
  it('answers runs/get, links/bulk-status and kpis/history with a worded VALIDATION_FAILED, not INTERNAL', async () => {
    const alice = as(sandbox, USERS.alice);
    const before = state();
    const replies = [
      failure(await alice.admin('runs/get', { id: '<x>' })),
      failure(await alice.admin('runs/get', { id: 'é' })),
      failure(await alice.project('links/bulk-status', { projectKey: 'CHK', runId: '<x>' })),
      failure(await alice.admin('kpis/history', { id: targets.own.kpiId, cursor: 'abc' })),
      failure(await alice.admin('kpis/history', { id: targets.own.kpiId, cursor: '<x>' })),
    ];
    expect(replies.map((r) => [r.code, r.fieldErrors.map((f) => f.path)])).toEqual([
      ['VALIDATION_FAILED', ['id']],
      ['VALIDATION_FAILED', ['id']],
      ['VALIDATION_FAILED', ['runId']],
      ['VALIDATION_FAILED', ['cursor']],
      ['VALIDATION_FAILED', ['cursor']],
    ]);
    expect(replies[3]?.message).toBe('History page: reload the check-in history and page on from there.');
    expect(state()).toBe(before);
  });

  it('refuses a cursor of another KPI’s history the same way', async () => {
    const alice = as(sandbox, USERS.alice);
    const own = await alice.admin('kpis/history', { id: targets.own.kpiId });
    const cursor = own.ok ? own.data.nextCursor : null;
    expect(cursor).not.toBeNull();
    const reply = failure(
      await alice.admin('kpis/history', { id: targets.foreign.kpiId, cursor: cursor as string }),
    );
    expect(reply).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ path: 'cursor' }] });
  });
});

describe('6. every validation message says, in words, which field and what to do', () => {
  it('answers a draft broken everywhere in words, with no phrase of the schema library', async () => {
    const reply = failure(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: {
          ...buildDraft(),
          statement: undefined,
          startDate: 'soon',
          roles: { decides: [7], advises: [], escalatedTo: [] },
        } as never,
      }),
    );
    expect(Object.fromEntries(reply.fieldErrors.map((f) => [f.path, f.message]))).toEqual({
      'draft.statement': 'Fill in the statement.',
      'draft.startDate': 'Write the start date as a date like 2026-03-31.',
      'draft.roles.decides.0': 'First person who decides: choose a person from the list of Jira users.',
    });
  });

  it('refuses unknown fields in nested objects, and writes nothing', async () => {
    const before = state();
    const reply = failure(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: { ...buildDraft(), rollup: { method: 'count', colour: 'blue' } } as never,
      }),
    );
    expect(reply.fieldErrors).toEqual([
      {
        path: 'draft.rollup',
        message: 'Leave out "colour": there is no such field in the delivery measure.',
      },
    ]);
    const nestedKpi = failure(
      await as(sandbox, USERS.alice).admin('kpis/create', {
        draft: {
          outcomeId: targets.own.outcomeId,
          name: 'Refunds',
          description: 'Refunds a week.',
          kind: 'business',
          unit: 'count',
          direction: 'decrease',
          baseline: 10,
          target: 5,
          dueDate: null,
          source: { type: 'manual', jql: 'project = CHK' },
        } as never,
      }),
    );
    expect(nestedKpi.fieldErrors.map((f) => f.path)).toEqual(['draft.source']);
    expect(state()).toBe(before);
  });

  it('refuses bidirectional-override characters in titles and names', async () => {
    const before = state();
    const title = failure(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({ title: 'Grow revenue \u202E%01 yb' }),
      }),
    );
    expect(title.fieldErrors).toEqual([
      {
        path: 'draft.title',
        message:
          'Title: remove the invisible text-direction characters; they can make the text read differently from what is stored.',
      },
    ]);
    const isolate = failure(
      await as(sandbox, USERS.alice).admin('kpis/update', {
        id: targets.own.kpiId,
        expectedVersion: 1,
        draft: {
          outcomeId: targets.own.outcomeId,
          name: 'Abandonment \u2067rate\u2069',
          description: '',
          kind: 'business',
          unit: 'percent',
          direction: 'decrease',
          baseline: 40,
          target: 34,
          dueDate: null,
        },
      }),
    );
    expect(isolate.fieldErrors.map((f) => f.path)).toEqual(['draft.name']);
    expect(state()).toBe(before);
  });
});
