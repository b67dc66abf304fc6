/**
 * Limits and value lists shared by the schemas and the front ends. Plain constants, no zod,
 * so a Custom UI app can import them without shipping the schema library.
 */
export const OUTCOME_TITLE = { min: 3, max: 120 } as const;
export const OUTCOME_STATEMENT = { min: 10, max: 1000 } as const;
export const MAX_PROJECTS_PER_OUTCOME = 20;

export const OUTCOME_STATES = ['active', 'achieved', 'dropped'] as const;
export type OutcomeState = (typeof OUTCOME_STATES)[number];
