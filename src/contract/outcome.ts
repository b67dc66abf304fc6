import { z } from 'zod';
import { MAX_PROJECTS_PER_OUTCOME, OUTCOME_STATEMENT, OUTCOME_TITLE } from './limits';
import {
  AccountIdSchema,
  IsoDateSchema,
  OutcomeIdSchema,
  OutcomeStateSchema,
  ProjectKeySchema,
  UserRefSchema,
} from './primitives';

/** What an admin submits when creating or editing an outcome. Shape only; business rules live in src/domain. */
export const OutcomeDraftSchema = z.object({
  title: z
    .string()
    .trim()
    .min(OUTCOME_TITLE.min, `Give the outcome a title of at least ${OUTCOME_TITLE.min} characters.`)
    .max(OUTCOME_TITLE.max, `Keep the title to ${OUTCOME_TITLE.max} characters or fewer.`),
  statement: z
    .string()
    .trim()
    .min(OUTCOME_STATEMENT.min, 'Say in a sentence why this outcome matters to the business.')
    .max(OUTCOME_STATEMENT.max, `Keep the statement to ${OUTCOME_STATEMENT.max} characters or fewer.`),
  projectKeys: z
    .array(ProjectKeySchema)
    .min(1, 'Choose at least one project.')
    .max(MAX_PROJECTS_PER_OUTCOME, `An outcome can span at most ${MAX_PROJECTS_PER_OUTCOME} projects.`),
  businessOwnerId: AccountIdSchema.nullable(),
  technologyOwnerId: AccountIdSchema.nullable(),
  startDate: IsoDateSchema.nullable(),
  dueDate: IsoDateSchema.nullable(),
  state: OutcomeStateSchema.default('active'),
});
export type OutcomeDraft = z.output<typeof OutcomeDraftSchema>;
export type OutcomeDraftInput = z.input<typeof OutcomeDraftSchema>;

/** An outcome as every surface shows it. */
export const OutcomeViewSchema = z.object({
  id: OutcomeIdSchema,
  title: z.string(),
  statement: z.string(),
  projectKeys: z.array(z.string()),
  businessOwner: UserRefSchema.nullable(),
  technologyOwner: UserRefSchema.nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  state: OutcomeStateSchema,
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: UserRefSchema.nullable(),
});
export type OutcomeView = z.infer<typeof OutcomeViewSchema>;

/** An outcome on the admin page: the view plus whether the caller may change it. */
export const AdminOutcomeSchema = OutcomeViewSchema.extend({ canManage: z.boolean() });
export type AdminOutcome = z.infer<typeof AdminOutcomeSchema>;
