import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/site';
import { type AppErrorBody, ERROR_CODES, type Reply } from '../../src/contract/envelope';
import { everyCall, type Live, readLive } from '../support/resolver-calls';
import { buildTargets, type Target } from '../support/resolver-targets';
import { testSandbox, USERS } from '../support/sandbox';

/**
 * Every function key of every surface, called as Alice (who may do anything, so every check is reached)
 * with a sensible payload broken one place at a time: null, the wrong type, huge and deeply nested values,
 * unknown fields, odd strings. Every answer that refuses must be a typed error in words (never INTERNAL,
 * never the schema library's own phrases, the field named) and must leave storage, Jira and the queue
 * exactly as they were. An odd string may be accepted only where free text belongs.
 */

/** `structural` must be refused; `odd` and `null` may be legal (free text, a nullable field). */
type Kind = 'structural' | 'odd' | 'null';
interface Mutation {
  where: string;
  kind: Kind;
  label: string;
  payload: unknown;
}

const deep = (levels: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { nested: value };
  return value;
};
const HUGE_TEXT = 'x'.repeat(1_000_000);

const STRUCTURAL: Record<string, [string, unknown][]> = {
  string: [
    ['null', null],
    ['number', 42],
    ['boolean', true],
    ['list', ['a']],
    ['object', { a: 1 }],
    ['a megabyte of text', HUGE_TEXT],
    ['nesting 500 deep', deep(500)],
  ],
  number: [
    ['null', null],
    ['text', '1'],
    ['boolean', true],
    ['list', [1]],
    ['object', { a: 1 }],
    ['1e308', 1e308],
    ['-1e308', -1e308],
    ['a megabyte of text', HUGE_TEXT],
  ],
  boolean: [
    ['null', null],
    ['text', 'true'],
    ['number', 1],
    ['list', [true]],
  ],
  array: [
    ['null', null],
    ['text', 'x'],
    ['number', 1],
    ['object', { a: 1 }],
    ['a list of numbers', [42, 43]],
    ['100,000 entries', Array.from({ length: 100_000 }, () => 'k-aaaaaaaaaa')],
    ['nesting 500 deep', [deep(500)]],
  ],
  object: [
    ['null', null],
    ['text', 'x'],
    ['number', 1],
    ['list', [{}]],
    ['nesting 500 deep', deep(500)],
  ],
  // A null field may be a nullable number (a band's end): a number there may be legal.
  null: [
    ['number', 42],
    ['list', ['x']],
    ['object', { a: 1 }],
  ],
};

/** Strings no id, key, date, enum or JQL accepts; free text may take some (and must then store them well). */
const ODD_STRINGS: [string, string][] = [
  ['empty', ''],
  ['a plain word', 'abc'],
  ['blank', '   '],
  ['markup', '<x>'],
  ['accented', 'é'],
  ['NUL', 'a\u0000b'],
  ['right-to-left override', 'abc\u202Etxt.exe'],
  ['lone surrogate', 'a\uD800b'],
  ['path', '../../etc/passwd'],
  ['prototype', '__proto__'],
  ['JQL breakout', '") OR project IS NOT EMPTY OR ("'],
];

/** Fields where free text belongs: an odd string there may be accepted (and then nothing else is checked). */
const FREE_TEXT = new Set([
  'title',
  'statement',
  'name',
  'description',
  'customUnit',
  'note',
  'reason',
  'rationale',
  'query',
  'jql',
]);

const typeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as string);

function* mutations(base: unknown): Generator<Mutation> {
  for (const [label, value] of [
    // Not null: @forge/resolver hands a resolver `payload || {}`, so a null payload is an empty one.
    ['a list', []],
    ['text', 'payload'],
    ['a number', 42],
    ['nesting 1,000 deep', deep(1000)],
  ] as const) {
    yield { where: '(payload)', kind: 'structural', label, payload: value };
  }
  yield* below(base, [], (v) => v);
}

function* below(
  value: unknown,
  path: (string | number)[],
  rebuild: (replacement: unknown) => unknown,
): Generator<Mutation> {
  const where = path.join('.') || '(payload)';
  if (path.length > 0) {
    for (const [label, replacement] of STRUCTURAL[typeOf(value)] ?? []) {
      const legal = replacement === null || (value === null && typeof replacement === 'number');
      yield { where, kind: legal ? 'null' : 'structural', label, payload: rebuild(replacement) };
    }
    if (typeof value === 'string' || value === null) {
      for (const [label, odd] of ODD_STRINGS) yield { where, kind: 'odd', label, payload: rebuild(odd) };
    }
  }
  if (Array.isArray(value)) {
    // The first element stands for the rest.
    if (value.length > 0) yield* below(value[0], [...path, 0], (r) => rebuild([r, ...value.slice(1)]));
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    yield {
      where,
      kind: 'structural',
      label: 'an unknown field',
      payload: rebuild({ ...record, extraField: 'surprise' }),
    };
    for (const key of Object.keys(record)) {
      yield* below(record[key], [...path, key], (r) => rebuild({ ...record, [key]: r }));
    }
  }
}

