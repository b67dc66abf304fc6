import { CONFIDENCE_LEVELS, type Confidence } from '@contract/limits';

/** How sure the person checking in is, as every surface says it. */
export const CONFIDENCE_NAME: Record<Confidence, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export const isConfidence = (value: string): value is Confidence =>
  CONFIDENCE_LEVELS.some((c) => c === value);
