import { kvs } from '@forge/kvs';
import { beforeEach, describe, expect, it } from 'vitest';
import { setSandboxClock } from '../../sandbox/runtime/clock';
import type { Sandbox } from '../../sandbox/site';
import { buildDraft } from '../builders/outcome-draft';
import { as, FIXED_NOW, failure, ok, testSandbox, USERS } from '../support/sandbox';

/** The stored decision records, read from the emulated store itself. */
const stored = (sandbox: Sandbox) => sandbox.kvs.snapshot().entities.decision ?? [];

describe('decisions written down', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  // Priya owns and decides CHK's outcome, Maya is its technology owner, Alice is escalated to; Evan edits tickets.
  beforeEach(async () => {
    setSandboxClock(FIXED_NOW);
    sandbox = await testSandbox();
    outcomeId = ok(await as(sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft() })).id;
  });
  const record = (accountId: string, input: Record<string, unknown>) =>
    as(sandbox, accountId).project('decisions/record', {
      projectKey: 'CHK',
      outcomeId,
      kind: 'continue',
      rationale: 'On track.',
      ...input,
    } as never);

  // The sandbox clock runs on from where it is set, so the moments are compared by day.
  it('records who from the call, never the payload, and shows decisions newest first with names', async () => {
    ok(
      await record(USERS.priya, {
        kind: 'adjust-scope',
        rationale: '  Drop saved cards from this quarter.  ',
      }),
    );
    setSandboxClock(new Date(FIXED_NOW.getTime() + 86_400_000));
    // A payload naming someone else is refused as a whole: who decided is never taken from it.
    const forged = failure(await record(USERS.maya, { byId: USERS.priya, accountId: USERS.priya }));
    expect(forged.code).toBe('VALIDATION_FAILED');
    ok(
      await record(USERS.maya, {
        kind: 'change-target',
        rationale: 'Target 36%: the provider caps retries.',
      }),
    );

    const detail = ok(
      await as(sandbox, USERS.rita).project('project/outcome', { projectKey: 'CHK', outcomeId }),
    );
    expect(detail.canDecide).toBe(false);
    expect(detail.decisions.map((d) => [d.kind, d.rationale, d.by.displayName, d.at.slice(0, 10)])).toEqual([
      ['change-target', 'Target 36%: the provider caps retries.', 'Maya Chen', '2026-06-16'],
      ['adjust-scope', 'Drop saved cards from this quarter.', 'Priya Project-Admin', '2026-06-15'],
    ]);
    const records = stored(sandbox);
    expect(records.map((r) => (r.value as { byId: string }).byId).sort()).toEqual(
      [USERS.maya, USERS.priya].sort(),
    );
    const priyaView = ok(
      await as(sandbox, USERS.priya).project('project/outcome', { projectKey: 'CHK', outcomeId }),
    );
    expect(priyaView.canDecide).toBe(true);
  });

  it('refuses people the outcome does not name to decide, and bad payloads, changing nothing', async () => {
    // Evan may edit CHK's tickets and Rita may read them; neither owns, decides or is escalated to.
    for (const who of [USERS.evan, USERS.rita]) {
      const refused = failure(await record(who, {}));
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toContain('Only the outcome’s owners');
    }
    // Oscar cannot see CHK: the outcome is not there for him.
    expect(failure(await record(USERS.oscar, {})).code).toBe('NOT_FOUND');
    const bad: [Record<string, unknown>, string][] = [
      [{ rationale: '   ' }, 'say in a line why'],
      [{ rationale: 'x'.repeat(201) }, 'one line (200 characters'],
      [{ rationale: 'First line\nsecond line' }, 'without line breaks'],
      [{ kind: 'postpone' }, 'hoose the decision'],
    ];
    for (const [input, words] of bad) {
      const reply = failure(await record(USERS.priya, input));
      expect(reply.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(reply)).toContain(words);
    }
    expect(stored(sandbox)).toEqual([]);
    expect(
      await kvs
        .entity('decision')
        .query()
        .index('by-outcome-time', { partition: [outcomeId] })
        .getMany(),
    ).toMatchObject({ results: [] });
  });

  it('keeps both of two decisions made at the same moment', async () => {
    const [a, b] = await Promise.all([
      record(USERS.priya, { kind: 'continue', rationale: 'Keep going.' }),
      record(USERS.alice, { kind: 'stop', rationale: 'Escalated: budget is gone.' }),
    ]);
    ok(a);
    ok(b);
    const detail = ok(
      await as(sandbox, USERS.priya).project('project/outcome', { projectKey: 'CHK', outcomeId }),
    );
    expect(detail.decisions.map((d) => d.kind).sort()).toEqual(['continue', 'stop']);
    expect(stored(sandbox)).toHaveLength(2);
  });

  it('go with their outcome when it is deleted, and no other outcome loses any', async () => {
    const doomed = ok(await as(sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft() }));
    ok(await record(USERS.priya, { rationale: 'Keep going.' }));
    ok(
      await as(sandbox, USERS.priya).project('decisions/record', {
        projectKey: 'CHK',
        outcomeId: doomed.id,
        kind: 'stop',
        rationale: 'Superseded.',
      }),
    );
    expect(stored(sandbox)).toHaveLength(2);
    const preview = ok(await as(sandbox, USERS.alice).admin('outcomes/delete-preview', { id: doomed.id }));
    ok(
      await as(sandbox, USERS.alice).admin('outcomes/delete', {
        id: doomed.id,
        expectedVersion: doomed.version,
        confirmedLinkedTickets: preview.linkedTickets,
      }),
    );
    await sandbox.settle();
    expect(stored(sandbox).map((r) => (r.value as { outcomeId: string }).outcomeId)).toEqual([outcomeId]);
  });
});
