import { kvs, MetadataField, WhereConditions } from '@forge/kvs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KvsEmulator } from '../../../sandbox/kvs';
import { expectKvsError, type FakeClock, installEmulator, MINUTE, uninstallEmulator } from './harness';

let emulator: KvsEmulator;
let clock: FakeClock;

beforeEach(() => {
  ({ emulator, clock } = installEmulator());
});
afterEach(uninstallEmulator);

describe('plain keys through @forge/kvs', () => {
  it('stores any JSON value and reads it back', async () => {
    const values = ['text', 42, 1.5, true, false, [1, 'two', { three: 3 }], { nested: { deep: [null, 1] } }];
    for (const [i, value] of values.entries()) await kvs.set(`key-${i}`, value);
    for (const [i, value] of values.entries()) expect(await kvs.get(`key-${i}`)).toEqual(value);
  });

  it('answers undefined for a missing key and deletes idempotently', async () => {
    expect(await kvs.get('nothing')).toBeUndefined();
    await kvs.set('present', 1);
    await kvs.delete('present');
    expect(await kvs.get('present')).toBeUndefined();
    await expect(kvs.delete('present')).resolves.toBeUndefined();
  });

  it('hands out copies, so a caller cannot change stored data through a reference', async () => {
    const value = { list: [1, 2] };
    await kvs.set('copy', value);
    value.list.push(3);
    const read = await kvs.get<{ list: number[] }>('copy');
    read?.list.push(4);
    expect(await kvs.get('copy')).toEqual({ list: [1, 2] });
  });

  it('keeps secrets apart from plain keys and out of queries', async () => {
    await kvs.setSecret('token', 's3cret');
    await kvs.set('token', 'public');
    expect(await kvs.getSecret('token')).toBe('s3cret');
    expect(await kvs.get('token')).toBe('public');
    const { results } = await kvs.query().getMany();
    expect(results).toEqual([{ key: 'token', value: 'public' }]);
    await kvs.deleteSecret('token');
    expect(await kvs.getSecret('token')).toBeUndefined();
    expect(await kvs.get('token')).toBe('public');
  });

  it('returns metadata when asked for it', async () => {
    await kvs.set('meta', 'v1');
    clock.advance(MINUTE);
    await kvs.set('meta', 'v2');
    const result = await kvs.get('meta', {
      metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT],
    });
    const created = Math.floor(clock.now().getTime() / 1000) - 60;
    expect(result).toEqual({ key: 'meta', value: 'v2', createdAt: created, updatedAt: created + 60 });
  });
});

describe('documented limits', () => {
  it('accepts a 500-character key and refuses 501', async () => {
    await kvs.set('k'.repeat(500), 1);
    await expectKvsError(kvs.set('k'.repeat(501), 1), 'KEY_TOO_LONG', 400);
  });

  it('refuses keys outside the documented character set', async () => {
    await kvs.set('a:b.c_d-e#f g', 1);
    await expectKvsError(kvs.set('a/b', 1), 'INVALID_KEY', 400);
    await expectKvsError(kvs.set('   ', 1), 'INVALID_KEY', 400);
    await expectKvsError(kvs.get('é'), 'INVALID_KEY', 400);
    await expectKvsError(kvs.set('', 1), 'KEY_TOO_SHORT', 400);
  });

  it('accepts a value of exactly 240 KiB and refuses one byte more', async () => {
    const limit = 240 * 1024;
    await kvs.set('big', 'x'.repeat(limit - 2));
    await expectKvsError(kvs.set('big', 'x'.repeat(limit - 1)), 'MAX_SIZE', 400);
    expect((await kvs.get<string>('big'))?.length).toBe(limit - 2);
  });

  it('refuses values nested deeper than the object depth limit', async () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { child: nest(levels - 1) });
    await kvs.set('deep', nest(31));
    await expectKvsError(kvs.set('deep', nest(32)), 'MAX_DEPTH', 400);
  });

  it('refuses null and missing values as the REST schema does', async () => {
    await expectKvsError(kvs.set('nothing', null), 'BAD_REQUEST', 400);
    await expectKvsError(kvs.set('nothing', undefined), 'BAD_REQUEST', 400);
  });
});

