import { randomBytes } from 'node:crypto';

/** Short, URL- and JQL-friendly outcome ids: `o-` and 10 hex digits. */
export const newOutcomeId = (): string => `o-${randomBytes(5).toString('hex')}`;
