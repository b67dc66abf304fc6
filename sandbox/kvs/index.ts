/**
 * A local stand-in for Forge's Key-Value Store and Custom Entity Store, speaking the HTTP operations of the real
 * `@forge/kvs` SDK so that app code runs unchanged against it.
 */
export type { KvsCounterSnapshot } from './counters';
export { KvsCounters } from './counters';
export { KvsEmulator, type KvsEmulatorOptions, type KvsResponse } from './emulator';
export type { AttributeType, EntityDeclaration, IndexDeclaration } from './entity-schema';
export { KvsError, type KvsErrorBody } from './errors';
export { type KvsFetchInit, kvsFetchHandler } from './fetch-handler';
export { DEFAULT_LIMITS, type KvsLimits } from './limits';
export { loadEntityDeclarations } from './manifest';
export type { KvsSnapshot } from './snapshot';
