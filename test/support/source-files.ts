import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/** Source files under a repo folder (TypeScript and TSX), skipping build output. */
export function sourceFiles(folder: string): string[] {
  const root = path.join(REPO_ROOT, folder);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (name === 'build' || name === 'node_modules') return [];
      if (statSync(full).isDirectory()) return walk(full);
      return /\.(ts|tsx|mts)$/.test(name) ? [full] : [];
    });
  return walk(root);
}

export interface ImportEdge {
  file: string;
  specifier: string;
  /** Absolute path for relative and aliased specifiers, else null (a package). */
  resolved: string | null;
}

const ALIASES: Record<string, string> = {
  '@contract/': 'src/contract/',
  '@domain/': 'src/domain/',
  '@shared/': 'static/shared/',
};

/** Every import and require of a file, as TypeScript's own pre-processor reads them. */
export function importsOf(file: string): ImportEdge[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: specifier }) => {
    let resolved: string | null = null;
    if (specifier.startsWith('.')) resolved = path.resolve(path.dirname(file), specifier);
    for (const [alias, target] of Object.entries(ALIASES)) {
      if (specifier.startsWith(alias)) resolved = path.join(REPO_ROOT, target, specifier.slice(alias.length));
    }
    return { file, specifier, resolved };
  });
}

export const rel = (file: string) => path.relative(REPO_ROOT, file);
