import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@forge/manifest';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/source-files';

/**
 * Forge's own manifest validator (what `forge lint` and `forge deploy` check first) on manifest.yml. It
 * compiles Forge's 2 MB manifest schema before its first answer, seconds of work, so it runs in this
 * project of `npm test` rather than in `npm run test:fast`; the manifest's own rules are in
 * test/architecture/manifest.test.ts.
 */
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

describe('manifest.yml as Forge validates it', () => {
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
});
