import { Filter, FilterConditions, ForgeKvsAPIError, kvs, MetadataField } from '@forge/kvs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KvsEmulator } from '../../../sandbox/kvs';
import {
  type Employee,
  expectKvsError,
  type FakeClock,
  installEmulator,
  MINUTE,
  uninstallEmulator,
} from './harness';

let emulator: KvsEmulator;
let clock: FakeClock;

beforeEach(() => {
  ({ emulator, clock } = installEmulator());
});
afterEach(uninstallEmulator);

const employees = () => kvs.entity<Employee>('employee');
const versionIs = (version: number) =>
  new Filter<Employee>().and('version', FilterConditions.equalTo(version));

describe('transactions', () => {
  it('commits sets and deletes across plain keys and entities together', async () => {
    await kvs.set('old', 'bye');
    await kvs
      .transact()
      .set('plain', { n: 1 })
      .set('e1', { name: 'Ann', version: 1 }, { entityName: 'employee' })
      .delete('old')
      .execute();
    expect(await kvs.get('plain')).toEqual({ n: 1 });
    expect(await employees().get('e1')).toEqual({ name: 'Ann', version: 1 });
    expect(await kvs.get('old')).toBeUndefined();
  });

  it('applies a conditional write when its condition holds (optimistic concurrency)', async () => {
    await employees().set('e1', { name: 'Ann', version: 1 });
    await kvs
      .transact()
      .set<Employee>(
        'e1',
        { name: 'Ann B.', version: 2 },
        { entityName: 'employee', conditions: versionIs(1) },
      )
      .execute();
    expect(await employees().get('e1')).toEqual({ name: 'Ann B.', version: 2 });
  });

  it('rejects the whole transaction when one condition fails and writes nothing', async () => {
    await employees().set('e1', { name: 'Ann', version: 2 });
    await kvs.set('audit', 'untouched');
    const error = await expectKvsError(
      kvs
        .transact()
        .set('audit', 'changed')
        .set('e2', { name: 'Bob' }, { entityName: 'employee' })
        .set<Employee>(
          'e1',
          { name: 'stale', version: 2 },
          { entityName: 'employee', conditions: versionIs(1) },
        )
        .execute(),
      'CONDITIONAL_CHECK_FAILED',
      400,
    );
    expect(error.message).toBe('Request failed due to conditional check specified or optimistic locking');
    expect(await kvs.get('audit')).toBe('untouched');
    expect(await employees().get('e2')).toBeUndefined();
    expect(await employees().get('e1')).toEqual({ name: 'Ann', version: 2 });
  });

  it('checks conditions without writing, and deletes conditionally', async () => {
    await employees().set('guard', { name: 'lock', active: true });
    await employees().set('victim', { name: 'v', version: 3 });
    await expectKvsError(
      kvs
        .transact()
        .check('guard', {
          entityName: 'employee',
          conditions: new Filter<Employee>().and('active', FilterConditions.equalTo(false)),
        })
        .delete('victim', { entityName: 'employee' })
        .execute(),
      'CONDITIONAL_CHECK_FAILED',
      400,
    );
    expect(await employees().get('victim')).toBeDefined();
    await kvs
      .transact()
      .check('guard', {
        entityName: 'employee',
        conditions: new Filter<Employee>().and('active', FilterConditions.equalTo(true)),
      })
      .delete('victim', { entityName: 'employee', conditions: versionIs(3) })
      .execute();
    expect(await employees().get('victim')).toBeUndefined();
  });

  it('lets NOT_EXISTS create an entity only if it is absent; other conditions fail on an absent entity', async () => {
    const createOnce = () =>
      kvs
        .transact()
        .set<Employee>(
          'unique',
          { name: 'first', version: 1 },
          {
            entityName: 'employee',
            conditions: new Filter<Employee>().and('version', FilterConditions.notExists()),
          },
        )
        .execute();
    await createOnce();
    await expectKvsError(createOnce(), 'CONDITIONAL_CHECK_FAILED', 400);
    await expectKvsError(
      kvs
        .transact()
        .set<Employee>('absent', { version: 1 }, { entityName: 'employee', conditions: versionIs(0) })
        .execute(),
      'CONDITIONAL_CHECK_FAILED',
      400,
    );
  });

  it('serialises concurrent read-modify-write cycles guarded by a version condition', async () => {
    await employees().set('counter', { version: 0 });
    const increment = async (): Promise<number> => {
      for (let attempt = 1; ; attempt += 1) {
        const current = (await employees().get('counter'))?.version ?? 0;
        try {
          await kvs
            .transact()
            .set<Employee>(
              'counter',
              { version: current + 1 },
              { entityName: 'employee', conditions: versionIs(current) },
            )
            .execute();
          return attempt;
        } catch (error) {
          if (!(error instanceof ForgeKvsAPIError) || error.code !== 'CONDITIONAL_CHECK_FAILED') throw error;
        }
      }
    };
    const attempts = await Promise.all(Array.from({ length: 8 }, increment));
    expect(await employees().get('counter')).toEqual({ version: 8 });
    expect(Math.max(...attempts)).toBeGreaterThan(1);
  });

  it('refuses more than 25 operations, duplicate keys and empty transactions', async () => {
    const big = kvs.transact();
    for (let i = 0; i < 26; i += 1) big.set(`k${i}`, i);
    await expectKvsError(big.execute(), 'UNPROCESSABLE_ENTITY', 422);
    expect(await kvs.get('k0')).toBeUndefined();

    const full = kvs.transact();
    for (let i = 0; i < 25; i += 1) full.set(`k${i}`, i);
    await full.execute();
    expect(await kvs.get('k24')).toBe(24);

    await expectKvsError(kvs.transact().set('dup', 1).delete('dup').execute(), 'KEY_DUPLICATION_ERROR', 400);
    await kvs.transact().set('same', 1).set('same', { name: 'entity' }, { entityName: 'employee' }).execute();
    await expectKvsError(kvs.transact().execute(), 'INVALID_TRANSACTION_REQUEST', 400);
  });

  it('validates every value before writing any', async () => {
    await expectKvsError(
      kvs
        .transact()
        .set('fine', 1)
        .set('bad', { age: 'old' as unknown as number }, { entityName: 'employee' })
        .execute(),
      'INCORRECT_PROPERTY_TYPE',
      400,
    );
    expect(await kvs.get('fine')).toBeUndefined();
  });

  it('honours a TTL on transaction writes and refuses key policies there', async () => {
    await kvs
      .transact()
      .set('short', 'lived', undefined, { ttl: { value: 1, unit: 'MINUTES' } })
      .execute();
    clock.advance(MINUTE);
    expect(await kvs.get('short')).toBeUndefined();
    const response = await emulator.handle('/api/v1/transaction', {
      set: [{ key: 'k', value: 1, options: { keyPolicy: 'FAIL_IF_EXISTS' } }],
    });
    expect(response).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
  });
});

