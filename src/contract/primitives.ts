import { z } from 'zod';
import { JQL_LENGTH, JQL_TOO_LONG, OUTCOME_STATES, type OutcomeState } from './limits';
import { textProblem } from './messages';

/**
 * Text people type and others read (titles, names, notes, JQL): trimmed, and refused when it holds
 * characters that make it read differently from what is stored (bidirectional overrides), controls or
 * broken characters. Length limits follow with `.min`/`.max` as on any string.
 */
export const plainText = () =>
  z
    .string()
    .trim()
    .check((ctx) => {
      const problem = textProblem(ctx.value);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    });

/** JQL a person writes (a KPI's count, a rule, a bulk link): plain text, not empty, within the app's limit. */
export const jqlText = (whenEmpty: string) => plainText().min(1, whenEmpty).max(JQL_LENGTH.max, JQL_TOO_LONG);

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
export const AccountIdSchema = z
  .string({ error: 'Choose a person from the list of Jira users.' })
  .trim()
  .min(1, 'Choose a person from the list.')
  .max(128, 'Choose a person from the list; that is not a Jira account id.');

export const OutcomeIdSchema = z
  .string()
  .trim()
  .regex(/^o-[a-z0-9]{6,32}$/, 'Pick an outcome the app listed; that is not an outcome id.');

/** A background run's id, as the app made it (`run-` and a UUID); anything else never reaches storage. */
export const RunIdSchema = z
  .string()
  .trim()
  .regex(
    /^run-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'Follow a run the app started; that is not a run id.',
  );

/** A storage cursor the app handed out: opaque, but only ever URL-safe characters of bounded length. */
export const StorageCursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_\-+/=.]{1,1000}$/, 'Reload the check-in history and page on from there.');

/** Calendar dates travel as YYYY-MM-DD, never as timestamps, so no time zone can shift them. */
export const IsoDateSchema = z.iso.date();

export const OutcomeStateSchema = z.enum(OUTCOME_STATES);
export type { OutcomeState };

export const UserRefSchema = z.object({
  accountId: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
});
export type UserRef = z.infer<typeof UserRefSchema>;
