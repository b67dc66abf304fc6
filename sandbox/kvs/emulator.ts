import { KvsCounters } from './counters';
import { compileEntitySchemas, type EntityDeclaration, type EntitySchema } from './entity-schema';
import { KvsError, kvsErrors } from './errors';
import { type KvsLimits, resolveLimits } from './limits';
import { batchDelete, batchGet, batchSet } from './operations/batch';
import type { Operation, OperationContext } from './operations/context';
import { entityDelete, entityGet, entitySet } from './operations/entities';
import { entityQuery } from './operations/entity-query';
import { keyValueOperations } from './operations/key-value';
import { query } from './operations/query';
import { transaction } from './operations/transaction';
import { PartitionIndex } from './partition-index';
import { type KvsSnapshot, parseSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './snapshot';
import { KVS_NAMESPACE, SECRET_NAMESPACE, Store } from './store';

export interface KvsEmulatorOptions {
  /** The manifest's `app.storage.entities`; see `loadEntityDeclarations`. */
  entities: EntityDeclaration[];
  /** Drives TTL expiry and createdAt/updatedAt; defaults to the wall clock. */
  clock?: () => Date;
  /** Overrides of Forge's documented limits. */
  limits?: Partial<KvsLimits>;
}

export interface KvsResponse {
  status: number;
  /** The JSON body; undefined for an empty (204) answer. */
  body?: unknown;
}

const API_PREFIX = '/api/v1/';

const plain = keyValueOperations(KVS_NAMESPACE);
const secret = keyValueOperations(SECRET_NAMESPACE);

const OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  Object.entries({
    get: plain.get,
    set: plain.set,
    delete: plain.delete,
    query,
    'secret/get': secret.get,
    'secret/set': secret.set,
    'secret/delete': secret.delete,
    'entity/get': entityGet,
    'entity/set': entitySet,
    'entity/delete': entityDelete,
    'entity/query': entityQuery,
    'batch/set': batchSet,
    'batch/delete': batchDelete,
    'batch/get': batchGet,
    transaction,
  }),
);

/**
 * The Forge Key-Value Store and Custom Entity Store of one app installation, answering the HTTP operations that
 * `@forge/kvs` sends through `__forge_fetch__`. Requests are handled one at a time and each runs to completion
 * without yielding, so every request is atomic, as a single write, a batch item or a transaction is on Forge.
 */
export class KvsEmulator {
  readonly counters = new KvsCounters();
  private readonly store: Store;
  private readonly context: OperationContext;
  private readonly declarations: EntityDeclaration[];

  constructor(options: KvsEmulatorOptions) {
    const clock = options.clock ?? (() => new Date());
    const now = () => clock().getTime();
    const schemas: ReadonlyMap<string, EntitySchema> = compileEntitySchemas(options.entities);
    this.declarations = options.entities;
    const partitions = new PartitionIndex(schemas);
    this.store = new Store(now, (namespace, key, record) => {
      if (namespace.kind === 'entity') partitions.update(namespace.entityName, key, record?.value);
    });
    this.context = { store: this.store, schemas, limits: resolveLimits(options.limits), now, partitions };
  }

  /** The declarations this emulator enforces. */
  get entities(): readonly EntityDeclaration[] {
    return this.declarations;
  }

  /** Answers one SDK request: `path` such as '/api/v1/get', `body` the parsed JSON body. */
  async handle(path: string, body: unknown): Promise<KvsResponse> {
    return this.handleNow(path, body);
  }

  /** The same as `handle`, for callers that cannot await (e.g. seeding data at start-up). */
  handleNow(path: string, body: unknown): KvsResponse {
    const operationName = operationOf(path);
    const operation = operationName === undefined ? undefined : OPERATIONS.get(operationName);
    const counterName = operation === undefined ? 'unknown' : (operationName ?? 'unknown');
    try {
      if (operation === undefined) throw kvsErrors.unknownOperation(path);
      const result = operation(this.context, body);
      this.counters.record(counterName, result.items);
      return result.body === undefined
        ? { status: result.status }
        : { status: result.status, body: result.body };
    } catch (error) {
      const kvsError =
        error instanceof KvsError
          ? error
          : kvsErrors.internal(error instanceof Error ? error.message : String(error));
      this.counters.record(counterName, Array.isArray(body) ? body.length : 1, kvsError.code);
      return { status: kvsError.status, body: kvsError.toBody() };
    }
  }

  snapshot(): KvsSnapshot {
    return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, ...this.store.snapshot() };
  }

  /**
   * Rebuilds an emulator from `snapshot()` output. Values are restored as they were stored, without re-validating
   * them against today's declarations, as Forge keeps data when a manifest changes.
   */
  static restore(snapshot: unknown, options: KvsEmulatorOptions): KvsEmulator {
    const emulator = new KvsEmulator(options);
    emulator.store.load(parseSnapshot(snapshot));
    return emulator;
  }
}

function operationOf(path: string): string | undefined {
  const withoutQuery = path.split('?')[0] ?? '';
  return withoutQuery.startsWith(API_PREFIX) ? withoutQuery.slice(API_PREFIX.length) : undefined;
}
