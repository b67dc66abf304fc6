import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportEdge, importsOf, REPO_ROOT, rel, sourceFiles } from '../support/source-files';

const inside = (edge: ImportEdge, folder: string) =>
  edge.resolved?.startsWith(path.join(REPO_ROOT, folder) + path.sep) ?? false;

const edgesOf = (folder: string) => sourceFiles(folder).flatMap(importsOf);
const describeEdge = (e: ImportEdge) => `${rel(e.file)} imports ${e.specifier}`;
/** Imports from `folder` into any of `into`. */
const crossing = (folder: string, into: readonly string[]) =>
  edgesOf(folder).filter((e) => into.some((f) => inside(e, f)));

describe('import rules (the architecture, enforced)', () => {
  it('keeps src/domain and src/contract pure: no Forge, no I/O, no outer layers', () => {
    const offending = [...edgesOf('src/domain'), ...edgesOf('src/contract')].filter(
      (e) =>
        e.specifier.startsWith('@forge/') ||
        e.specifier.startsWith('node:') ||
        ['src/platform', 'src/use-cases', 'src/resolvers', 'src/jobs', 'static', 'sandbox'].some((f) =>
          inside(e, f),
        ),
    );
    expect(offending.map(describeEdge)).toEqual([]);
  });

  it('points resolvers and jobs at the use cases, never at each other', () => {
    // Entry adapters (resolvers, jobs) call use cases; use cases call platform and domain; nothing points back.
    expect(crossing('src/resolvers', ['src/jobs']).map(describeEdge)).toEqual([]);
    expect(crossing('src/jobs', ['src/resolvers']).map(describeEdge)).toEqual([]);
    expect(crossing('src/use-cases', ['src/resolvers', 'src/jobs']).map(describeEdge)).toEqual([]);
    expect(
      crossing('src/platform', ['src/use-cases', 'src/resolvers', 'src/jobs']).map(describeEdge),
    ).toEqual([]);
  });

  it('keeps src/jobs to the trigger, queue and schedule adapters that src/index.ts names', () => {
    const jobs = sourceFiles('src/jobs').map((f) => path.basename(f));
    expect(jobs.sort()).toEqual(['entry-points.ts', 'scheduled.ts']);
    const entry = importsOf(path.join(REPO_ROOT, 'src', 'index.ts'));
    expect(entry.length).toBeGreaterThan(3);
    const elsewhere = entry.filter((e) => !inside(e, 'src/jobs') && !inside(e, 'src/resolvers'));
    expect(elsewhere.map(describeEdge)).toEqual([]);
  });

  it('lets only src/platform talk to Jira, storage and the queue', () => {
    const talkers = ['@forge/api', '@forge/kvs', '@forge/events'];
    const offending = edgesOf('src').filter(
      (e) => talkers.includes(e.specifier) && !rel(e.file).startsWith(`src${path.sep}platform${path.sep}`),
    );
    expect(offending.map(describeEdge)).toEqual([]);
  });

  it('never imports static/ or the sandbox from src/', () => {
    const offending = edgesOf('src').filter((e) => inside(e, 'static') || inside(e, 'sandbox'));
    expect(offending.map(describeEdge)).toEqual([]);
  });

  it('never uses retired Forge APIs (UI Kit 1, the storage module of @forge/api)', () => {
    const all = [...edgesOf('src'), ...edgesOf('static')];
    expect(all.filter((e) => e.specifier === '@forge/ui').map(describeEdge)).toEqual([]);
    const storageImports = sourceFiles('src').filter((f) =>
      /import\s*\{[^}]*\bstorage\b[^}]*\}\s*from\s*'@forge\/api'/.test(readFileSync(f, 'utf8')),
    );
    expect(storageImports.map(rel)).toEqual([]);
  });

  it('lets the front ends import only the contract and the domain from src/', () => {
    const offending = edgesOf('static').filter(
      (e) => inside(e, 'src') && !inside(e, 'src/contract') && !inside(e, 'src/domain'),
    );
    expect(offending.map(describeEdge)).toEqual([]);
    const serverOnly = edgesOf('static').filter((e) =>
      ['@forge/api', '@forge/kvs', '@forge/resolver', '@forge/events'].includes(e.specifier),
    );
    expect(serverOnly.map(describeEdge)).toEqual([]);
  });

  it('keeps @forge/bridge invoke in the one typed client', () => {
    const invokers = sourceFiles('static').filter(
      (f) =>
        importsOf(f).some((e) => e.specifier === '@forge/bridge') &&
        /\binvoke\b/.test(readFileSync(f, 'utf8')),
    );
    expect(invokers.map(rel)).toEqual([path.join('static', 'shared', 'client.ts')]);
  });

  it('calls resolvers from hooks only: no component imports the typed client', () => {
    const callers = edgesOf('static').filter(
      (e) => inside(e, 'static/shared') && /shared[/\\]client$/.test(e.resolved ?? ''),
    );
    expect(callers.length).toBeGreaterThan(5);
    const components = callers.filter((e) => !/^use-[a-z-]+\.ts$/.test(path.basename(e.file)));
    expect(components.map(describeEdge)).toEqual([]);
  });

  it('keeps the admin app in feature folders: common/ serves them all, none reaches into the page shell', () => {
    const admin = 'static/admin-page/src';
    const features = ['outcomes', 'kpis', 'rules', 'settings', 'transfer'];
    const loose = sourceFiles(admin).filter((f) => path.dirname(f) === path.join(REPO_ROOT, admin));
    expect(loose.map((f) => path.basename(f)).sort()).toEqual(['AdminPage.tsx', 'main.tsx']);
    const commonEdges = edgesOf(`${admin}/common`).filter((e) =>
      features.some((f) => inside(e, `${admin}/${f}`)),
    );
    expect(commonEdges.map(describeEdge)).toEqual([]);
    const intoShell = features
      .flatMap((f) => edgesOf(`${admin}/${f}`))
      .filter((e) => e.resolved !== null && path.dirname(e.resolved) === path.join(REPO_ROOT, admin));
    expect(intoShell.map(describeEdge)).toEqual([]);
  });

  it('can detect a violation (the rule is not vacuous)', () => {
    // Both entry adapters do reach the use cases, so a crossing the other way would be seen as well.
    expect(crossing('src/jobs', ['src/use-cases']).length).toBeGreaterThan(0);
    expect(crossing('src/resolvers', ['src/use-cases']).length).toBeGreaterThan(0);
    const domainFiles = sourceFiles('src/domain');
    expect(domainFiles.length).toBeGreaterThan(3);
    const platformEdges = edgesOf('src/platform');
    expect(platformEdges.some((e) => e.specifier === '@forge/kvs')).toBe(true);
  });
});
