import { readFileSync } from 'node:fs';
import { kvs, WhereConditions } from '@forge/kvs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type EntityDeclaration,
  KvsEmulator,
  kvsFetchHandler,
  loadEntityDeclarations,
} from '../../../sandbox/kvs';
import {
  type Employee,
  ENTITIES,
  FakeClock,
  installEmulator,
  MINUTE,
  routeTo,
  uninstallEmulator,
} from './harness';

afterEach(uninstallEmulator);

describe('snapshot and restore', () => {
  it('round-trips every namespace through JSON, TTLs included', async () => {
    const { emulator, clock } = installEmulator();
    await kvs.set('plain', { list: [1, 2] });
    await kvs.set('expiring', 'soon', { ttl: { value: 10, unit: 'MINUTES' } });
    await kvs.setSecret('secret', 'hush');
    await kvs.entity<Employee>('employee').set('e1', { name: 'Ann', team: 'red', age: 30 });

    const text = JSON.stringify(emulator.snapshot());
    const restored = KvsEmulator.restore(JSON.parse(text), { entities: ENTITIES, clock: clock.now });
    expect(restored.snapshot()).toEqual(emulator.snapshot());
    routeTo(restored);

    expect(await kvs.get('plain')).toEqual({ list: [1, 2] });
    expect(await kvs.getSecret('secret')).toBe('hush');
    const { results } = await kvs
      .entity<Employee>('employee')
      .query()
      .index('by-team-age', { partition: ['red'] })
      .getMany();
    expect(results).toEqual([{ key: 'e1', value: { name: 'Ann', team: 'red', age: 30 } }]);
    clock.advance(10 * MINUTE);
    expect(await kvs.get('expiring')).toBeUndefined();
    expect(restored.snapshot().kvs.map((entry) => entry.key)).toEqual(['plain']);
  });

  it('refuses something that is not a snapshot', () => {
    expect(() => KvsEmulator.restore({ kvs: [] }, { entities: ENTITIES })).toThrow(/Invalid KVS snapshot/);
    expect(() =>
      KvsEmulator.restore(
        { format: 'forge-kvs-emulator', version: 1, kvs: [{ key: 'k' }], secrets: [], entities: {} },
        { entities: ENTITIES },
      ),
    ).toThrow(/kvs\[0\]/);
  });
});

describe('counters', () => {
  it('counts each request once, batches and transactions included, with their item counts', async () => {
    const { emulator } = installEmulator();
    await kvs.set('a', 1);
    await kvs.get('a');
    await kvs.get('missing');
    await kvs.batchSet([
      { key: 'b', value: 2 },
      { key: 'c', value: 3 },
      { key: 'd', value: 4 },
    ]);
    await kvs.transact().set('e', 5).delete('a').execute();
    await kvs.query().where('key', WhereConditions.beginsWith('b')).getMany();
    expect(emulator.counters.snapshot()).toEqual({
      total: 6,
      byOperation: { set: 1, get: 2, 'batch/set': 1, transaction: 1, query: 1 },
      itemsByOperation: { set: 1, get: 2, 'batch/set': 3, transaction: 2, query: 1 },
      errorsByCode: { KEY_NOT_FOUND: 1 },
    });
    expect(emulator.counters.total).toBe(6);
    emulator.counters.reset();
    expect(emulator.counters.snapshot()).toEqual({
      total: 0,
      byOperation: {},
      itemsByOperation: {},
      errorsByCode: {},
    });
  });
});

