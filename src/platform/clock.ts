/**
 * The app's one clock. Each invocation (a resolver call, a trigger, a queue event, a scheduled run) reads
 * it once at its entry and passes that moment down as `now`; only the platform's own timing (retry waits,
 * lock stamps) reads it again.
 */
export const readClock = (): Date => new Date();
