import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { as, failure, ok, testSandbox, USERS } from '../support/sandbox';

/** The stored check-in records of a KPI, read from the emulated store itself. */
const storedCheckIns = (sandbox: Sandbox, kpiId: string) =>
  (sandbox.kvs.snapshot().entities.checkin ?? []).filter((e) => e.key.startsWith(`${kpiId}:`));

describe('correcting and withdrawing check-ins', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  let kpiId: string;
  const alice = () => as(sandbox, USERS.alice);
  const priya = () => as(sandbox, USERS.priya);
  const history = async () => ok(await alice().admin('kpis/history', { id: kpiId })).checkIns;
  const current = async () =>
    ok(await alice().admin('outcomes/get', { id: outcomeId })).kpis.find((k) => k.id === kpiId);

  // Each test starts from its own site: the outcome, its KPI and Priya's two check-ins.
  beforeEach(async () => {
    sandbox = await testSandbox();
    outcomeId = ok(await alice().admin('outcomes/create', { draft: buildDraft() })).id;
    kpiId = ok(await alice().admin('kpis/create', { draft: buildKpi(outcomeId) })).kpis[0]?.id ?? '';
    // Abandonment 40% → 34%: Priya checks in 39, then 37 (she administers CHK).
    for (const [value, note] of [
      [39, 'First week'],
      [37, 'After retries shipped'],
    ] as const) {
      ok(await priya().settings('CHK')('kpis/check-in', { kpiId, value, confidence: 'medium', note }));
    }
  });

  it('lets the author correct a value: the KPI follows, and the history keeps what it said, by whom and why', async () => {
    const [latest] = await history();
    if (!latest) throw new Error('set-up failed');
    expect(latest).toMatchObject({ value: 37, revision: 1, withdrawn: null, changes: [], canChange: true });
    const detail = ok(
      await priya().settings('CHK')('checkins/correct', {
        id: latest.id,
        expectedRevision: 1,
        value: 38,
        confidence: 'high',
        note: 'After retries shipped',
        reason: 'Typed 37, the report says 38',
      }),
    );
    // (38 − 40) / (34 − 40) = 1/3 of the way.
    const kpi = detail.kpis.find((k) => k.id === kpiId);
    expect(kpi).toMatchObject({ current: 38, currentConfidence: 'high' });
    expect(kpi?.progress.ratio).toBeCloseTo(1 / 3, 12);
    const [corrected] = await history();
    expect(corrected).toMatchObject({
      id: latest.id,
      value: 38,
      revision: 2,
      changes: [
        {
          action: 'corrected',
          by: { displayName: 'Priya Project-Admin' },
          before: { value: 37, confidence: 'medium', note: 'After retries shipped' },
          after: { value: 38, confidence: 'high', note: 'After retries shipped' },
          reason: 'Typed 37, the report says 38',
        },
      ],
    });
  });

  it('never loses a change: a correction made on a revision someone changed since is refused', async () => {
    const [typed] = await history();
    if (!typed) throw new Error('set-up failed');
    // An earlier correction, so the history has one change before the two that race.
    ok(
      await priya().settings('CHK')('checkins/correct', {
        id: typed.id,
        expectedRevision: typed.revision,
        value: 38,
        confidence: 'high',
        note: 'After retries shipped',
        reason: 'Typed 37, the report says 38',
      }),
    );
    const [latest] = await history();
    if (!latest) throw new Error('set-up failed');
    const [first, second] = await Promise.all([
      alice().admin('checkins/correct', {
        id: latest.id,
        expectedRevision: latest.revision,
        value: 36,
        confidence: 'high',
        note: 'Alice',
      }),
      priya().settings('CHK')('checkins/correct', {
        id: latest.id,
        expectedRevision: latest.revision,
        value: 35,
        confidence: 'high',
        note: 'Priya',
      }),
    ]);
    const outcomes = [first, second].map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(outcomes).toEqual(['CONFLICT', 'ok']);
    const [after] = await history();
    // The one that landed is the value, and the history has both the earlier correction and this one.
    expect(after?.revision).toBe(latest.revision + 1);
    expect(after?.changes).toHaveLength(2);
    expect((await current())?.current).toBe(after?.value);
    const refused = [first, second].find((r) => !r.ok);
    if (refused && !refused.ok)
      expect(refused.error.message).toMatch(/changed this check-in after you opened it/);
  });

  it('withdraws a check-in: it stays in the history, marked, and the latest one standing is the value', async () => {
    const [latest, earlier] = await history();
    if (!latest || !earlier) throw new Error('set-up failed');
    const detail = ok(
      await alice().admin('checkins/withdraw', {
        id: latest.id,
        expectedRevision: latest.revision,
        reason: 'Measured on the wrong dashboard',
      }),
    );
    // The earlier check-in (39, medium) is the KPI's value again: (39 − 40) / (34 − 40) = 1/6.
    const kpi = detail.kpis.find((k) => k.id === kpiId);
    expect(kpi).toMatchObject({ current: 39, currentConfidence: 'medium', currentAt: earlier.at });
    expect(kpi?.progress.ratio).toBeCloseTo(1 / 6, 12);
    const [withdrawn] = await history();
    expect(withdrawn).toMatchObject({
      id: latest.id,
      withdrawn: { by: { displayName: 'Alice Admin' }, reason: 'Measured on the wrong dashboard' },
      canChange: false,
    });
    expect(withdrawn?.changes.at(-1)).toMatchObject({ action: 'withdrawn', after: null });
    // Nothing was deleted from the store: both check-ins are still there.
    expect(storedCheckIns(sandbox, kpiId)).toHaveLength(2);
    // Withdrawing the last one standing leaves the KPI without a value.
    ok(await alice().admin('checkins/withdraw', { id: earlier.id, expectedRevision: earlier.revision }));
    expect(await current()).toMatchObject({ current: null, currentAt: null, currentConfidence: null });
  });

  it('refuses values outside the unit’s range, and changes by anyone but the author or an admin', async () => {
    ok(
      await priya().settings('CHK')('kpis/check-in', { kpiId, value: 38, confidence: 'low', note: 'Again' }),
    );
    const [latest] = await history();
    if (!latest) throw new Error('set-up failed');
    const outside = failure(
      await priya().settings('CHK')('checkins/correct', {
        id: latest.id,
        expectedRevision: latest.revision,
        value: 150,
        confidence: 'low',
        note: '',
      }),
    );
    expect(outside).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'A percentage is a share from 0% to 100%; 150% is outside it.',
    });
    // Rita may browse CHK, so she sees the check-in on the project page, but it is neither hers nor hers to manage.
    const seen = ok(
      await as(sandbox, USERS.rita).project('project/outcome', { projectKey: 'CHK', outcomeId }),
    );
    const shown = seen.kpis.find((k) => k.id === kpiId)?.history[0];
    expect(shown).toMatchObject({ id: latest.id, canChange: false });
    const refused = failure(
      await as(sandbox, USERS.rita).project('checkins/withdraw', {
        projectKey: 'CHK',
        id: latest.id,
        expectedRevision: latest.revision,
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toBe(
      'Only the person who checked this value in, or an admin of the outcome, can change it.',
    );
    expect((await current())?.current).toBe(38);
  });

  it('lets the author correct from the project page even after losing admin rights over the outcome', async () => {
    // Alice moves the outcome into PLAT as well: Priya administers CHK only, so she no longer manages it.
    const { outcome } = ok(await alice().admin('outcomes/get', { id: outcomeId }));
    ok(
      await alice().admin('outcomes/update', {
        id: outcomeId,
        expectedVersion: outcome.version,
        draft: buildDraft({ projectKeys: ['CHK', 'PLAT'] }),
      }),
    );
    const [latest] = await history();
    if (!latest) throw new Error('set-up failed');
    const changed = ok(
      await priya().project('checkins/correct', {
        projectKey: 'CHK',
        id: latest.id,
        expectedRevision: latest.revision,
        value: 37.5,
        confidence: 'medium',
        note: 'Again',
        reason: 'Rounded too early',
      }),
    );
    expect(changed.checkIn).toMatchObject({
      value: 37.5,
      canChange: true,
      author: { displayName: 'Priya Project-Admin' },
    });
    expect((await current())?.current).toBe(37.5);
  });

  it('leaves values counted from Jira to the refresh', async () => {
    const jql = ok(
      await alice().admin('kpis/create', {
        draft: buildKpi(outcomeId, {
          name: 'Open checkout bugs',
          unit: 'count',
          baseline: 20,
          target: 5,
          source: { type: 'jql-count', jql: 'project = CHK AND issuetype = Bug AND statusCategory != Done' },
        }),
      }),
    ).kpis.find((k) => k.name === 'Open checkout bugs');
    const [counted] = ok(await alice().admin('kpis/history', { id: jql?.id ?? '' })).checkIns;
    if (!counted) throw new Error('set-up failed');
    expect(counted).toMatchObject({ source: 'jql', canChange: false });
    const refused = failure(
      await alice().admin('checkins/withdraw', { id: counted.id, expectedRevision: counted.revision }),
    );
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'This value was counted from Jira with JQL; refresh the KPI instead of changing it.',
    });
  });
});
