import { ForgeKvsAPIError } from '@forge/kvs';

/** Forge KVS error codes the app reacts to (all others propagate). */
export const KVS_CODES = {
  conditionFailed: 'CONDITIONAL_CHECK_FAILED',
  keyExists: 'KEY_CONFLICT',
} as const;

export const isKvsError = (error: unknown, code: string): boolean =>
  error instanceof ForgeKvsAPIError && error.code === code;
