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

/** The entry script is the one index.html loads; lazy chunks and CSS are counted in the totals. */
export function measure(app: UiApp): AppSize {
  const dir = buildDir(app);
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const src = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`${app}: index.html loads no module script`);
  const entry = readFileSync(path.join(dir, src));
  const all = walk(dir).map((f) => readFileSync(f));
  return {
    app,
    entry: src,
    entryRaw: entry.length,
    entryGzip: gz(entry),
    totalRaw: all.reduce((n, b) => n + b.length, 0),
    totalGzip: all.reduce((n, b) => n + gz(b), 0),
    budgetGzip: GZIP_BUDGET[app],
  };
}

if (require.main === module) {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  console.log('app           entry raw   entry gzip  (budget)    build folder raw / gzip');
  for (const app of UI_APPS) {
    const s = measure(app);
    console.log(
      `${app.padEnd(13)} ${kb(s.entryRaw).padStart(9)}   ${kb(s.entryGzip).padStart(9)}  (${kb(s.budgetGzip)})  ${kb(s.totalRaw)} / ${kb(s.totalGzip)}`,
    );
  }
}
