import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { UsageEntry } from '../../domain/points-budget';
import { newSuffix } from '../ids';
import { keys, QUERY_PAGE } from './entities';
import { everyResult } from './paging';
import { parseRecord } from './records';

/**
 * The ledger of the app's own points: one entry per invocation and hour, written once when the invocation
 * ends (never per request), and none when it spent nothing. One key per entry, so concurrent invocations
 * never overwrite each other's figures without a lock or a retried condition; each expires after a day and
 * a bit, so the ledger holds one day and costs no clean-up.
 */
const UsageRecord = z.object({
  hour: z.string(),
  points: z.number().int().min(0),
  quota: z.number().int().nullable(),
  remaining: z.number().int().nullable(),
  at: z.string(),
});

/** A day plus the hour in progress, so "the last 24 hours" is always complete. */
const KEEP_SECONDS = 25 * 3600;

export async function recordUsage(entries: readonly UsageEntry[]): Promise<void> {
  for (const entry of entries) {
    if (entry.points === 0) continue;
    await kvs.set(keys.usage(entry.hour, `${entry.at}:${newSuffix()}`), UsageRecord.parse(entry), {
      ttl: { value: KEEP_SECONDS, unit: 'SECONDS' },
    });
  }
}

const entriesUnder = async (prefix: string): Promise<UsageEntry[]> => {
  const results = await everyResult(
    kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(QUERY_PAGE),
  );
  return results.map((r) => parseRecord(UsageRecord, 'usage', r.key, r.value));
};

/** The entries of one UTC hour ('YYYY-MM-DDTHH'). */
export const usageOfHour = (hour: string): Promise<UsageEntry[]> => entriesUnder(keys.usageOfHour(hour));

/** Every entry kept: the last day's. */
export const recentUsage = (): Promise<UsageEntry[]> => entriesUnder(keys.usagePrefix());
