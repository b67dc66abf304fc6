import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What Forge knows about the invocation in progress. Real Forge runs one invocation per process at a time;
 * the sandbox runs many concurrently in one process, so each carries its own context through
 * AsyncLocalStorage and the SDK globals read the right one.
 */
export interface Invocation {
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  /** The user on whose behalf the app runs, if any (absent for app-only events). */
  accountId?: string;
  deadline: number;
}

const storage = new AsyncLocalStorage<Invocation>();

export const currentInvocation = (): Invocation | undefined => storage.getStore();

export function runInvocation<T>(
  details: Omit<Invocation, 'invocationId' | 'deadline'> & { timeoutMs: number },
  work: () => Promise<T>,
): Promise<T> {
  const { timeoutMs, ...rest } = details;
  const invocation: Invocation = { ...rest, invocationId: randomUUID(), deadline: Date.now() + timeoutMs };
  return storage.run(invocation, () => withTimeout(work(), timeoutMs, rest.functionKey));
}

/** Forge stops a function at its time limit; so does the sandbox, so slow code fails here as it would there. */
async function withTimeout<T>(promise: Promise<T>, ms: number, functionKey: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Function ${functionKey} timed out after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