describe('key policy', () => {
  it('FAIL_IF_EXISTS refuses to overwrite a live key', async () => {
    await kvs.set('once', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
    await expectKvsError(kvs.set('once', 2, { keyPolicy: 'FAIL_IF_EXISTS' }), 'KEY_CONFLICT', 409);
    expect(await kvs.get('once')).toBe(1);
  });

  it('OVERRIDE returns the previous or the latest value as the SDK parses it', async () => {
    await kvs.set('counter', 1);
    clock.advance(MINUTE);
    const previous = await kvs.set('counter', 2, {
      keyPolicy: 'OVERRIDE',
      returnValue: 'PREVIOUS',
      returnMetadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT],
    });
    const firstWrite = Math.floor(clock.now().getTime() / 1000) - 60;
    expect(previous).toEqual({ key: 'counter', value: 1, createdAt: firstWrite, updatedAt: firstWrite });
    const latest = await kvs.set('counter', 3, { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' });
    expect(latest).toEqual({ key: 'counter', value: 3 });
    const none = await kvs.set('fresh', 1, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    expect(none).toBeUndefined();
  });

  it('refuses returnValue without OVERRIDE', async () => {
    const response = await emulator.handle('/api/v1/set', {
      key: 'k',
      value: 1,
      options: { keyPolicy: 'FAIL_IF_EXISTS', returnValue: 'LATEST' },
    });
    expect(response).toMatchObject({
      status: 400,
      body: { code: 'INVALID_KEY_POLICY_RETURN_VALUE_COMBINATION' },
    });
  });
});

describe('time to live', () => {
  it('expires values on the injected clock', async () => {
    await kvs.set('session', { user: 'u1' }, { ttl: { value: 5, unit: 'MINUTES' } });
    const withExpiry = await kvs.get('session', { metadataFields: [MetadataField.EXPIRE_TIME] });
    expect(withExpiry).toEqual({
      key: 'session',
      value: { user: 'u1' },
      expireTime: new Date(clock.now().getTime() + 5 * MINUTE).toISOString(),
    });
    clock.advance(4 * MINUTE);
    expect(await kvs.get('session')).toEqual({ user: 'u1' });
    clock.advance(MINUTE);
    expect(await kvs.get('session')).toBeUndefined();
    expect((await kvs.query().getMany()).results).toEqual([]);
    await kvs.set('session', 'again', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvs.get('session')).toBe('again');
  });

  it('a later write without a TTL makes the value permanent', async () => {
    await kvs.set('lease', 1, { ttl: { value: 1, unit: 'SECONDS' } });
    await kvs.set('lease', 2);
    clock.advance(MINUTE);
    expect(await kvs.get('lease')).toBe(2);
  });

  it('refuses TTLs that are not positive integers or longer than a year', async () => {
    await expectKvsError(kvs.set('t', 1, { ttl: { value: 0, unit: 'SECONDS' } }), 'INVALID_TTL', 400);
    await expectKvsError(kvs.set('t', 1, { ttl: { value: 1.5, unit: 'HOURS' } }), 'INVALID_TTL', 400);
    await expectKvsError(kvs.set('t', 1, { ttl: { value: 366, unit: 'DAYS' } }), 'INVALID_TTL', 400);
    await kvs.set('t', 1, { ttl: { value: 365, unit: 'DAYS' } });
  });
});

describe('kvs.query', () => {
  beforeEach(async () => {
    for (let i = 0; i < 45; i += 1) await kvs.set(`item:${String(i).padStart(2, '0')}`, i);
    await kvs.set('other', 'x');
    await kvs.set('item', 'no colon');
  });

  it('pages through a prefix in key order to the end, following cursors', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let builder = kvs.query().where('key', WhereConditions.beginsWith('item:')).limit(20);
      if (cursor !== undefined) builder = builder.cursor(cursor);
      const page = await builder.getMany<number>();
      seen.push(...page.results.map((result) => result.key));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `item:${String(i).padStart(2, '0')}`));
  });

  it('returns 10 values by default and no cursor on the last page', async () => {
    const first = await kvs.query().getMany();
    expect(first.results).toHaveLength(10);
    expect(first.results[0]).toEqual({ key: 'item', value: 'no colon' });
    expect(first.nextCursor).toBeDefined();
    const exact = await kvs.query().where('key', WhereConditions.beginsWith('item:4')).limit(5).getMany();
    expect(exact.results.map((result) => result.value)).toEqual([40, 41, 42, 43, 44]);
    expect(exact.nextCursor).toBeUndefined();
  });

  it('finds one value with getOne and includes requested metadata', async () => {
    const one = await kvs
      .query({ metadataFields: [MetadataField.CREATED_AT] })
      .where('key', WhereConditions.beginsWith('oth'))
      .getOne();
    expect(one).toEqual({ key: 'other', value: 'x', createdAt: Math.floor(clock.now().getTime() / 1000) });
  });

  it('enforces the page size limit of 100', async () => {
    await kvs.query().limit(100).getMany();
    await expectKvsError(kvs.query().limit(101).getMany(), 'LIST_QUERY_LIMIT_EXCEEDED', 400);
  });

  it('refuses a cursor that is not one of its own', async () => {
    await expectKvsError(kvs.query().cursor('not-a-cursor').getMany(), 'INVALID_CURSOR', 400);
  });
});
