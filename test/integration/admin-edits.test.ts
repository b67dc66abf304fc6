import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { buildDraft } from '../builders/outcome-draft';
import { as, failure, ok, testSandbox, USERS } from '../support/sandbox';

describe('edits that must not lose or hide anything', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  let ruleId: string;

  // Each test starts from its own site with this outcome and rule, and leaves no work running behind it.
  beforeEach(async () => {
    sandbox = await testSandbox();
    outcomeId = ok(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({
          projectKeys: ['CHK'],
          rollup: { method: 'points', countSubtasks: true, weights: {} },
        }),
      }),
    ).id;
    ruleId = ok(
      await as(sandbox, USERS.alice).admin('rules/create', {
        draft: { outcomeId, jql: 'issuetype = Bug' },
      }),
    ).id;
  });
  afterEach(() => sandbox.settle());

  it('keeps an outcome’s rollup settings when an edit leaves them out', async () => {
    const { rollup: _left, ...draft } = buildDraft({
      projectKeys: ['CHK'],
      title: 'Renamed outcome',
      rollup: { method: 'count', countSubtasks: false, weights: {} },
    });
    const updated = ok(
      await as(sandbox, USERS.alice).admin('outcomes/update', { id: outcomeId, expectedVersion: 1, draft }),
    );
    expect(updated.title).toBe('Renamed outcome');
    expect(updated.rollup).toEqual({ method: 'points', countSubtasks: true, weights: {} });
  });

  it('names who changed a mapping rule first, and changes nothing', async () => {
    const edited = ok(
      await as(sandbox, USERS.priya).settings('CHK')('rules/update', {
        id: ruleId,
        expectedVersion: 1,
        draft: { outcomeId, jql: 'issuetype = Bug AND priority = High' },
      }),
    );
    const stale = failure(
      await as(sandbox, USERS.alice).admin('rules/update', {
        id: ruleId,
        expectedVersion: 1,
        draft: { outcomeId, jql: 'issuetype = Story' },
      }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/^Priya Project-Admin saved this mapping rule/);
    expect(stale.conflict).toMatchObject({ changedBy: USERS.priya, currentVersion: edited.version });
    const rules = ok(await as(sandbox, USERS.alice).admin('rules/list', {})).rules;
    expect(rules.find((r) => r.id === ruleId)?.jql).toBe('issuetype = Bug AND priority = High');
    const deleting = failure(
      await as(sandbox, USERS.alice).admin('rules/delete', { id: ruleId, expectedVersion: 1 }),
    );
    expect(deleting.message).toMatch(/decide whether to delete it/);
  });

  it('lets whoever manages the outcome follow a run someone else started, and nobody else', async () => {
    // The queue is held so the run is still going when the second click and the readers arrive.
    const run = ok(await as(sandbox, USERS.alice).admin('rules/backfill', { id: ruleId }));
    const again = ok(await as(sandbox, USERS.priya).settings('CHK')('rules/backfill', { id: ruleId }));
    expect(again.id).toBe(run.id);
    expect(ok(await as(sandbox, USERS.priya).settings('CHK')('runs/get', { id: run.id })).id).toBe(run.id);
    // Dev administers PLAT only: to him the run is as absent as a made-up one.
    const hidden = failure(await as(sandbox, USERS.dev).settings('PLAT')('runs/get', { id: run.id }));
    const madeUp = failure(
      await as(sandbox, USERS.dev).settings('PLAT')('runs/get', {
        id: 'run-00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(hidden).toEqual(madeUp);
    expect(hidden.code).toBe('NOT_FOUND');
    await sandbox.settle();
    const next = ok(await as(sandbox, USERS.priya).settings('CHK')('rules/backfill', { id: ruleId }));
    expect(next.id).not.toBe(run.id);
    await sandbox.settle();
  });

  it('offers the site’s issue types (one per name) and says whether story points exist', async () => {
    const options = ok(await as(sandbox, USERS.alice).admin('outcomes/rollup-options', {}));
    const names = [...new Set(sandbox.jira.state.issueTypes.map((t) => t.name))].sort();
    expect(options.issueTypes.map((t) => t.name).sort()).toEqual(names);
    const epic = sandbox.jira.state.issueTypes.find((t) => t.hierarchyLevel === 1);
    expect(options.issueTypes[0]).toEqual({ name: epic?.name, level: 1 });
    const points = sandbox.jira.state.customFields.some((f) => f.customType.endsWith(':jsw-story-points'));
    expect(options.storyPoints).toBe(points);
    expect(failure(await as(sandbox, USERS.oscar).settings('MOB')('outcomes/rollup-options', {})).code).toBe(
      'FORBIDDEN',
    );
  });

  it('merges a partial rollup into the settings, and recomputes only when the meaning changed', async () => {
    const current = ok(await as(sandbox, USERS.alice).admin('outcomes/get', { id: outcomeId })).outcome;
    const { rollup: _r, ...draft } = buildDraft({ projectKeys: ['CHK'], title: current.title });
    const partial = ok(
      await as(sandbox, USERS.alice).admin('outcomes/update', {
        id: outcomeId,
        expectedVersion: current.version,
        draft: { ...draft, rollup: { method: 'weights', weights: { Story: 3 } } },
      }),
    );
    expect(partial.rollup).toEqual({ method: 'weights', countSubtasks: true, weights: { Story: 3 } });
    await sandbox.settle();
    // The same meaning written differently (a weight of 1 is the default): no recompute starts.
    ok(
      await as(sandbox, USERS.alice).admin('outcomes/update', {
        id: outcomeId,
        expectedVersion: partial.version,
        draft: { ...draft, rollup: { weights: { Task: 1, Story: 3 } } },
      }),
    );
    expect(sandbox.queue.busy()).toBe(false);
  });

  it('refuses story points on a site without a story points field, saying why', async () => {
    // An outcome counting tickets, so the save below really asks to switch to story points.
    const counted = ok(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({ projectKeys: ['CHK'], title: 'Counted by tickets' }),
      }),
    ).id;
    const fields = sandbox.jira.state.customFields;
    sandbox.jira.state.customFields = fields.filter((f) => !f.customType.endsWith(':jsw-story-points'));
    try {
      // Opening the editor looks again, so the answer is current, and the save agrees with it.
      expect(ok(await as(sandbox, USERS.alice).admin('outcomes/rollup-options', {})).storyPoints).toBe(false);
      const current = ok(await as(sandbox, USERS.alice).admin('outcomes/get', { id: counted })).outcome;
      const refused = failure(
        await as(sandbox, USERS.alice).admin('outcomes/update', {
          id: counted,
          expectedVersion: current.version,
          draft: buildDraft({
            projectKeys: ['CHK'],
            title: 'Counted by tickets',
            rollup: { method: 'points', countSubtasks: false, weights: {} },
          }),
        }),
      );
      expect(refused.fieldErrors).toEqual([
        { path: 'draft.rollup.method', message: expect.stringMatching(/no story points field/) },
      ]);
      const after = ok(await as(sandbox, USERS.alice).admin('outcomes/get', { id: counted })).outcome;
      expect(after.version).toBe(current.version);
    } finally {
      sandbox.jira.state.customFields = fields;
      ok(await as(sandbox, USERS.alice).admin('outcomes/rollup-options', {}));
    }
  });
});
