import { randomBytes } from 'node:crypto';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Short, URL- and JQL-friendly ids: a type prefix and 10 hex digits. */
export const newOutcomeId = (): string => `o-${hex(5)}`;
export const newKpiId = (): string => `k-${hex(5)}`;
export const newRuleId = (): string => `r-${hex(5)}`;
/** Disambiguates records written in the same millisecond. */
export const newSuffix = (): string => hex(3);