/** The schema library's own phrases. */
const JARGON =
  /expected|received|invalid input|nonoptional|undefined|\bNaN\b|zod|must match pattern|too (big|small)|unrecognized key|\[object |discriminat/i;
/** A field named by its path rather than in words: `outcomes.0`, `draft.businessOwnerId`, `roles[1]`. */
const RAW_PATH = /[A-Za-z]\.\d|\b[a-z]+\.[a-z]+[A-Z]\w*|\w\[\d+\]/;

/** Words a message about a field must contain, at least one of them (the field's own name, split). */
const MENTIONS: Record<string, string[]> = {
  cursor: ['history'],
  withdrawn: ['withdraw'],
  changes: ['change', 'entry'],
  rollup: ['delivery'],
  method: ['measure'],
  enabled: ['switch'],
  type: ['source'],
  decides: ['decide'],
  advises: ['advise'],
  escalatedTo: ['escalated'],
  outcomes: ['outcome'],
  kpis: ['kpi'],
  rules: ['rule'],
  checkIns: ['check-in'],
  token: ['preview'],
  query: ['search'],
  optOut: ['inheritance'],
  rice: ['rice'],
  countSubtasks: ['subtask'],
  saveAsDraft: ['draft'],
  outputWithoutOutcome: ['output without outcome'],
  target: ['target', 'ticket'],
  document: ['file'],
  draft: ['details'],
  exportedAt: ['export'],
  pageToken: ['page'],
  format: ['format', 'export'],
  id: ['id'],
};
const mentionsOf = (path: string): string[] => {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p) && p !== 'draft' && p !== 'document');
  const field = parts.at(-1) ?? '';
  return (
    MENTIONS[field] ??
    field
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(' ')
      .filter((w) => w.length >= 3 && w !== 'ids')
  );
};

function assertWorded(error: AppErrorBody, context: string) {
  expect(ERROR_CODES, context).toContain(error.code);
  expect(error.code, `${context}: ${error.message}`).not.toBe('INTERNAL');
  for (const text of [error.message, ...error.fieldErrors.map((f) => f.message)]) {
    expect(text, context).toMatch(/^[A-Z"“]/);
    expect(text, context).toMatch(/[.)"”]$/);
    expect(text, context).not.toMatch(JARGON);
    expect(text, context).not.toMatch(RAW_PATH);
  }
  for (const field of error.fieldErrors) {
    if (field.path === '(payload)') continue;
    const words = mentionsOf(field.path);
    if (words.length === 0) continue;
    const message = field.message.toLowerCase();
    expect(
      words.some((w) => message.includes(w)),
      `${context}: "${field.message}" should name ${field.path}`,
    ).toBe(true);
  }
}

const summary: string[] = [];
afterAll(() => {
  console.log(`Resolver fuzz, one line per function key:\n${summary.join('\n')}`);
});

/**
 * One site per surface: the fuzz of one surface spends about half the hourly points quota the emulated
 * Jira grants an app on a site (rate limits, sandbox/jira/README.md), so two on one site would run it out.
 */
const calls = everyCall();
for (const surfaceName of [...new Set(calls.map((c) => c.surface))]) {
  describe(`every ${surfaceName} resolver, fed bad input, answers in words and changes nothing`, () => {
    let sandbox: Sandbox;
    let target: Target;
    let live: Live;
    const state = () => JSON.stringify([sandbox.kvs.snapshot(), sandbox.jira.toJSON()]);

    beforeAll(async () => {
      sandbox = await testSandbox();
      target = (await buildTargets(sandbox)).own;
      live = await readLive(sandbox, target);
    }, 120_000);

    for (const { surface, module, key, call, extension } of calls.filter((c) => c.surface === surfaceName)) {
      it(`${surface} ${key}`, { timeout: 240_000 }, async () => {
        let refused = 0;
        const accepted: string[] = [];
        let before = state();
        for (const mutation of mutations(call.payload(target, live))) {
          const context = `${key} with ${mutation.where} = ${mutation.label}`;
          // Payloads reach Forge as JSON.
          const payload = JSON.parse(JSON.stringify(mutation.payload ?? null));
          const reply = (await sandbox.invoke(
            module,
            key,
            payload,
            USERS.alice,
            extension(target),
          )) as Reply<unknown>;
          const field = mutation.where.split('.').at(-1) ?? '';
          if (reply.ok) {
            expect(
              mutation.kind === 'null' || (mutation.kind === 'odd' && FREE_TEXT.has(field)),
              `${context} was accepted; it should have been refused`,
            ).toBe(true);
            accepted.push(`${mutation.where}=${mutation.label}`);
            // What it wrote is the new starting point, once its background work is done.
            await sandbox.settle();
            live = await readLive(sandbox, target);
            before = state();
            continue;
          }
          refused++;
          // Refused for the input, never for Jira's hourly quota (which would leave the rest untested).
          expect(reply.error.code, `${context}: ${reply.error.message}`).not.toBe('RATE_LIMITED');
          assertWorded(reply.error, context);
          expect(sandbox.queue.busy() || sandbox.triggers.busy(), `${context} queued work`).toBe(false);
          expect(state() === before, `${context} changed storage or Jira`).toBe(true);
        }
        summary.push(
          `  ${surface.padEnd(8)} ${key.padEnd(24)} ${String(refused).padStart(4)} refused` +
            (accepted.length > 0 ? `, accepted (free text or a nullable field): ${accepted.join(', ')}` : ''),
        );
        expect(refused).toBeGreaterThan(0);
      });
    }
  });
}
