import { kvs } from '@forge/kvs';
import { MAX_BATCH } from './entities';

export type Transaction = ReturnType<typeof kvs.transact>;

/**
 * Runs writes that need not be atomic with each other (clean-ups of many records) as a series of
 * transactions of at most 25 operations, Forge's limit.
 */
export async function inChunks<T>(
  items: readonly T[],
  add: (tx: Transaction, item: T) => void,
): Promise<void> {
  for (let i = 0; i < items.length; i += MAX_BATCH) {
    const tx = kvs.transact();
    for (const item of items.slice(i, i + MAX_BATCH)) add(tx, item);
    await tx.execute();
  }
}
