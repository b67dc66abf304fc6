import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOutcomes } from '../../sandbox/seed-outcomes';
import type { Sandbox } from '../../sandbox/site';
import type { TransferDocument } from '../../src/contract/transfer';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { buildKpi, buildTechnicalKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { as, failure, ok, testSandbox, USERS } from '../support/sandbox';
import { importFile } from '../support/transfer';

/**
 * The export is a backup an admin could restore a site from: outcomes, KPIs with their values and whole
 * check-in history (corrections and withdrawals too), mapping rules and settings. Importing it by id
 * creates what is missing, brings what differs back to the file, and leaves what matches alone, so a
 * second import changes nothing; the preview says which beforehand. Everything is read back through the
 * resolvers of another, freshly reset site, and compared with the site it came from.
 */
describe('export and import as a backup', () => {
  let source: Sandbox;
  let file: TransferDocument;
  let outcomeId: string;
  let kpiId: string;
  const admin = (sandbox: Sandbox) => as(sandbox, USERS.alice).admin;
  const transactions = (sandbox: Sandbox) => sandbox.kvs.counters.snapshot().byOperation.transaction ?? 0;

  /** What the admin page shows of a site's outcome: the KPIs' values and every check-in as listed. */
  async function shown(sandbox: Sandbox) {
    const detail = ok(await admin(sandbox)('outcomes/get', { id: outcomeId }));
    const kpis = await Promise.all(
      detail.kpis.map(async (k) => {
        const history: unknown[] = [];
        let cursor: string | undefined;
        do {
          const page = ok(await admin(sandbox)('kpis/history', { id: k.id, ...(cursor ? { cursor } : {}) }));
          history.push(
            ...page.checkIns.map((c) => ({
              id: c.id,
              value: c.value,
              confidence: c.confidence,
              note: c.note,
              author: c.author?.accountId ?? null,
              source: c.source,
              at: c.at,
              withdrawn: c.withdrawn ? { by: c.withdrawn.by.accountId, reason: c.withdrawn.reason } : null,
              changes: c.changes.map((x) => ({
                action: x.action,
                by: x.by.accountId,
                before: x.before,
                after: x.after,
              })),
            })),
          );
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return {
          id: k.id,
          name: k.name,
          pairedKpiId: k.pairedKpiId,
          isDraft: k.isDraft,
          current: k.current,
          currentAt: k.currentAt,
          currentConfidence: k.currentConfidence,
          progress: k.progress,
          history,
        };
      }),
    );
    const rules = ok(await admin(sandbox)('rules/list', {})).rules.map((r) => ({
      id: r.id,
      outcomeId: r.outcomeId,
      jql: r.jql,
      kpiIds: r.kpiIds,
      enabled: r.enabled,
    }));
    const settings = ok(await admin(sandbox)('settings/get', {})).settings;
    const { title, statement, startDate, dueDate, projectKeys } = detail.outcome;
    return { outcome: { title, statement, startDate, dueDate, projectKeys }, kpis, rules, settings };
  }

  beforeAll(async () => {
    source = await testSandbox();
    const a = admin(source);
    outcomeId = ok(await a('outcomes/create', { draft: buildDraft() })).id;
    kpiId = ok(await a('kpis/create', { draft: buildKpi(outcomeId) })).kpis[0]?.id ?? '';
    ok(await a('kpis/create', { draft: buildTechnicalKpi(outcomeId, { pairedKpiId: kpiId }) }));
    // 30 check-ins: more than one transaction (25) holds, so the import writes them in several.
    for (let i = 0; i < 30; i++) {
      ok(
        await a('kpis/check-in', { kpiId, value: 40 - i / 10, confidence: 'medium', note: `Week ${i + 1}` }),
      );
    }
    const [latest, second] = ok(await a('kpis/history', { id: kpiId })).checkIns;
    if (!latest || !second) throw new Error('set-up failed');
    ok(
      await a('checkins/correct', {
        id: second.id,
        expectedRevision: second.revision,
        value: 37.3,
        confidence: 'high',
        note: 'Re-read',
        reason: 'Typo',
      }),
    );
    ok(await a('checkins/withdraw', { id: latest.id, expectedRevision: latest.revision, reason: 'Twice' }));
    ok(
      await a('rules/create', {
        draft: { outcomeId, jql: 'issuetype = Bug', kpiIds: [kpiId], enabled: true },
      }),
    );
    const settings = ok(await a('settings/get', {}));
    ok(
      await a('settings/update', {
        expectedVersion: settings.version,
        settings: { ...DEFAULT_SETTINGS, atRiskGap: 0.15, offTrackGap: 0.3 },
      }),
    );
    file = ok(await a('transfer/export', {}));
  });

  it('holds everything a restore needs: values, the whole history, rules and settings', () => {
    const kpi = file.outcomes[0]?.kpis.find((k) => k.id === kpiId);
    expect(file.format).toBe('outcome-bridge/backup@2');
    expect(kpi?.checkIns).toHaveLength(30);
    // The second-latest, corrected to 37.3, is the value: the latest was withdrawn.
    expect(kpi?.current).toMatchObject({ value: 37.3, confidence: 'high' });
    expect(kpi?.checkIns.at(-1)?.withdrawn).toMatchObject({ by: USERS.alice, reason: 'Twice' });
    expect(kpi?.checkIns.at(-2)?.changes).toMatchObject([
      {
        action: 'corrected',
        by: USERS.alice,
        before: { note: 'Week 29' },
        after: { value: 37.3 },
        reason: 'Typo',
      },
    ]);
    expect(file.rules).toEqual([
      expect.objectContaining({ outcomeId, jql: 'issuetype = Bug', kpiIds: [kpiId] }),
    ]);
    expect(file.settings).toMatchObject({ atRiskGap: 0.15, offTrackGap: 0.3 });
  });

  it('restores a reset site as it was, says beforehand what it will create, and changes nothing a second time', async () => {
    const target = await testSandbox();
    const preview = ok(await admin(target)('transfer/preview', { document: file }));
    expect(preview).toMatchObject({
      outcomes: { create: 1, update: 0, unchanged: 0 },
      kpis: { create: 2, update: 0, unchanged: 0 },
      checkIns: { create: 30, update: 0, unchanged: 0 },
      rules: { create: 1, update: 0, unchanged: 0 },
      settings: 'create',
    });
    // A preview writes nothing.
    expect(ok(await admin(target)('admin/load', {})).outcomes).toEqual([]);
    ok(await admin(target)('transfer/import', { document: file, token: preview.token }));
    expect(await shown(target)).toEqual(await shown(source));

    // The same file again: everything is as the file says, so nothing is written.
    const again = ok(await admin(target)('transfer/preview', { document: file }));
    expect(again).toMatchObject({
      outcomes: { create: 0, update: 0, unchanged: 1 },
      kpis: { create: 0, update: 0, unchanged: 2 },
      checkIns: { create: 0, update: 0, unchanged: 30 },
      rules: { create: 0, update: 0, unchanged: 1 },
      settings: 'unchanged',
      changes: [],
    });
    const before = transactions(target);
    const versions = ok(await admin(target)('outcomes/get', { id: outcomeId }));
    ok(await admin(target)('transfer/import', { document: file, token: again.token }));
    expect(transactions(target)).toBe(before);
    expect(ok(await admin(target)('outcomes/get', { id: outcomeId }))).toEqual(versions);
  });

  it('brings back what was changed since, names it in the preview, and leaves the rest alone', async () => {
    const target = await testSandbox();
    const first = await importFile(admin(target), file);
    ok(first.reply);
    const a = admin(target);
    const { outcome } = ok(await a('outcomes/get', { id: outcomeId }));
    ok(
      await a('outcomes/update', {
        id: outcomeId,
        expectedVersion: outcome.version,
        draft: buildDraft({ title: 'Renamed since' }),
      }),
    );
    const [latestStanding] = ok(await a('kpis/history', { id: kpiId })).checkIns.filter((c) => !c.withdrawn);
    if (!latestStanding) throw new Error('set-up failed');
    ok(
      await a('checkins/correct', {
        id: latestStanding.id,
        expectedRevision: latestStanding.revision,
        value: 30,
        confidence: 'low',
        note: 'Changed since',
      }),
    );
    const preview = ok(await a('transfer/preview', { document: file }));
    expect(preview).toMatchObject({
      outcomes: { create: 0, update: 1, unchanged: 0 },
      // The KPI's value follows its history back.
      kpis: { create: 0, update: 1, unchanged: 1 },
      checkIns: { create: 0, update: 1, unchanged: 29 },
    });
    expect(preview.changes).toEqual([
      { kind: 'outcome', id: outcomeId, name: 'Lift repeat purchases by 10%', action: 'update' },
      { kind: 'KPI', id: kpiId, name: 'Checkout abandonment rate', action: 'update' },
    ]);
    ok(await a('transfer/import', { document: file, token: preview.token }));
    expect(await shown(target)).toEqual(await shown(source));
    // The corrected check-in's revision moved on, so a correction opened before the import cannot land.
    const restored = ok(await a('kpis/history', { id: kpiId })).checkIns.find(
      (c) => c.id === latestStanding.id,
    );
    expect(restored?.revision).toBeGreaterThan(latestStanding.revision + 1);
  });

  it('applies only the plan the admin previewed: a change made since refuses it whole', async () => {
    const target = await testSandbox();
    ok((await importFile(admin(target), file)).reply);
    const edited = structuredClone(file);
    const first = edited.outcomes[0];
    if (first) first.title = 'From the file';
    const preview = ok(await admin(target)('transfer/preview', { document: edited }));
    const { outcome } = ok(await admin(target)('outcomes/get', { id: outcomeId }));
    ok(
      await as(target, USERS.priya).settings('CHK')('outcomes/update', {
        id: outcomeId,
        expectedVersion: outcome.version,
        draft: buildDraft({ title: 'Priya meanwhile' }),
      }),
    );
    const before = transactions(target);
    const refused = failure(
      await admin(target)('transfer/import', { document: edited, token: preview.token }),
    );
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/no longer does what its preview said/);
    expect(transactions(target)).toBe(before);
    expect(ok(await admin(target)('outcomes/get', { id: outcomeId })).outcome.title).toBe('Priya meanwhile');
  });

  it('says beforehand that a reset demo site would get its outcomes twice', async () => {
    const demo = await testSandbox();
    await seedDemoOutcomes(demo);
    const backup = ok(await admin(demo)('transfer/export', {}));
    const reset = await testSandbox();
    await seedDemoOutcomes(reset);
    // The reset site's demo outcomes have new ids: the backup's are new to it, under the same titles.
    const preview = ok(await admin(reset)('transfer/preview', { document: backup }));
    expect(preview.outcomes.create).toBe(backup.outcomes.length);
    expect(preview.warnings.filter((w) => /importing creates a second one/.test(w))).toHaveLength(
      backup.outcomes.length,
    );
    // Two demo sites, each seeded by playing the demo's weeks through the app: longer than one test's 30 s.
  }, 120_000);
});
