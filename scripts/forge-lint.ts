import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Runs Forge's own linter (`@forge/lint`, client-side mode) over src/ offline, as `forge lint` would,
 * and fails on any error (e.g. a REST call whose OAuth scope the manifest lacks).
 *
 * @forge/lint is not a devDependency: it depends on keytar, which builds only with Debian's
 * libsecret-1-dev. `.ci/run` installs it into .ci/forge-tools; FORGE_TOOLS_DIR may point elsewhere.
 * The Jira API description comes from a local subset (scripts/forge-lint/) instead of the network.
 *
 * `--self-test` also lints a copy of the manifest without `write:jira-work` and requires an error,
 * proving the linter really sees the app's REST calls.
 */
const ROOT = path.resolve(__dirname, '..');
const LINT_DIR = process.env.FORGE_TOOLS_DIR ?? path.join(ROOT, '.ci', 'forge-tools');
const SPEC_DIR = path.join(__dirname, 'forge-lint');

process.env.USE_LOCAL_SWAGGER = '1';
process.env.LOCAL_JIRA_SWAGGER = path.join(SPEC_DIR, 'jira-openapi-subset.json');
for (const name of [
  'LOCAL_JSM_SWAGGER',
  'LOCAL_JSW_SWAGGER',
  'LOCAL_CONF_SWAGGER',
  'LOCAL_CONF_V2_SWAGGER',
  'LOCAL_BB_SWAGGER',
]) {
  process.env[name] = path.join(SPEC_DIR, 'empty-openapi.json');
}

interface LintRule {
  message: string;
  line: number;
  column: number;
}
interface LintResult {
  file: string;
  errors: LintRule[];
  warnings: LintRule[];
}
interface ForgeLint {
  lint: (
    files: string[],
    manifest: unknown,
    environment: string,
    logger: { info: (text: string) => void },
    statsig: { getDeprecatedRuntimes: () => Promise<string[]> },
    config: { linter: { mode: 'client-side' } },
  ) => Promise<LintResult[]>;
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    return statSync(path.join(ROOT, rel)).isDirectory()
      ? sourceFiles(rel)
      : /\.tsx?$/.test(name)
        ? [rel]
        : [];
  });

// Offline there is no feature-config service; this stand-in answers its one question the linter asks.
const offlineConfig = { getDeprecatedRuntimes: async () => [] as string[] };

async function run(manifest: unknown): Promise<LintResult[]> {
  const forgeLint = require(require.resolve('@forge/lint', { paths: [LINT_DIR] })) as ForgeLint;
  const silent = { info: () => undefined };
  return forgeLint.lint(sourceFiles('src'), manifest, 'development', silent, offlineConfig, {
    linter: { mode: 'client-side' },
  });
}

async function main() {
  process.chdir(ROOT);
  const manifest = parse(readFileSync('manifest.yml', 'utf8')) as { permissions: { scopes: string[] } };
  const results = await run(manifest);
  let errors = 0;
  for (const result of results) {
    for (const e of result.errors)
      console.error(`error   ${result.file}:${e.line}:${e.column}  ${e.message}`);
    for (const w of result.warnings)
      console.warn(`warning ${result.file}:${w.line}:${w.column}  ${w.message}`);
    errors += result.errors.length;
  }
  console.log(`forge lint (offline): ${sourceFiles('src').length} files, ${errors} errors`);
  if (errors > 0) process.exit(1);

  if (process.argv.includes('--self-test')) {
    const weakened = structuredClone(manifest);
    weakened.permissions.scopes = weakened.permissions.scopes.filter((s) => s !== 'write:jira-work');
    const caught = (await run(weakened))
      .flatMap((r) => r.errors)
      .filter((e) => e.message.includes('write:jira-work'));
    if (caught.length === 0) {
      console.error(
        'forge lint self-test: removing write:jira-work went unnoticed; the linter sees no REST calls.',
      );
      process.exit(1);
    }
    console.log(
      `forge lint self-test: a manifest without write:jira-work gives ${caught.length} error(s), as it should.`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
