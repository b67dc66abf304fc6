import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutcomeCleanupJob } from '../../../src/domain/outcome-cleanup';
import { type CleanupPort, runOutcomeCleanup } from '../../../src/use-cases/outcome-cleanup';

/**
 * The clean-up of a deleted outcome's storage, its executor and pure step, against a store of the test's
 * own (a real one would make hundreds of random runs slow): entries removed a page at a time, events of
 * random length, events delivered twice (the deletion queues the clean-up twice), events that fail midway
 * (Forge delivers them again), and the outcome imported again under its id at any moment.
 */

const OUTCOME = 'outcome-1';
const job: OutcomeCleanupJob = { type: 'forget-outcome', outcomeId: OUTCOME };

class StorageDown extends Error {}

const runArb = fc.record({
  entries: fc.integer({ min: 0, max: 40 }),
  pageSize: fc.integer({ min: 1, max: 7 }),
  /** Time left at each check (ms): over 15 s goes on, under queues the clean-up again. */
  time: fc.array(fc.constantFrom(60_000, 60_000, 1_000), { maxLength: 20 }),
  twice: fc.array(fc.boolean(), { maxLength: 30 }),
  failures: fc.uniqueArray(fc.nat({ max: 20 }), { maxLength: 3 }),
  /** The event before which the outcome is imported again under its id, if any. */
  reimport: fc.option(fc.nat({ max: 15 }), { nil: null }),
});

type Run = typeof runArb extends fc.Arbitrary<infer R> ? R : never;

function storeFor(r: Run) {
  const store = { outcome: false, entries: r.entries, rollup: true, reconcile: true, queue: [job, job] };
  let atImport: { entries: number; rollup: boolean } | null = null;
  let calls = 0;
  let clock = 0;
  const port: CleanupPort = {
    outcomeExists: async () => store.outcome,
    removeEntryPage: async () => {
      if (r.failures.includes(calls++)) throw new StorageDown('Storage is not answering');
      store.entries = Math.max(0, store.entries - r.pageSize);
      return store.entries > 0;
    },
    removeRest: async () => {
      store.rollup = false;
      store.reconcile = false;
    },
    enqueue: async (next) => {
      store.queue.push(next);
    },
  };
  const remainingMs = () => r.time[clock++ % Math.max(1, r.time.length)] ?? 60_000;
  async function drain() {
    for (let i = 0; i < 1000; i++) {
      if (r.reimport === i) {
        store.outcome = true;
        atImport = { entries: store.entries, rollup: store.rollup };
      }
      const next = store.queue.shift();
      if (!next) return i;
      if (r.twice[i]) store.queue.push(next);
      try {
        await runOutcomeCleanup(next, port, remainingMs);
      } catch (error) {
        if (!(error instanceof StorageDown)) throw error;
        store.queue.push(next);
      }
    }
    return null;
  }
  return { store, drain, atImport: () => atImport };
}

describe('a deleted outcome’s clean-up as a pure step with a small executor (properties)', () => {
  it('removes every entry, then the totals and any reconciliation, whatever the events do, and ends', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async (r) => {
        const { store, drain } = storeFor({ ...r, reimport: null });
        const events = await drain();
        expect(events).not.toBeNull();
        expect(store).toMatchObject({ entries: 0, rollup: false, reconcile: false, queue: [] });
        // Each event removes at least one page, so the clean-up never takes more than its pages' worth.
        const pages = Math.ceil(r.entries / r.pageSize);
        const extra = r.twice.filter(Boolean).length + r.failures.length + 2;
        expect(events ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(Math.max(1, pages) + extra);
      }),
      { numRuns: 200 },
    );
  });

  it('removes nothing more once the outcome is imported again under its id: what is stored is the new one’s', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, fc.nat({ max: 15 }), async (r, at) => {
        const { store, drain, atImport } = storeFor({ ...r, reimport: at });
        expect(await drain()).not.toBeNull();
        expect(store.queue).toEqual([]);
        const then = atImport();
        if (then) expect({ entries: store.entries, rollup: store.rollup }).toEqual(then);
      }),
      { numRuns: 200 },
    );
  });
});
