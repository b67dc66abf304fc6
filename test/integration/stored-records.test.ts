import { kvs } from '@forge/kvs';
import { describe, expect, it } from 'vitest';
import { buildDraft } from '../builders/outcome-draft';
import { as, failure, ok, testSandbox, USERS } from '../support/sandbox';

describe('stored records are parsed, not cast', () => {
  it('a record that does not match its schema is a worded error naming it, and changes nothing', async () => {
    const sandbox = await testSandbox();
    const id = ok(await as(sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft() })).id;
    const stored = await kvs.entity<Record<string, unknown>>('outcome').get(id);
    expect(stored?.schemaVersion).toBe(1);
    // Written past the app: a state the app never writes.
    await kvs.entity('outcome').set(id, { ...stored, state: 'paused' });
    const reply = failure(await as(sandbox, USERS.alice).admin('outcomes/get', { id }));
    expect(reply.code).toBe('INTERNAL');
    expect(reply.message).toContain(`The stored outcome “${id}” cannot be read (state:`);
    expect((await kvs.entity<Record<string, unknown>>('outcome').get(id))?.state).toBe('paused');
  });

  it('a record of a shape version the app does not know is refused the same way', async () => {
    const sandbox = await testSandbox();
    const id = ok(await as(sandbox, USERS.alice).admin('outcomes/create', { draft: buildDraft() })).id;
    const stored = await kvs.entity<Record<string, unknown>>('outcome').get(id);
    await kvs.entity('outcome').set(id, { ...stored, schemaVersion: 2 });
    const reply = failure(await as(sandbox, USERS.alice).admin('outcomes/get', { id }));
    expect(reply.message).toContain('schemaVersion');
  });
});