describe('transport', () => {
  const fresh = () => new KvsEmulator({ entities: [], clock: new FakeClock().now });

  it('answers 204 without a body and 200 with JSON', async () => {
    const fetch = kvsFetchHandler(fresh());
    const set = await fetch('/api/v1/set', {
      method: 'POST',
      body: JSON.stringify({ key: 'k', value: 'v' }),
    });
    expect(set.status).toBe(204);
    expect(await set.text()).toBe('');
    const get = await fetch('/api/v1/get', { method: 'POST', body: JSON.stringify({ key: 'k' }) });
    expect(get.status).toBe(200);
    expect(get.headers.get('x-trace-id')).toMatch(/^kvs-emulator-/);
    expect(await get.json()).toEqual({ key: 'k', value: 'v' });
  });

  it('answers unknown paths, wrong methods and broken JSON with error bodies', async () => {
    const fetch = kvsFetchHandler(fresh());
    expect((await fetch('/api/v1/nope', { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch('/api/v1/constructor', { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch('/api/v1/get', { method: 'GET' })).status).toBe(405);
    const broken = await fetch('/api/v1/get', { method: 'POST', body: '{' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Provided request body is invalid',
    });
  });

  it('can be driven directly and synchronously', async () => {
    const emulator = fresh();
    expect(emulator.handleNow('/api/v1/set', { key: 'k', value: 'v' })).toEqual({ status: 204 });
    expect(await emulator.handle('/api/v1/get', { key: 'absent' })).toEqual({
      status: 404,
      body: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' },
    });
    expect(emulator.handleNow('/api/v1/delete', { key: 'k' })).toEqual({ status: 204 });
  });
});

describe('entity declarations', () => {
  it('loads app.storage.entities from manifest YAML', () => {
    const yaml = `
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000
  storage:
    entities:
      - name: task
        attributes:
          title: { type: string }
          done: { type: boolean }
        indexes:
          - title
          - name: by-done
            partition: [done]
            range: [title]
      - name: plain
        attributes:
          n: { type: integer }
`;
    expect(loadEntityDeclarations(yaml)).toEqual([
      {
        name: 'task',
        attributes: { title: { type: 'string' }, done: { type: 'boolean' } },
        indexes: ['title', { name: 'by-done', partition: ['done'], range: ['title'] }],
      },
      { name: 'plain', attributes: { n: { type: 'integer' } } },
    ]);
    expect(loadEntityDeclarations('modules: {}\n')).toEqual([]);
    expect(() =>
      loadEntityDeclarations(
        'app:\n  storage:\n    entities:\n      - name: x\n        attributes:\n          a: { type: date }\n',
      ),
    ).toThrow(/type/);
  });

  it("accepts this app's own manifest", () => {
    const declarations = loadEntityDeclarations(readFileSync('manifest.yml', 'utf8'));
    expect(() => new KvsEmulator({ entities: declarations })).not.toThrow();
  });

  it('refuses declarations that Forge would refuse', () => {
    const make = (declaration: EntityDeclaration) => () => new KvsEmulator({ entities: [declaration] });
    const attributes = { a: { type: 'string' as const }, b: { type: 'integer' as const } };
    expect(make({ name: 'ok-name', attributes, indexes: [{ name: 'by-key', range: ['a'] }] })).toThrow(
      /reserved/,
    );
    expect(make({ name: 'ok-name', attributes, indexes: ['missing'] })).toThrow(/declared attribute/);
    expect(make({ name: 'ok-name', attributes, indexes: [{ name: 'two', range: ['a', 'b'] }] })).toThrow(
      /exactly one/,
    );
    expect(make({ name: 'Bad', attributes })).toThrow(/name/);
    expect(make({ name: 'ok-name', attributes: {} })).toThrow(/at least one attribute/);
  });
});

describe('configurable limits', () => {
  it('applies overridden page sizes', async () => {
    installEmulator({ limits: { queryDefaultLimit: 20, queryMaxLimit: 20 } });
    for (let i = 0; i < 25; i += 1) await kvs.set(`k${String(i).padStart(2, '0')}`, i);
    expect((await kvs.query().getMany()).results).toHaveLength(20);
    await expect(kvs.query().limit(21).getMany()).rejects.toMatchObject({
      code: 'LIST_QUERY_LIMIT_EXCEEDED',
    });
  });
});
