import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDir, REPO_ROOT, UI_APPS } from './ui-apps';

/**
 * Builds every Custom UI app with Vite. With --if-stale it first hashes everything a build reads
 * (front-end sources, the shared contract and domain, the lockfile, the Vite config) and skips the
 * build when nothing changed since the last one, so `npm test` and `npm start` build only when needed.
 */
const STAMP = path.join(REPO_ROOT, 'static', '.build-stamp');
const INPUTS = ['static', 'src/contract', 'src/domain', 'package-lock.json'];

function* files(target: string): Generator<string> {
  const full = path.join(REPO_ROOT, target);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    yield full;
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'build' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    yield* files(path.join(target, entry.name));
  }
}

function inputHash(): string {
  const hash = createHash('sha256');
  for (const target of INPUTS) {
    for (const file of [...files(target)].sort()) {
      hash.update(path.relative(REPO_ROOT, file));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

const ifStale = process.argv.includes('--if-stale');
const hash = inputHash();
const built = UI_APPS.every((app) => existsSync(path.join(buildDir(app), 'index.html')));
if (ifStale && built && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) {
  console.log('Custom UI builds are up to date.');
} else {
  const vite = path.join(REPO_ROOT, 'node_modules', '.bin', 'vite');
  for (const app of UI_APPS) {
    const started = Date.now();
    execFileSync(vite, ['build', path.join('static', app)], { cwd: REPO_ROOT, stdio: 'inherit' });
    console.log(`Built ${app} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  writeFileSync(STAMP, hash);
}
