import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { as, failure, ok, testSandbox, USERS } from '../support/sandbox';

/**
 * New outcome dates change which KPIs are published: a KPI due outside the timeframe fails SMART's T and
 * is a draft. The save never does that silently: it names the KPIs, moves the due dates given with it in
 * the same transaction, and unpublishes only what the user confirmed.
 */
describe('changing an outcome’s dates, and what it does to its KPIs', () => {
  let sandbox: Sandbox;
  let outcomeId: string;
  const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  const admin = () => as(sandbox, USERS.alice).admin;
  const detail = async () => ok(await admin()('outcomes/get', { id: outcomeId }));
  const kpi = async (key: keyof typeof ids) => (await detail()).kpis.find((k) => k.id === ids[key]);
  const update = async (dates: { startDate?: string; dueDate: string }, extra: object = {}) => {
    const { outcome } = await detail();
    return admin()('outcomes/update', {
      id: outcomeId,
      expectedVersion: outcome.version,
      draft: buildDraft({ startDate: dates.startDate ?? '2026-05-01', dueDate: dates.dueDate }),
      ...extra,
    });
  };

  // Each test starts from its own site: the outcome, two published KPIs and one draft.
  beforeEach(async () => {
    sandbox = await testSandbox();
    // The outcome runs 1 May to 30 September 2026.
    outcomeId = ok(await admin()('outcomes/create', { draft: buildDraft() })).id;
    const made = async (name: string, dueDate: string, saveAsDraft = false) =>
      ok(
        await admin()('kpis/create', { draft: buildKpi(outcomeId, { name, dueDate }), saveAsDraft }),
      ).kpis.find((k) => k.name === name)?.id ?? '';
    ids.a = await made('Abandonment (due 30 Sep)', '2026-09-30');
    ids.b = await made('Abandonment (due 31 Aug)', '2026-08-31');
    // Due after the outcome: a draft until the outcome runs that long.
    ids.c = await made('Abandonment (due 31 Dec)', '2026-12-31', true);
    ok(await admin()('kpis/check-in', { kpiId: ids.a, value: 37, confidence: 'high', note: '' }));
  });

  it('refuses to unpublish a KPI silently, naming it, and changes nothing', async () => {
    const before = await detail();
    const refused = failure(await update({ dueDate: '2026-09-15' }));
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.message).toBe(
      'These dates leave a published KPI due outside the outcome’s timeframe, so it would become a draft and leave KPI progress and health: “Abandonment (due 30 Sep)” (due 30 Sep 2026). Move its due date inside 1 May 2026 to 15 Sep 2026, or confirm that it becomes a draft.',
    );
    expect(refused.fieldErrors.map((e) => e.path)).toEqual(['confirmUnpublish']);
    const after = await detail();
    expect(after.outcome).toMatchObject({ dueDate: '2026-09-30', version: before.outcome.version });
    expect(after.kpis.map((k) => [k.id, k.isDraft, k.version]).sort()).toEqual(
      before.kpis.map((k) => [k.id, k.isDraft, k.version]).sort(),
    );
  });

  it('moves the KPI due dates given with the save, in the same step, and says so', async () => {
    const a = await kpi('a');
    const saved = ok(
      await update(
        { dueDate: '2026-09-15' },
        { kpiDueDates: [{ id: ids.a, dueDate: '2026-09-15', expectedVersion: a?.version ?? 0 }] },
      ),
    );
    expect(saved.dueDate).toBe('2026-09-15');
    expect(saved.kpiChanges).toEqual({
      unpublished: [],
      republished: [],
      moved: [{ id: ids.a, name: 'Abandonment (due 30 Sep)', dueDate: '2026-09-15' }],
    });
    const moved = await kpi('a');
    expect(moved).toMatchObject({
      dueDate: '2026-09-15',
      isDraft: false,
      version: (a?.version ?? 0) + 1,
      current: 37,
    });
  });

  it('republishes a draft the wider dates make SMART, and says so', async () => {
    const saved = ok(await update({ dueDate: '2026-12-31' }));
    expect(saved.kpiChanges.republished).toEqual([
      { id: ids.c, name: 'Abandonment (due 31 Dec)', dueDate: '2026-12-31' },
    ]);
    expect((await kpi('c'))?.isDraft).toBe(false);
    // Its draft mark is derived: the KPI's own version stays.
    expect(saved.draftKpiCount).toBe(0);
  });

  it('unpublishes what the user confirmed, and says which', async () => {
    // Wide enough dates first, so all three KPIs are published.
    ok(await update({ dueDate: '2026-12-31' }));
    const saved = ok(await update({ dueDate: '2026-08-15' }, { confirmUnpublish: [ids.a, ids.b, ids.c] }));
    expect(saved.kpiChanges.unpublished.map((k) => k.id).sort()).toEqual([ids.a, ids.b, ids.c].sort());
    expect(saved.draftKpiCount).toBe(3);
    // Widened again, all three are published; confirming one of them is not confirming the others.
    ok(await update({ dueDate: '2026-12-31' }));
    const refused = failure(await update({ dueDate: '2026-08-15' }, { confirmUnpublish: [ids.a] }));
    expect(refused.message).toMatch(
      /^These dates leave 2 published KPIs due outside the outcome’s timeframe/,
    );
    expect(refused.message).toContain(
      '“Abandonment (due 31 Aug)” (due 31 Aug 2026), “Abandonment (due 31 Dec)” (due 31 Dec 2026)',
    );
    expect((await detail()).outcome).toMatchObject({ dueDate: '2026-12-31', draftKpiCount: 0 });
  });

  it('refuses a move of a KPI someone changed since the editor read it', async () => {
    const b = await kpi('b');
    ok(
      await as(sandbox, USERS.priya).settings('CHK')('kpis/update', {
        id: ids.b,
        expectedVersion: b?.version ?? 0,
        draft: buildKpi(outcomeId, { name: 'Abandonment, renamed by Priya', dueDate: '2026-08-31' }),
        saveAsDraft: true,
      }),
    );
    const refused = failure(
      await update(
        { dueDate: '2026-09-30' },
        { kpiDueDates: [{ id: ids.b, dueDate: '2026-09-01', expectedVersion: b?.version ?? 0 }] },
      ),
    );
    expect(refused.fieldErrors[0]?.message).toMatch(
      /^Someone changed the KPI “Abandonment, renamed by Priya”/,
    );
    expect((await kpi('b'))?.dueDate).toBe('2026-08-31');
  });
});
