import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHandler, readManifest } from '../../sandbox/runtime/manifest';
import { surfaces } from '../../src/contract/surface';
import { rel, sourceFiles } from '../support/source-files';

const manifest = readManifest();

/**
 * Which typed client each Custom UI app must use (static/shared/client.ts), and the functions of the
 * modules that render it (the admin page's app also renders in a project's settings).
 */
const CLIENT_OF_APP = {
  'issue-panel': { client: 'issuePanelApi', fns: ['issue-panel-resolver'] },
  'project-page': { client: 'projectPageApi', fns: ['project-page-resolver'] },
  'admin-page': { client: 'adminPageApi', fns: ['admin-page-resolver', 'settings-page-resolver'] },
} as const;

type Handler = (payload: unknown, runtime?: unknown) => Promise<unknown>;

async function loadHandler(functionKey: string): Promise<Handler> {
  const fn = manifest.functions.get(functionKey);
  if (!fn) throw new Error(`no function ${functionKey}`);
  const { file, exportName } = parseHandler(fn.handler);
  const module = (await import(file)) as Record<string, unknown>;
  return module[exportName] as Handler;
}

describe('manifest handlers', () => {
  it('every function handler resolves to a real exported function', async () => {
    expect(manifest.functions.size).toBeGreaterThanOrEqual(3);
    for (const [key] of manifest.functions) {
      expect(typeof (await loadHandler(key)), `handler of ${key}`).toBe('function');
    }
  });

  it('gives each UI module its own resolver function, one per surface of the contract', () => {
    const fns = manifest.uiModules.map((m) => m.resolverFunction);
    expect(new Set(fns).size).toBe(fns.length);
    expect(new Set(fns)).toEqual(new Set(Object.keys(surfaces)));
    for (const module of manifest.uiModules) {
      const app = module.resource as keyof typeof CLIENT_OF_APP;
      expect(CLIENT_OF_APP[app]?.fns, `${module.key} renders ${app}`).toContain(module.resolverFunction);
    }
  });
});

describe('front-end invoke keys', () => {
  for (const [app, { client, fns }] of Object.entries(CLIENT_OF_APP)) {
    const files = sourceFiles(`static/${app}`);
    const calls = files.flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /\b(issuePanelApi|projectPageApi|adminPageApi)\(\s*'([^']+)'/g,
        ),
      ].map((m) => ({ file: rel(file), client: m[1], key: m[2] as string })),
    );

    it(`${app} calls only its own surface's client`, () => {
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter((c) => c.client !== client)).toEqual([]);
    });

    it.each(fns)(`every key ${app} invokes exists in the %s resolver`, async (fn) => {
      const contract = surfaces[fn];
      const handler = await loadHandler(fn);
      for (const { key } of calls) {
        expect(Object.keys(contract), `${key} in the contract`).toContain(key);
        // Without a signed-in principal a defined key answers FORBIDDEN; an undefined key throws.
        const reply = (await handler({ call: { functionKey: key, payload: {} }, context: {} }, {})) as {
          ok: boolean;
          error?: { code: string };
        };
        expect(reply.ok).toBe(false);
        expect(reply.error?.code).toBe('FORBIDDEN');
      }
    });
  }

  it('an admin key cannot be reached through the issue panel function', async () => {
    const panel = await loadHandler('issue-panel-resolver');
    await expect(
      panel({ call: { functionKey: 'outcomes/delete', payload: {} }, context: {} }, {}),
    ).rejects.toThrow(/no definition/);
  });
});
