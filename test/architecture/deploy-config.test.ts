import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/source-files';

/**
 * `forge deploy` compiles src/ with ts-loader and the app's own tsconfig.json; ts-loader takes each file's
 * output from TypeScript, so a config that emits nothing (`noEmit`) fails the deploy with "TypeScript emitted
 * no output for src/index.ts". .ci/run bundles with Forge's bundler itself; this is the quick check of it.
 */
describe('tsconfig.json as Forge’s bundler reads it', () => {
  it('emits JavaScript for the entry point', () => {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(REPO_ROOT, 'tsconfig.json'), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
    if (!config) throw new Error('tsconfig.json could not be read');
    const entry = path.join(REPO_ROOT, 'src', 'index.ts');
    // The entry alone is enough to see whether the options let TypeScript write output at all.
    const options = { ...config.options, noResolve: true, types: [] };
    const program = ts.createProgram({ rootNames: [entry], options });
    const written: string[] = [];
    const result = program.emit(program.getSourceFile(entry), (file) => written.push(file));
    expect(result.emitSkipped).toBe(false);
    expect(written.filter((file) => /index\.js$/.test(file))).toHaveLength(1);
  });
});
