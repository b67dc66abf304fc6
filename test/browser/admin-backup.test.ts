import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKpi } from '../builders/kpi-draft';
import { buildDraft } from '../builders/outcome-draft';
import { axeViolations, type BrowserEnv, openAdminPage, startBrowserEnv } from '../support/browser';
import { as, ok, USERS } from '../support/sandbox';

// Restoring a backup in the admin page, in Chromium: the dialog first says what the import would create,
// update and leave alone, and imports only after that; the same file again would change nothing.
describe('importing a backup, in Chromium', () => {
  let env: BrowserEnv;
  const admin = () => as(env.sandbox, USERS.alice).admin;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => env?.close());

  it('previews what the file would change, then imports that', async () => {
    const outcome = ok(await admin()('outcomes/create', { draft: buildDraft({ title: 'Fewer refunds' }) }));
    const kpiId = ok(await admin()('kpis/create', { draft: buildKpi(outcome.id) })).kpis[0]?.id ?? '';
    ok(await admin()('kpis/check-in', { kpiId, value: 38, confidence: 'high', note: 'First' }));
    const exported = ok(await admin()('transfer/export', {}));
    const file = {
      ...exported,
      outcomes: exported.outcomes.map((o) => ({ ...o, title: 'Fewer refunds, restored' })),
    };

    const { page, context, app } = await openAdminPage(env, USERS.alice);
    await app.getByTestId('import-json').click();
    await app.getByTestId('import-dialog').waitFor();
    await app.getByTestId('import-file').setInputFiles({
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await app.getByTestId('import-submit').click();
    const preview = app.getByTestId('import-preview');
    await preview.waitFor();
    const cells = async (kind: string) =>
      (await app.getByTestId(`import-preview-${kind}`).locator('td').allTextContents()).map(Number);
    expect(await cells('outcomes')).toEqual([0, 1, 0]);
    expect(await cells('kpis')).toEqual([0, 0, 1]);
    expect(await cells('checkIns')).toEqual([0, 0, 1]);
    await preview.getByText('Updates the outcome “Fewer refunds, restored”').waitFor();
    expect(await axeViolations(page), 'import preview').toEqual([]);
    // Nothing is written by the preview.
    expect(ok(await admin()('outcomes/get', { id: outcome.id })).outcome.title).toBe('Fewer refunds');

    await app.getByTestId('import-submit').getByText('Import').click();
    await app.getByTestId('import-dialog').waitFor({ state: 'detached' });
    await app
      .getByText('Imported: 0 outcomes created, 1 updated, 0 left as they were', { exact: false })
      .waitFor();
    expect(ok(await admin()('outcomes/get', { id: outcome.id })).outcome.title).toBe(
      'Fewer refunds, restored',
    );
    await context.close();
  });

  it('lists what is wrong with a file in words, never by its path in the file', async () => {
    const outcome = ok(await admin()('outcomes/create', { draft: buildDraft({ title: 'Fewer returns' }) }));
    ok(await admin()('kpis/create', { draft: buildKpi(outcome.id) }));
    const exported = ok(await admin()('transfer/export', {}));
    const [first, ...rest] = exported.outcomes;
    if (!first) throw new Error('The export holds no outcome.');
    // A text-direction override in a KPI's name (and a stranger as owner, said once the file parses).
    const broken = {
      ...first,
      businessOwnerId: 'nobody-on-this-site',
      kpis: first.kpis.map((k) => ({ ...k, name: 'Returns \u202Egnp.exe' })),
    };
    const file = { ...exported, outcomes: [broken, ...rest] };

    const { page, context, app } = await openAdminPage(env, USERS.alice);
    await app.getByTestId('import-json').click();
    await app.getByTestId('import-dialog').waitFor();
    await app.getByTestId('import-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await app.getByTestId('import-submit').click();
    const errors = app.getByTestId('import-errors');
    await errors.waitFor();
    const shown = await errors.locator('li').allTextContents();
    expect(shown.length, shown.join('\n')).toBeGreaterThanOrEqual(1);
    expect(shown.join('\n')).toMatch(/^Outcome 1, KPI 1, name: /);
    for (const line of shown) {
      // `document.outcomes.0.businessOwnerId`, `outcomes.0`, `kpis[0]`: how the dialog used to say where.
      expect(line).not.toMatch(/document|[A-Za-z]\.\d|\b[a-z]+\.[a-z]+[A-Z]\w*|\w\[\d+\]/);
    }
    expect(await errors.locator('code').count()).toBe(0);
    expect(await axeViolations(page), 'import errors').toEqual([]);
    expect(ok(await admin()('outcomes/get', { id: outcome.id })).outcome.businessOwner?.accountId).not.toBe(
      'nobody-on-this-site',
    );
    await context.close();
  });
});
