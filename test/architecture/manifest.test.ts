import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INDEXED_LINK_PATHS, linksField } from '../../src/domain/jql';
import { LINKS_PROPERTY_KEY } from '../../src/domain/links';
import { REPO_ROOT } from '../support/source-files';

const MANIFEST = path.join(REPO_ROOT, 'manifest.yml');
const text = readFileSync(MANIFEST, 'utf8');

/** Forge's own validator runs on the manifest in test/forge/manifest-validation.test.ts (slow to start). */
describe('manifest.yml', () => {
  const doc = parse(text) as {
    app: { id: string; runtime: { name: string } };
    permissions: { scopes: string[]; content?: { styles?: string[] }; external?: unknown };
    remotes?: unknown;
  };

  it('runs on nodejs22.x with a well-formed app id', () => {
    expect(doc.app.runtime.name).toBe('nodejs22.x');
    expect(doc.app.id).toMatch(/^ari:cloud:ecosystem::app\/[0-9a-f-]{36}$/);
  });

  it('asks only for the scopes the code needs, with storage, and no egress or remotes (Runs on Atlassian)', () => {
    expect([...doc.permissions.scopes].sort()).toEqual(
      ['read:jira-user', 'read:jira-work', 'storage:app', 'write:jira-work'].sort(),
    );
    expect(doc.permissions.external).toBeUndefined();
    expect(doc.remotes).toBeUndefined();
  });

  it('allows the inline styles Atlaskit needs', () => {
    expect(doc.permissions.content?.styles).toEqual(['unsafe-inline']);
  });

  it('indexes every path of the links property the app queries, under the property the app writes', () => {
    const modules = parse(text) as {
      modules: { 'jira:entityProperty': { propertyKey: string; values: { path: string }[] }[] };
    };
    const [index] = modules.modules['jira:entityProperty'];
    expect(index?.propertyKey).toBe(LINKS_PROPERTY_KEY);
    const indexed = new Set(index?.values.map((v) => v.path));
    expect(INDEXED_LINK_PATHS.filter((p) => !indexed.has(p))).toEqual([]);
    // The builder names only those paths: an unindexed one would be refused by Jira's search.
    expect(linksField('linkCount')).toBe(`issue.property[${LINKS_PROPERTY_KEY}].linkCount`);
  });
});
