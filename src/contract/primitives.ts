import { z } from 'zod';
import { OUTCOME_STATES, type OutcomeState } from './limits';

/** Jira project keys: an uppercase letter, then uppercase letters, digits or underscores. */
export const ProjectKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'Use a Jira project key such as CHK.');

export const IssueKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,8}$/, 'Use a Jira issue key such as CHK-12.');

/** Atlassian account ids are opaque; bound them so a payload cannot smuggle megabytes. */
export const AccountIdSchema = z.string().trim().min(1).max(128);

export const OutcomeIdSchema = z
  .string()
  .trim()
  .regex(/^o-[a-z0-9]{6,32}$/, 'That is not an outcome id.');

/** Calendar dates travel as YYYY-MM-DD, never as timestamps, so no time zone can shift them. */
export const IsoDateSchema = z.iso.date('Use a date like 2026-03-31.');

export const OutcomeStateSchema = z.enum(OUTCOME_STATES);
export type { OutcomeState };

export const UserRefSchema = z.object({
  accountId: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
});
export type UserRef = z.infer<typeof UserRefSchema>;
