import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseHandler, readManifest } from '../sandbox/runtime/manifest';

/**
 * Bundles src/ with Forge's own bundler (`@forge/bundler`, the one `forge deploy` runs: webpack with
 * ts-loader and the app's tsconfig.json) into .forge-bundle/, so the integration tests can run against
 * what deploys: `SANDBOX_APP_BUNDLE=.forge-bundle npm run test:integration`.
 *
 * @forge/bundler is not a devDependency: it depends on @forge/cli-shared and so on keytar, which builds
 * only with Debian's libsecret-1-dev. `.ci/run` installs it into .ci/forge-tools; FORGE_TOOLS_DIR may
 * point elsewhere. Forge's runtime wrapper normally comes from Atlassian's CDN; offline it is read from
 * FORGE_RUNTIME_PATH, here a stand-in (scripts/forge-bundle/runtime) because the sandbox is the runtime.
 */
const ROOT = path.resolve(__dirname, '..');
const TOOLS_DIR = process.env.FORGE_TOOLS_DIR ?? path.join(ROOT, '.ci', 'forge-tools');
const OUT_DIR = path.join(ROOT, '.forge-bundle');

interface EntryPoint {
  name: string;
  path: string;
}
interface BundlerOutput {
  outputDir: string;
  additionalOutputs?: Map<string, string | Buffer>;
  metadata?: { modules?: string[]; tsFiles: number; jsFiles: number; errors: number };
}
interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  error(message: string): void;
  trace(message: string): void;
}
interface ForgeBundler {
  getEntryPoints(handlers: { module: string }[]): EntryPoint[];
  getWrapperProvider(deps: { fileSystemReader: unknown }): unknown;
  getNodeBundler(
    logger: Logger,
    wrapperProvider: unknown,
    configReader: { readConfig(): Promise<unknown> },
  ): { bundle(args: { appDirectory: string; entryPoints: EntryPoint[] }): Promise<BundlerOutput> };
}
interface CliShared {
  FileSystemReader: new () => unknown;
}

function fromTools<T>(name: string): T {
  try {
    return require(require.resolve(name, { paths: [TOOLS_DIR] })) as T;
  } catch {
    throw new Error(
      `${name} is not installed in ${TOOLS_DIR}. Install it as .ci/run does: ` +
        `npm install --prefix .ci/forge-tools --no-save --no-package-lock @forge/bundler@7.3.0`,
    );
  }
}

async function main() {
  process.chdir(ROOT);
  process.env.FORGE_RUNTIME_PATH ??= path.join(__dirname, 'forge-bundle', 'runtime');
  const bundler = fromTools<ForgeBundler>('@forge/bundler');
  const { FileSystemReader } = fromTools<CliShared>('@forge/cli-shared');

  // The modules the manifest's handlers live in, as the CLI passes them (`index.x` is module `index`).
  const modules = [...readManifest().functions.values()].map((fn) =>
    path.relative(path.join(ROOT, 'src'), parseHandler(fn.handler).file).replace(/\.ts$/, ''),
  );
  const entryPoints = bundler.getEntryPoints([...new Set(modules)].map((module) => ({ module })));
  const warnings: string[] = [];
  const logger: Logger = {
    info: (message) => console.log(message),
    warn: (message) => {
      warnings.push(message);
      console.warn(message);
    },
    debug: () => undefined,
    error: (message) => console.error(message),
    trace: () => undefined,
  };
  const manifest: unknown = parse(readFileSync('manifest.yml', 'utf8'));
  const started = Date.now();
  const output = await bundler
    .getNodeBundler(logger, bundler.getWrapperProvider({ fileSystemReader: new FileSystemReader() }), {
      readConfig: async () => manifest,
    })
    .bundle({ appDirectory: ROOT, entryPoints });

  rmSync(OUT_DIR, { recursive: true, force: true });
  cpSync(output.outputDir, OUT_DIR, { recursive: true });
  rmSync(output.outputDir, { recursive: true, force: true });
  for (const [file, content] of output.additionalOutputs ?? []) {
    mkdirSync(path.dirname(path.join(OUT_DIR, file)), { recursive: true });
    // A string is a path to copy (i18n resources), a buffer the file's content (the runtime files).
    if (typeof content === 'string') cpSync(content, path.join(OUT_DIR, file));
    else writeFileSync(path.join(OUT_DIR, file), content);
  }
  const entries = entryPoints.map((e) => `${e.name}.cjs`);
  const kib = entries.reduce((sum, file) => sum + statSync(path.join(OUT_DIR, file)).size, 0) / 1024;
  console.log(
    `Forge bundler: ${entries.join(', ')} (${kib.toFixed(0)} KiB) from ${output.metadata?.tsFiles ?? '?'} ` +
      `TypeScript files and ${output.metadata?.modules?.length ?? '?'} packages in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s, into ${path.relative(ROOT, OUT_DIR)}/; ` +
      `${warnings.length} warnings.`,
  );
  if (warnings.length > 0) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