describe('batches', () => {
  it('sets plain keys and entities, reporting per-item failures', async () => {
    const result = await kvs.batchSet<unknown>([
      { key: 'a', value: 1 },
      { key: 'e1', value: { name: 'Ann' }, entityName: 'employee' },
      { key: 'e2', value: { age: 'x' }, entityName: 'employee' },
      { key: 'bad/key', value: 1 },
      {
        key: 'n1',
        value: { text: 'hello' },
        entityName: 'note',
        options: { ttl: { value: 1, unit: 'MINUTES' } },
      },
    ]);
    expect(result).toEqual({
      successfulKeys: [
        { key: 'a' },
        { key: 'e1', entityName: 'employee' },
        { key: 'n1', entityName: 'note' },
      ],
      failedKeys: [
        {
          key: 'e2',
          entityName: 'employee',
          error: {
            code: 'INCORRECT_PROPERTY_TYPE',
            message: 'Data type for property "age" is defined as "integer"',
          },
        },
        { key: 'bad/key', error: { code: 'INVALID_KEY', message: expect.stringContaining('regex') } },
      ],
    });
    expect(await employees().get('e1')).toEqual({ name: 'Ann' });
    clock.advance(MINUTE);
    expect(await kvs.entity('note').get('n1')).toBeUndefined();
  });

  it('gets many keys, missing ones reported as KEY_NOT_FOUND', async () => {
    await kvs.set('a', 1);
    await employees().set('e1', { name: 'Ann' });
    const result = await kvs.batchGet([
      { key: 'a' },
      { key: 'e1', entityName: 'employee' },
      { key: 'missing' },
    ]);
    expect(result).toEqual({
      successfulKeys: [
        { key: 'a', value: 1 },
        { key: 'e1', entityName: 'employee', value: { name: 'Ann' } },
      ],
      failedKeys: [
        { key: 'missing', error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } },
      ],
    });
    const withMetadata = await emulator.handle('/api/v1/batch/get', [
      { key: 'a', options: { metadataFields: [MetadataField.CREATED_AT] } },
    ]);
    expect(withMetadata.body).toEqual({
      successfulKeys: [{ key: 'a', value: 1, createdAt: Math.floor(clock.now().getTime() / 1000) }],
      failedKeys: [],
    });
  });

  it('deletes many keys', async () => {
    await kvs.set('a', 1);
    await employees().set('e1', { name: 'Ann' });
    const result = await kvs.batchDelete([
      { key: 'a' },
      { key: 'e1', entityName: 'employee' },
      { key: 'gone' },
    ]);
    expect(result.successfulKeys).toEqual([{ key: 'a' }, { key: 'e1', entityName: 'employee' }]);
    expect(result.failedKeys).toEqual([
      { key: 'gone', error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } },
    ]);
    expect(await kvs.get('a')).toBeUndefined();
  });

  it('refuses more than 25 items and duplicate keys as a whole', async () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    const error = await expectKvsError(kvs.batchSet(items), 'TOO_MANY_BATCH_ENTITIES', 400);
    expect(error.message).toBe(
      'Number of entities to set was 26, but you can only set a maximum of 25 entities at a time.',
    );
    await expectKvsError(kvs.batchGet(items.map(({ key }) => ({ key }))), 'TOO_MANY_BATCH_ENTITIES', 400);
    expect(await kvs.get('k0')).toBeUndefined();
    await expectKvsError(
      kvs.batchSet([
        { key: 'x', value: 1 },
        { key: 'x', value: 2 },
      ]),
      'KEY_DUPLICATION_ERROR',
      400,
    );
    const separate = await kvs.batchSet<unknown>([
      { key: 'x', value: 1 },
      { key: 'x', value: { name: 'n' }, entityName: 'employee' },
    ]);
    expect(separate.failedKeys).toEqual([]);
  });
});
