import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { TRANSFER_FORMAT } from '../../src/contract/limits';
import { buildKpi, buildTechnicalKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { as, failure, ok, testSandbox, USERS } from '../support/sandbox';

describe('site settings', () => {
  it('everyone on the admin page reads them; only Jira admins change them', async () => {
    const sandbox = await testSandbox();
    const priya = ok(await as(sandbox, USERS.priya).admin('settings/get', {}));
    expect(priya).toMatchObject({
      canEdit: false,
      version: 0,
      settings: { atRiskGap: 0.1, offTrackGap: 0.25 },
    });
    const next = { ...priya.settings, atRiskGap: 0.15 };
    expect(
      failure(await as(sandbox, USERS.priya).admin('settings/update', { expectedVersion: 0, settings: next }))
        .code,
    ).toBe('FORBIDDEN');
    const saved = ok(
      await as(sandbox, USERS.alice).admin('settings/update', { expectedVersion: 0, settings: next }),
    );
    expect(saved).toMatchObject({ version: 1, canEdit: true, settings: { atRiskGap: 0.15 } });
    const stale = failure(
      await as(sandbox, USERS.alice).admin('settings/update', { expectedVersion: 0, settings: next }),
    );
    expect(stale.code).toBe('CONFLICT');
    const inverted = failure(
      await as(sandbox, USERS.alice).admin('settings/update', {
        expectedVersion: 1,
        settings: { ...next, atRiskGap: 0.3, offTrackGap: 0.2 },
      }),
    );
    expect(inverted.fieldErrors).toEqual([
      { path: 'settings.offTrackGap', message: expect.stringMatching(/larger/) },
    ]);
  });
});

describe('alignment tree and deleting an outcome with KPIs', () => {
  it('rejects a parent that would make a loop, and detaches children when the parent goes', async () => {
    const sandbox = await testSandbox();
    const admin = as(sandbox, USERS.alice).admin;
    const top = ok(await admin('outcomes/create', { draft: buildDraft({ title: 'Grow online revenue' }) }));
    const child = ok(
      await admin('outcomes/create', {
        draft: buildDraft({ title: 'Reduce abandonment', parentId: top.id }),
      }),
    );
    expect(child.parent).toEqual({ id: top.id, title: 'Grow online revenue' });
    const loop = failure(
      await admin('outcomes/update', {
        id: top.id,
        expectedVersion: 1,
        draft: buildDraft({ title: 'Grow online revenue', parentId: child.id }),
      }),
    );
    expect(loop.fieldErrors).toEqual([{ path: 'draft.parentId', message: expect.stringMatching(/loop/) }]);

    ok(await admin('kpis/create', { draft: buildKpi(top.id) }));
    ok(await admin('kpis/create', { draft: buildTechnicalKpi(top.id) }));
    const preview = ok(await admin('outcomes/delete-preview', { id: top.id }));
    expect(preview).toEqual({ linkedTickets: 0, kpis: 2, children: 1 });
    ok(await admin('outcomes/delete', { id: top.id, expectedVersion: 1, confirmedLinkedTickets: 0 }));
    const orphan = ok(await admin('outcomes/get', { id: child.id }));
    expect(orphan.outcome.parent).toBeNull();
    expect(JSON.stringify(sandbox.kvs.snapshot())).not.toContain(`"outcomeId":"${top.id}"`);
  });
});

describe('import and export', () => {
  let sandbox: Sandbox;
  const transactions = () => sandbox.kvs.counters.snapshot().byOperation.transaction ?? 0;
  beforeEach(async () => {
    sandbox = await testSandbox();
  });

  it('exports every outcome with its KPIs, and imports the file back as updates', async () => {
    const admin = as(sandbox, USERS.alice).admin;
    const outcome = ok(await admin('outcomes/create', { draft: buildDraft() }));
    const business = ok(await admin('kpis/create', { draft: buildKpi(outcome.id) })).kpis[0];
    ok(
      await admin('kpis/create', {
        draft: buildTechnicalKpi(outcome.id, { pairedKpiId: business?.id ?? null }),
      }),
    );
    const exported = ok(await admin('transfer/export', {}));
    expect(exported.format).toBe(TRANSFER_FORMAT);
    expect(exported.outcomes[0]?.kpis).toHaveLength(2);

    const edited = structuredClone(exported);
    const first = edited.outcomes[0];
    if (first) first.title = 'Imported title';
    expect(ok(await admin('transfer/import', { document: edited }))).toEqual({
      created: 0,
      updated: 1,
      kpis: 2,
    });
    const reloaded = ok(await admin('outcomes/get', { id: outcome.id }));
    expect(reloaded.outcome).toMatchObject({ title: 'Imported title', version: 2 });
    expect(reloaded.kpis.every((k) => k.pairedKpiId !== null)).toBe(true);

    const copy = structuredClone(exported);
    for (const o of copy.outcomes) {
      o.id = 'o-fresh00001';
      o.kpis = [];
    }
    expect(ok(await admin('transfer/import', { document: copy }))).toMatchObject({ created: 1 });
  });

  it('rejects a bad file whole, listing its first errors, and writes nothing', async () => {
    const admin = as(sandbox, USERS.alice).admin;
    const before = transactions();
    const wrongFormat = failure(
      await admin('transfer/import', { document: { format: 'something else', outcomes: [] } }),
    );
    expect(wrongFormat.code).toBe('VALIDATION_FAILED');
    expect(wrongFormat.fieldErrors.map((e) => e.path)).toEqual(['document.format', 'document.exportedAt']);

    const broken = {
      format: TRANSFER_FORMAT,
      exportedAt: '2026-06-15T09:00:00.000Z',
      outcomes: [
        { ...buildDraft(), id: 'o-aaaaaa0001', kpis: [] },
        { ...buildDraft({ projectKeys: ['NOPE'], businessOwnerId: 'ghost' }), id: 'o-aaaaaa0002', kpis: [] },
        { ...buildDraft({ parentId: 'o-aaaaaa0004' }), id: 'o-aaaaaa0003', kpis: [] },
        { ...buildDraft({ parentId: 'o-aaaaaa0003' }), id: 'o-aaaaaa0004', kpis: [] },
      ],
    };
    const rejected = failure(await admin('transfer/import', { document: broken }));
    expect(rejected.message).toMatch(/Nothing was changed/);
    expect(rejected.fieldErrors.map((e) => e.path)).toEqual([
      'document.outcomes.1.projectKeys',
      'document.outcomes.1.businessOwnerId',
      'document.outcomes.2.parentId',
      'document.outcomes.3.parentId',
    ]);
    expect(transactions()).toBe(before);
    expect(ok(await admin('admin/load', {})).outcomes).toEqual([]);
  });

  it('refuses a file with outcomes in projects the importer does not administer', async () => {
    const doc = {
      format: TRANSFER_FORMAT,
      exportedAt: '2026-06-15T09:00:00.000Z',
      outcomes: [{ ...buildDraft({ projectKeys: ['PLAT'] }), id: 'o-bbbbbb0001', kpis: [] }],
    };
    expect(failure(await as(sandbox, USERS.priya).admin('transfer/import', { document: doc })).code).toBe(
      'FORBIDDEN',
    );
  });
});
