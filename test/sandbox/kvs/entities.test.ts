import {
  type AndFilter,
  Filter,
  FilterConditions,
  kvs,
  MetadataField,
  Sort,
  WhereConditions,
} from '@forge/kvs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Employee, expectKvsError, installEmulator, uninstallEmulator } from './harness';

beforeEach(() => {
  installEmulator();
});
afterEach(uninstallEmulator);

const employees = () => kvs.entity<Employee>('employee');
// Requests the SDK's types would not let an app build, sent anyway to check the service's answer.
type InvalidWhere = ReturnType<typeof WhereConditions.equalTo>;

describe('custom entity values', () => {
  it('stores and reads an entity, with metadata on request', async () => {
    const alice: Employee = {
      name: 'Alice',
      age: 31,
      score: 4.5,
      active: true,
      team: 'red',
      tags: ['ts', 'go'],
    };
    await employees().set('e1', alice);
    expect(await employees().get('e1')).toEqual(alice);
    expect(await employees().get('e1', { metadataFields: [MetadataField.UPDATED_AT] })).toMatchObject({
      key: 'e1',
      value: alice,
      updatedAt: expect.any(Number),
    });
    expect(await employees().get('missing')).toBeUndefined();
    await employees().delete('e1');
    expect(await employees().get('e1')).toBeUndefined();
  });

  it('keeps each entity and the plain keys in separate namespaces', async () => {
    await employees().set('same', { name: 'entity' });
    await kvs.entity<{ text: string }>('note').set('same', { text: 'note' });
    await kvs.set('same', 'plain');
    expect(await employees().get('same')).toEqual({ name: 'entity' });
    expect(await kvs.entity('note').get('same')).toEqual({ text: 'note' });
    expect(await kvs.get('same')).toBe('plain');
  });

  it('enforces the declared attribute types', async () => {
    await expectKvsError(
      employees().set('e', { age: '5' as unknown as number }),
      'INCORRECT_PROPERTY_TYPE',
      400,
    );
    await expectKvsError(employees().set('e', { age: 1.5 }), 'INCORRECT_PROPERTY_TYPE', 400);
    await expectKvsError(employees().set('e', { age: 2 ** 31 }), 'INCORRECT_PROPERTY_TYPE', 400);
    await expectKvsError(
      employees().set('e', { active: 'yes' as unknown as boolean }),
      'INCORRECT_PROPERTY_TYPE',
      400,
    );
    await expectKvsError(employees().set('e', { score: 1e-200 }), 'INCORRECT_PROPERTY_TYPE', 400);
    await expectKvsError(
      employees().set('e', { name: null as unknown as string }),
      'INCORRECT_PROPERTY_TYPE',
      400,
    );
    await employees().set('e', { age: -(2 ** 31), score: 0, tags: { any: ['shape'] } });
    expect(await employees().get('e')).toEqual({ age: -(2 ** 31), score: 0, tags: { any: ['shape'] } });
  });

  it('refuses undeclared attributes, non-object values and unknown entities', async () => {
    await expectKvsError(employees().set('e', { salary: 1 } as Employee), 'INVALID_ENTITY_VALUE', 400);
    await expectKvsError(kvs.entity<unknown>('employee').set('e', ['list']), 'INVALID_ENTITY_VALUE', 400);
    await expectKvsError(kvs.entity('unknown-entity').get('e'), 'SCHEMA_NOT_FOUND', 404);
    await expectKvsError(kvs.entity('Bad!Name').get('e'), 'INVALID_ENTITY_TYPE', 400);
    await expectKvsError(employees().set('', { name: 'x' }), 'EMPTY_KEY', 400);
  });

  it('supports key policies on entities', async () => {
    await employees().set('e', { name: 'first' }, { keyPolicy: 'FAIL_IF_EXISTS' });
    await expectKvsError(
      employees().set('e', { name: 'second' }, { keyPolicy: 'FAIL_IF_EXISTS' }),
      'KEY_CONFLICT',
      409,
    );
    const previous = await employees().set(
      'e',
      { name: 'third' },
      { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' },
    );
    expect(previous).toEqual({ key: 'e', value: { name: 'first' } });
  });
});

describe('index queries', () => {
  const TEAMS = ['red', 'blue'];
  const seed: Array<[string, Employee]> = Array.from({ length: 40 }, (_, i) => {
    const key = `e${String(i).padStart(2, '0')}`;
    const employee: Employee = {
      name: `${String.fromCharCode(65 + (i % 26))}-${i}`,
      age: 20 + ((i * 7) % 30),
      active: i % 3 !== 0,
      team: TEAMS[i % 2] ?? 'red',
      tags: i % 4 === 0 ? ['ts', 'kvs'] : ['go'],
    };
    if (i % 5 !== 0) employee.score = i / 2;
    if (i === 39) delete employee.team; // not in any partitioned index
    return [key, employee];
  });
  const red = seed.filter(([, e]) => e.team === 'red');
  const byAgeThenKey = (a: [string, Employee], b: [string, Employee]) =>
    (a[1].age ?? 0) - (b[1].age ?? 0) || (a[0] < b[0] ? -1 : 1);

  beforeEach(async () => {
    const { successfulKeys } = await kvs.batchSet(
      seed.slice(0, 25).map(([key, value]) => ({ key, value, entityName: 'employee' })),
    );
    expect(successfulKeys).toHaveLength(25);
    for (const [key, value] of seed.slice(25)) await employees().set(key, value);
  });

  async function collect(
    build: (cursor?: string) => {
      getMany(): Promise<{ results: Array<{ key: string }>; nextCursor?: string }>;
    },
  ) {
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await build(cursor).getMany();
      keys.push(...page.results.map((result) => result.key));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return keys;
  }

  it('queries one partition ordered by the range attribute, paging with cursors', async () => {
    const keys = await collect((cursor) => {
      const q = employees()
        .query()
        .index('by-team-age', { partition: ['red'] })
        .limit(7);
      return cursor === undefined ? q : q.cursor(cursor);
    });
    expect(keys).toEqual([...red].sort(byAgeThenKey).map(([key]) => key));
  });

  it('follows records into and out of a partition as they are rewritten, moved by a transaction and deleted', async () => {
    const redKeys = async () =>
      (
        await employees()
          .query()
          .index('by-team-age', { partition: ['red'] })
          .limit(100)
          .getMany()
      ).results.map((r) => r.key);
    const [first, second] = red;
    if (!first || !second) throw new Error('The seed has red employees.');
    await employees().set(first[0], { ...first[1], team: 'blue' });
    await kvs
      .transact()
      .set('e-new', { name: 'New', age: 1, team: 'red' }, { entityName: 'employee' })
      .delete(second[0], { entityName: 'employee' })
      .execute();
    const expected = red
      .filter(([key]) => key !== first[0] && key !== second[0])
      .map(([key]) => key)
      .concat('e-new');
    expect((await redKeys()).sort()).toEqual(expected.sort());
    expect((await redKeys())[0]).toBe('e-new'); // the youngest first
  });

  it('applies a range condition and descending sort', async () => {
    const { results } = await employees()
      .query()
      .index('by-team-age', { partition: ['red'] })
      .where(WhereConditions.between(30, 40))
      .sort(Sort.DESC)
      .limit(100)
      .getMany();
    const expected = red
      .filter(([, e]) => (e.age ?? 0) >= 30 && (e.age ?? 0) <= 40)
      .sort(byAgeThenKey)
      .reverse();
    expect(results).toEqual(expected.map(([key, value]) => ({ key, value })));
  });

  it('pages descending without repeating or skipping', async () => {
    const keys = await collect((cursor) => {
      const q = employees()
        .query()
        .index('by-team-age', { partition: ['red'] })
        .sort(Sort.DESC)
        .limit(3);
      return cursor === undefined ? q : q.cursor(cursor);
    });
    expect(keys).toEqual(
      [...red]
        .sort(byAgeThenKey)
        .reverse()
        .map(([key]) => key),
    );
  });

  it('combines filters with and / or over any attribute', async () => {
    const and = await employees()
      .query()
      .index('by-team-age', { partition: ['red'] })
      .filters(
        new Filter<Employee>()
          .and('active', FilterConditions.equalTo(true))
          .and('tags', FilterConditions.contains('ts')),
      )
      .limit(100)
      .getMany();
    expect(and.results.map((r) => r.key)).toEqual(
      red
        .filter(([, e]) => e.active === true && Array.isArray(e.tags) && e.tags.includes('ts'))
        .sort(byAgeThenKey)
        .map(([key]) => key),
    );

    const or = await employees()
      .query()
      .index('by-team-age', { partition: ['blue'] })
      .filters(
        new Filter<Employee>()
          .or('name', FilterConditions.beginsWith('B'))
          .or('age', FilterConditions.lessThan(24)),
      )
      .limit(100)
      .getMany();
    const blue = seed.filter(([, e]) => e.team === 'blue');
    expect(or.results.map((r) => r.key)).toEqual(
      blue
        .filter(([, e]) => (e.name ?? '').startsWith('B') || (e.age ?? 0) < 24)
        .sort(byAgeThenKey)
        .map(([key]) => key),
    );
  });

  it('evaluates exists, notExists, notContains and notEqualTo', async () => {
    const run = async (filter: AndFilter<Employee>) =>
      (
        await employees()
          .query()
          .index('by-team-age', { partition: ['red'] })
          .filters(filter)
          .limit(100)
          .getMany()
      ).results
        .map((r) => r.key)
        .sort();
    const keysWhere = (test: (e: Employee) => boolean) =>
      red
        .filter(([, e]) => test(e))
        .map(([key]) => key)
        .sort();
    const where = <K extends keyof Employee>(
      property: K,
      condition: Parameters<AndFilter<Employee>['and']>[1],
    ) => run(new Filter<Employee>().and(property, condition));
    expect(await where('score', FilterConditions.exists())).toEqual(keysWhere((e) => e.score !== undefined));
    expect(await where('score', FilterConditions.notExists())).toEqual(
      keysWhere((e) => e.score === undefined),
    );
    expect(await where('tags', FilterConditions.notContains('ts'))).toEqual(
      keysWhere((e) => !(Array.isArray(e.tags) && e.tags.includes('ts'))),
    );
    expect(await where('active', FilterConditions.notEqualTo(true))).toEqual(
      keysWhere((e) => e.active !== true),
    );
  });

  it('matches every partition attribute exactly', async () => {
    const { results } = await employees()
      .query()
      .index('by-team-active-name', { partition: ['blue', false] })
      .limit(100)
      .getMany();
    const expected = seed.filter(([, e]) => e.team === 'blue' && e.active === false);
    expect(results.map((r) => r.key).sort()).toEqual(expected.map(([key]) => key).sort());
  });

  it('queries a simple index and the built-in by-key index', async () => {
    await employees().set('nameless', { age: 50 });
    const byName = await employees().query().index('name').where(WhereConditions.beginsWith('C')).getMany();
    expect(byName.results.map((r) => r.value.name)).toEqual(['C-2', 'C-28']);
    const all = await employees().query().index('name').limit(100).getMany();
    expect(all.results.map((r) => r.key)).not.toContain('nameless');

    const byKey = await employees()
      .query()
      .index('by-key')
      .where(WhereConditions.beginsWith('e1'))
      .limit(100)
      .getMany();
    expect(byKey.results.map((r) => r.key)).toEqual(Array.from({ length: 10 }, (_, i) => `e1${i}`));
    expect(
      await employees().query().index('by-key').where(WhereConditions.equalTo('nameless')).getOne(),
    ).toEqual({
      key: 'nameless',
      value: { age: 50 },
    });
  });

  it('refuses malformed queries with the documented codes', async () => {
    await expectKvsError(employees().query().index('by-team-age').getMany(), 'INVALID_PARTITION', 400);
    await expectKvsError(employees().query().index('no-such-index').getMany(), 'INVALID_ENTITY_INDEX', 400);
    await expectKvsError(
      employees()
        .query()
        .index('by-team-age', { partition: ['red'] })
        .limit(101)
        .getMany(),
      'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
      400,
    );
    await expectKvsError(
      employees()
        .query()
        .index('name')
        .where({ condition: 'CONTAINS', values: ['x'] } as unknown as InvalidWhere)
        .getMany(),
      'INVALID_FILTER_CONDITION',
      400,
    );
    await expectKvsError(
      employees()
        .query()
        .index('name')
        .where({ condition: 'BETWEEN', values: ['a'] } as unknown as InvalidWhere)
        .getMany(),
      'INSUFFICIENT_FILTER_VALUES',
      400,
    );
    const { nextCursor } = await employees()
      .query()
      .index('by-team-age', { partition: ['red'] })
      .limit(2)
      .getMany();
    expect(nextCursor).toBeDefined();
    await expectKvsError(
      employees()
        .query()
        .index('by-team-age', { partition: ['blue'] })
        .cursor(nextCursor ?? '')
        .getMany(),
      'INVALID_CURSOR',
      400,
    );
  });
});
