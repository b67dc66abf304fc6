import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildDir, GZIP_BUDGET, UI_APPS, type UiApp } from './ui-apps';

export interface AppSize {
  app: UiApp;
  entry: string;
  entryRaw: number;
  entryGzip: number;
  totalRaw: number;
  totalGzip: number;
  budgetGzip: number;
}

const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * The chunks a first paint needs: the entry script index.html loads plus every chunk it imports
 * statically, transitively (the bundler may move shared code out of the entry into such chunks;
 * they load just as eagerly). Chunks behind dynamic `import()` are lazy and counted only in the totals.
 */
function firstLoadChunks(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const statics = [
      ...code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\.?\/[^"']+\.js)["']/g),
    ];
    for (const match of statics) visit(path.resolve(path.dirname(file), match[1] as string));
  };
  visit(path.join(dir, entry));
  return [...seen];
}

export function measure(app: UiApp): AppSize {
  const dir = buildDir(app);
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const src = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`${app}: index.html loads no module script`);
  const eager = firstLoadChunks(dir, src).map((f) => readFileSync(f));
  const all = walk(dir).map((f) => readFileSync(f));
  return {
    app,
    entry: src,
    entryRaw: eager.reduce((n, b) => n + b.length, 0),
    entryGzip: eager.reduce((n, b) => n + gz(b), 0),
    totalRaw: all.reduce((n, b) => n + b.length, 0),
    totalGzip: all.reduce((n, b) => n + gz(b), 0),
    budgetGzip: GZIP_BUDGET[app],
  };
}

if (require.main === module) {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  // "entry" = the entry script and the chunks it imports statically: what the first paint downloads.
  console.log('app           entry raw   entry gzip  (budget)    build folder raw / gzip');
  for (const app of UI_APPS) {
    const s = measure(app);
    console.log(
      `${app.padEnd(13)} ${kb(s.entryRaw).padStart(9)}   ${kb(s.entryGzip).padStart(9)}  (${kb(s.budgetGzip)})  ${kb(s.totalRaw)} / ${kb(s.totalGzip)}`,
    );
  }
}
