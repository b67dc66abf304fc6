import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { TRANSFER_FORMAT } from '../../src/contract/limits';
import { buildKpi, buildTechnicalKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { as, failure, ok, testSandbox, USERS } from '../support/sandbox';
import { importFile } from '../support/transfer';

/** A file refused before anything is planned needs no preview: the refusal comes first. */
const NO_PREVIEW = 'not-previewed';

describe('site settings', () => {
  it('everyone on the admin page reads them; only Jira admins change them', async () => {
    const sandbox = await testSandbox();
    const priya = ok(await as(sandbox, USERS.priya).settings('CHK')('settings/get', {}));
    expect(priya).toMatchObject({
      canEdit: false,
      version: 0,
      settings: { atRiskGap: 0.1, offTrackGap: 0.25 },
    });
    const next = { ...priya.settings, atRiskGap: 0.15 };
    expect(
      failure(
        await as(sandbox, USERS.priya).settings('CHK')('settings/update', {
          expectedVersion: 0,
          settings: next,
        }),
      ).code,
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
    const { preview, reply } = await importFile(admin, edited);
    expect(preview).toMatchObject({
      outcomes: { create: 0, update: 1, unchanged: 0 },
      kpis: { create: 0, update: 0, unchanged: 2 },
      changes: [{ kind: 'outcome', id: outcome.id, name: 'Imported title', action: 'update' }],
    });
    expect(ok(reply)).toEqual(preview);
    const reloaded = ok(await admin('outcomes/get', { id: outcome.id }));
    expect(reloaded.outcome).toMatchObject({ title: 'Imported title', version: 2 });
    // The technical KPI still names the business KPI it moves; the business KPI lists it as its partner.
    expect(reloaded.kpis.map((k) => [k.kind, k.partners.length]).sort()).toEqual([
      ['business', 1],
      ['technical', 1],
    ]);

    const copy = structuredClone(exported);
    for (const o of copy.outcomes) {
      o.id = 'o-fresh00001';
      o.kpis = [];
    }
    expect(ok((await importFile(admin, copy)).reply).outcomes).toMatchObject({ create: 1 });
  });

  it('rejects a bad file whole, listing its first errors, and writes nothing', async () => {
    const admin = as(sandbox, USERS.alice).admin;
    const before = transactions();
    const wrongFormat = failure(
      await admin('transfer/import', {
        document: { format: 'something else', outcomes: [] },
        token: NO_PREVIEW,
      }),
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
    const rejected = failure(await admin('transfer/import', { document: broken, token: NO_PREVIEW }));
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
    expect(
      failure(
        await as(sandbox, USERS.priya).settings('CHK')('transfer/import', {
          document: doc,
          token: NO_PREVIEW,
        }),
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('refuses a file that would take over an outcome of a project the importer does not administer', async () => {
    const alice = as(sandbox, USERS.alice).admin;
    const plat = ok(
      await alice('outcomes/create', {
        draft: buildDraft({ title: 'Platform uptime', projectKeys: ['PLAT'] }),
      }),
    );
    const before = transactions();
    // Priya administers CHK only: the file moves Alice's PLAT outcome into CHK under its own id.
    const doc = {
      format: TRANSFER_FORMAT,
      exportedAt: '2026-06-15T09:00:00.000Z',
      outcomes: [{ ...buildDraft({ title: 'Hijacked', projectKeys: ['CHK'] }), id: plat.id, kpis: [] }],
    };
    const refused = failure(
      await as(sandbox, USERS.priya).settings('CHK')('transfer/import', { document: doc, token: NO_PREVIEW }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    // Named as the file names it: CHK's settings page tells nothing of PLAT's outcomes.
    expect(refused.message).toContain('Hijacked');
    expect(refused.message).not.toContain('Platform uptime');
    expect(transactions()).toBe(before);
    expect(ok(await alice('outcomes/get', { id: plat.id })).outcome).toMatchObject({
      title: 'Platform uptime',
      projectKeys: ['PLAT'],
      version: plat.version,
    });
  });

  it('checks the JQL of computed KPIs in the file with Jira, as a KPI saved by hand is', async () => {
    const admin = as(sandbox, USERS.alice).admin;
    const before = transactions();
    const doc = {
      format: TRANSFER_FORMAT,
      exportedAt: '2026-06-15T09:00:00.000Z',
      outcomes: [
        {
          ...buildDraft(),
          id: 'o-cccccc0001',
          kpis: [
            {
              ...buildKpi('o-cccccc0001', { source: { type: 'jql-count', jql: 'nosuchfield = 3' } }),
              id: 'k-cccccc0001',
            },
          ],
        },
      ],
    };
    for (const o of doc.outcomes) for (const k of o.kpis) Reflect.deleteProperty(k, 'outcomeId');
    const refused = failure(await admin('transfer/import', { document: doc, token: NO_PREVIEW }));
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.fieldErrors).toEqual([
      { path: 'document.outcomes.0.kpis.0.source.jql', message: expect.stringMatching(/nosuchfield/) },
    ]);
    expect(transactions()).toBe(before);
  });

  it('asks Jira again only about JQL the file changes: a KPI or rule as stored costs no search', async () => {
    const admin = as(sandbox, USERS.alice).admin;
    const outcome = ok(await admin('outcomes/create', { draft: buildDraft({ projectKeys: ['CHK'] }) }));
    const kpi = ok(
      await admin('kpis/create', {
        draft: buildKpi(outcome.id, { source: { type: 'jql-count', jql: 'issuetype = Bug' } }),
      }),
    ).kpis[0];
    const rule = ok(
      await admin('rules/create', {
        draft: { outcomeId: outcome.id, jql: 'issuetype = Story', kpiIds: [], enabled: true },
      }),
    );
    const exported = ok(await admin('transfer/export', {}));
    const file = {
      ...exported,
      outcomes: exported.outcomes.filter((o) => o.id === outcome.id),
      rules: exported.rules.filter((r) => r.outcomeId === outcome.id),
    };
    const searches = () =>
      sandbox.jira.counters.count('POST /rest/api/3/search/jql') +
      sandbox.jira.counters.count('POST /rest/api/3/search/approximate-count');
    const asStored = searches();
    ok(await admin('transfer/preview', { document: file }));
    expect(searches()).toBe(asStored);

    // A changed KPI JQL and a changed rule JQL are checked with Jira, and Jira's refusal is said in place.
    const edited = structuredClone(file);
    const [first] = edited.outcomes;
    const [firstRule] = edited.rules;
    if (!first?.kpis[0] || !firstRule || !kpi || firstRule.id !== rule.id) throw new Error('set-up failed');
    first.kpis[0].source = { type: 'jql-count', jql: 'nosuchfield = 3' };
    firstRule.jql = 'nosuchfield = 4';
    const refused = failure(await admin('transfer/preview', { document: edited }));
    expect(refused.fieldErrors).toEqual([
      { path: 'document.outcomes.0.kpis.0.source.jql', message: expect.stringMatching(/nosuchfield/) },
      { path: 'document.rules.0.jql', message: expect.stringMatching(/nosuchfield/) },
    ]);

    // The same JQL confined to other projects is checked again.
    const moved = structuredClone(file);
    if (!moved.outcomes[0]) throw new Error('set-up failed');
    moved.outcomes[0].projectKeys = ['CHK', 'PLAT'];
    const beforeMove = searches();
    ok(await admin('transfer/preview', { document: moved }));
    expect(searches()).toBeGreaterThan(beforeMove);
  });

  it('releases a stored technical KPI the file leaves out when the file makes its business KPI technical', async () => {
    const admin = as(sandbox, USERS.alice).admin;
    const outcome = ok(await admin('outcomes/create', { draft: buildDraft() }));
    const a = ok(await admin('kpis/create', { draft: buildKpi(outcome.id) })).kpis[0];
    const b = ok(
      await admin('kpis/create', { draft: buildTechnicalKpi(outcome.id, { pairedKpiId: a?.id ?? null }) }),
    ).kpis.find((k) => k.kind === 'technical');
    const exported = ok(await admin('transfer/export', {}));
    const file = structuredClone(exported);
    const first = file.outcomes[0];
    if (!first || !a || !b) throw new Error('set-up failed');
    // The file keeps A only, and makes it technical: B would serve a technical KPI.
    first.kpis = first.kpis
      .filter((k) => k.id === a.id)
      .map((k) => ({
        ...k,
        kind: 'technical' as const,
        unit: 'availability-percent' as const,
        baseline: 99,
        target: 99.9,
      }));
    ok((await importFile(admin, file)).reply);

    const kpis = ok(await admin('outcomes/get', { id: outcome.id })).kpis;
    const pairOf = (id: string) => kpis.find((k) => k.id === id)?.pairedKpiId;
    expect(kpis.find((k) => k.id === a.id)?.kind).toBe('technical');
    expect(pairOf(b.id)).toBeNull();
    // No technical KPI names anything but a business KPI.
    for (const k of kpis)
      if (k.pairedKpiId) expect(kpis.find((p) => p.id === k.pairedKpiId)?.kind).toBe('business');
  });

  it('never overwrites an edit made after the file was planned: each outcome lands whole or not at all', async () => {
    const admin = as(sandbox, USERS.alice).admin;
    const outcome = ok(await admin('outcomes/create', { draft: buildDraft({ title: 'Before the file' }) }));
    ok(await admin('kpis/create', { draft: buildKpi(outcome.id) }));
    const file = ok(await admin('transfer/export', {}));
    const first = file.outcomes[0];
    if (!first) throw new Error('set-up failed');
    first.title = 'From the file';
    for (const k of first.kpis) k.name = 'Renamed by the file';
    // Priya saves the outcome between the import's planning read and its write. No real part can time
    // a request that precisely, so the test wraps the emulated store's handler: her save runs just before
    // the import's first transaction reaches the store (after its preview and its own planning read).
    const { token } = ok(await admin('transfer/preview', { document: file }));
    const store = sandbox.kvs;
    const handle = store.handle.bind(store);
    let raced = false;
    store.handle = async (path, body) => {
      if (!raced && path.endsWith('/transaction')) {
        raced = true;
        ok(
          await as(sandbox, USERS.priya).settings('CHK')('outcomes/update', {
            id: outcome.id,
            expectedVersion: outcome.version,
            draft: buildDraft({ title: 'Priya was first' }),
          }),
        );
      }
      return handle(path, body);
    };
    const refused = failure(await admin('transfer/import', { document: file, token }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/Priya Project-Admin saved this outcome/);
    const stored = ok(await admin('outcomes/get', { id: outcome.id }));
    expect(stored.outcome.title).toBe('Priya was first');
    expect(stored.kpis.map((k) => k.name)).toEqual(['Checkout abandonment rate']);
    expect(raced).toBe(true);
    store.handle = handle;
  });

  it('refuses an outcome that would change more records than one transaction holds, and writes nothing', async () => {
    const admin = as(sandbox, USERS.alice).admin;
    const before = transactions();
    const id = 'o-dddddd0001';
    // The outcome, 30 KPIs and its one project entry: 32 writes, more than Forge allows a transaction (25).
    const kpis = Array.from({ length: 30 }, (_, i) => {
      const { outcomeId: _outcomeId, ...draft } = buildKpi(id, { name: `Checkout KPI number ${i + 1}` });
      return { ...draft, id: `k-dddddd${String(i).padStart(4, '0')}` };
    });
    const doc = {
      format: TRANSFER_FORMAT,
      exportedAt: '2026-06-15T09:00:00.000Z',
      outcomes: [{ ...buildDraft(), id, kpis }],
    };
    const refused = failure(await admin('transfer/import', { document: doc, token: NO_PREVIEW }));
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.fieldErrors).toEqual([
      { path: 'document.outcomes.0', message: expect.stringMatching(/changes 32 stored records at once/) },
    ]);
    expect(transactions()).toBe(before);
  });
});
