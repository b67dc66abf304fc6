import { ForgeKvsAPIError } from '@forge/kvs';

/** Forge KVS error codes the app reacts to (all others propagate). */
export const KVS_CODES = {
  conditionFailed: 'CONDITIONAL_CHECK_FAILED',
  keyExists: 'KEY_CONFLICT',
} as const;

export const isKvsError = (error: unknown, code: string): boolean =>
  error instanceof ForgeKvsAPIError && error.code === code;

/** Storage refused the request itself (HTTP 400: a bad key, cursor or query), rather than failing. */
export const isRefusedRequest = (error: unknown): boolean =>
  error instanceof ForgeKvsAPIError && error.responseDetails.status === 400;
