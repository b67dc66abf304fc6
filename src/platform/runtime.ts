import { getAppContext } from '@forge/api';

/** Milliseconds left before Forge stops this invocation; long jobs check it to stop cleanly. */
export function remainingTimeMs(): number {
  try {
    return getAppContext().invocationRemainingTimeInMillis();
  } catch {
    // Outside a Forge invocation (a script, a unit test) there is no deadline.
    return Number.POSITIVE_INFINITY;
  }
}
