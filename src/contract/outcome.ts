import { z } from 'zod';
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
    .min(3, 'Give the outcome a title of at least 3 characters.')
    .max(120, 'Keep the title under 120 characters.'),
  statement: z
    .string()
    .trim()
    .min(10, 'Say in a sentence why this outcome matters to the business.')
    .max(1000, 'Keep the statement under 1,000 characters.'),
  projectKeys: z
    .array(ProjectKeySchema)
    .min(1, 'Choose at least one project.')
    .max(20, 'An outcome can span at most 20 projects.'),
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
