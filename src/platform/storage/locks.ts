import { kvs } from '@forge/kvs';
import { AppError } from '../../domain/errors';
import { readClock } from '../clock';
import { keys } from './entities';
import { isKvsError, KVS_CODES } from './kvs-errors';

export interface LockOptions {
  /** After this the lock frees itself, so a crashed invocation cannot block anyone for long. */
  ttlSeconds: number;
  attempts: number;
  waitMs: number;
  busyMessage: string;
}

/**
 * Runs `work` while holding a short-lived named lock. Jira issue properties have no conditional
 * writes, so read-modify-write of one ticket's links is serialised here to never lose a concurrent edit.
 */
export async function withLock<T>(name: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const key = keys.lock(name);
  for (let attempt = 1; ; attempt++) {
    try {
      await kvs.set(
        key,
        { at: readClock().getTime() },
        { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: options.ttlSeconds, unit: 'SECONDS' } },
      );
      break;
    } catch (error) {
      if (!isKvsError(error, KVS_CODES.keyExists)) throw error;
      if (attempt >= options.attempts) throw new AppError('CONFLICT', options.busyMessage);
      await new Promise((resolve) => setTimeout(resolve, options.waitMs * attempt));
    }
  }
  try {
    return await work();
  } finally {
    await kvs.delete(key);
  }
}
