import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@forge/manifest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INDEXED_LINK_PATHS, linksField } from '../../src/domain/jql';
import { LINKS_PROPERTY_KEY } from '../../src/domain/links';
import { REPO_ROOT } from '../support/source-files';

const MANIFEST = path.join(REPO_ROOT, 'manifest.yml');
const text = readFileSync(MANIFEST, 'utf8');

/** @forge/manifest resolves handlers and resources next to the manifest, so variants are written beside it. */
async function validateText(yaml: string) {
  const file = path.join(
    REPO_ROOT,
    `.manifest-test-${process.pid}-${Math.random().toString(36).slice(2)}.yml`,
  );
  writeFileSync(file, yaml);
  try {
    return await validate(false, file);
  } finally {
    rmSync(file, { force: true });
  }
}

describe('manifest.yml', () => {
  it("passes Forge's own validation (schema, module keys, resources)", async () => {
    const result = await validateText(text);
    expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('fails validation on a wrong module key', async () => {
    const result = await validateText(text.replace('jira:issueContext:', 'jira:issueContxt:'));
    expect(result.success).toBe(false);
    expect(result.errors?.map((e) => e.message).join('\n')).toMatch(/issueContxt/);
  });

  it('fails validation on a missing resource folder', async () => {
    const result = await validateText(text.replace('static/admin-page/build', 'static/admin-page/missing'));
    expect(result.success).toBe(false);
    expect(result.errors?.map((e) => e.message).join('\n')).toMatch(/missing resource/);
  });

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
