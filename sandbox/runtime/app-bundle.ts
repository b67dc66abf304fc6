import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from './manifest';

type ModuleLoader = (file: string) => Promise<Record<string, unknown>>;

/** The app's source as the tests run it: each handler's module imported from src/ (`index.x` → src/index.ts). */
export const loadFromSource: ModuleLoader = (file) => import(file) as Promise<Record<string, unknown>>;

/**
 * The app as Forge deploys it: each handler's module from a folder that Forge's own bundler wrote
 * (scripts/forge-bundle.ts), where src/index.ts became index.cjs. Node's require loads it, as Forge's
 * runtime does; the SDKs bundled inside find the sandbox through the same globals as the source does.
 */
export function loadFromBundle(bundleDir: string): ModuleLoader {
  const dir = path.resolve(REPO_ROOT, bundleDir);
  const load = createRequire(path.join(dir, 'index.cjs'));
  return async (file) => {
    const module = path.relative(path.join(REPO_ROOT, 'src'), file).replace(/\.ts$/, '');
    const bundled = path.join(dir, `${module}.cjs`);
    if (!existsSync(bundled)) {
      throw new Error(`${bundled} is missing: bundle the app first (npx tsx scripts/forge-bundle.ts).`);
    }
    const exports: unknown = load(bundled);
    if (typeof exports !== 'object' || exports === null) throw new Error(`${bundled} exports nothing.`);
    return exports as Record<string, unknown>;
  };
}
