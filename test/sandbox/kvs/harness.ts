import { ForgeKvsAPIError } from '@forge/kvs';
import { expect } from 'vitest';
import {
  type EntityDeclaration,
  KvsEmulator,
  type KvsEmulatorOptions,
  kvsFetchHandler,
} from '../../../sandbox/kvs';

/** A clock the tests move by hand, so TTL expiry needs no waiting. */
export class FakeClock {
  constructor(private millis = Date.UTC(2026, 10, 1, 9, 0, 0)) {}

  readonly now = (): Date => new Date(this.millis);

  advance(ms: number): void {
    this.millis += ms;
  }
}

export const MINUTE = 60_000;

export interface Employee {
  name?: string;
  age?: number;
  score?: number;
  active?: boolean;
  team?: string;
  tags?: unknown;
  version?: number;
}

export const ENTITIES: EntityDeclaration[] = [
  {
    name: 'employee',
    attributes: {
      name: { type: 'string' },
      age: { type: 'integer' },
      score: { type: 'float' },
      active: { type: 'boolean' },
      team: { type: 'string' },
      tags: { type: 'any' },
      version: { type: 'integer' },
    },
    indexes: [
      'name',
      { name: 'by-team-age', partition: ['team'], range: ['age'] },
      { name: 'by-team-active-name', partition: ['team', 'active'], range: ['name'] },
    ],
  },
  { name: 'note', attributes: { text: { type: 'string' } } },
];

/**
 * Routes the real SDK's `__forge_fetch__` calls to a fresh emulator. `__forge_runtime__` stays unset, so
 * `@forge/kvs` takes its `{ type: 'kvs', provider: 'app', remote: 'kvs' }` path, as it does in the sandbox.
 */
export function installEmulator(options: Partial<KvsEmulatorOptions> = {}): {
  emulator: KvsEmulator;
  clock: FakeClock;
} {
  const clock = new FakeClock();
  const emulator = new KvsEmulator({ entities: ENTITIES, clock: clock.now, ...options });
  routeTo(emulator);
  return { emulator, clock };
}

export function routeTo(emulator: KvsEmulator): void {
  const handler = kvsFetchHandler(emulator);
  Reflect.set(
    globalThis,
    '__forge_fetch__',
    async (target: unknown, path: string, init: { body?: string }) => {
      if (typeof target !== 'object' || target === null || Reflect.get(target, 'type') !== 'kvs') {
        throw new Error(`unexpected __forge_fetch__ target ${JSON.stringify(target)}`);
      }
      return handler(path, { method: 'POST', ...init });
    },
  );
}

export function uninstallEmulator(): void {
  Reflect.deleteProperty(globalThis, '__forge_fetch__');
}

/** Awaits a rejection from the SDK and checks it is the API error the service would have produced. */
export async function expectKvsError(
  promise: Promise<unknown>,
  code: string,
  status: number,
): Promise<ForgeKvsAPIError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ForgeKvsAPIError);
  const apiError = error as ForgeKvsAPIError;
  expect({ code: apiError.code, status: apiError.responseDetails.status }).toEqual({ code, status });
  return apiError;
}
