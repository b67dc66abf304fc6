import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHandler, readManifest } from '../../sandbox/runtime/manifest';
import { createSandbox } from '../../sandbox/site';
import { FIXED_NOW, MODULES, USERS } from '../support/sandbox';

describe('the sandbox runs a Forge bundle instead of the source when asked', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'forge-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads every manifest handler from <module>.cjs and calls it as Forge would', async () => {
    // A stand-in bundle whose handlers say where they come from and what they were called with.
    const exportNames = [...readManifest().functions.values()].map(
      (fn) => parseHandler(fn.handler).exportName,
    );
    const body = exportNames
      .map(
        (name) =>
          `exports.${name} = async (event, runtime) => ({ from: 'bundle', name: '${name}', event, runtime });`,
      )
      .join('\n');
    writeFileSync(path.join(dir, 'index.cjs'), `${body}\n`);
    const sandbox = await createSandbox({ dataDir: null, now: FIXED_NOW, appBundle: dir });
    const reply = await sandbox.invoke(MODULES.admin, 'admin/load', {}, USERS.alice);
    expect(reply).toMatchObject({
      from: 'bundle',
      name: 'adminPageResolver',
      event: { call: { functionKey: 'admin/load', payload: {} } },
      runtime: { principal: { accountId: USERS.alice } },
    });
  });

  it('says how to make the bundle when the folder has none', async () => {
    await expect(
      createSandbox({ dataDir: null, now: FIXED_NOW, appBundle: path.join(dir, 'absent') }),
    ).rejects.toThrow(/index\.cjs is missing: bundle the app first/);
  });
});
