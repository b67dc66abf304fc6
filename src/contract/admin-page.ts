import { z } from 'zod';
import { AdminOutcomeSchema, OutcomeDraftSchema } from './outcome';
import { OutcomeIdSchema, UserRefSchema } from './primitives';

export const ManageableProjectSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** True when the caller may create and edit outcomes in this project. */
  canManage: z.boolean(),
});

/** Resolver keys of the admin page, each with its input and output schema. */
export const adminPageContract = {
  'admin/load': {
    input: z.object({}).strict(),
    output: z.object({
      isJiraAdmin: z.boolean(),
      projects: z.array(ManageableProjectSchema),
      outcomes: z.array(AdminOutcomeSchema),
    }),
  },
  'outcomes/create': {
    input: z.object({ draft: OutcomeDraftSchema }).strict(),
    output: AdminOutcomeSchema,
  },
  'outcomes/update': {
    input: z
      .object({ id: OutcomeIdSchema, expectedVersion: z.number().int().min(1), draft: OutcomeDraftSchema })
      .strict(),
    output: AdminOutcomeSchema,
  },
  'outcomes/delete': {
    input: z.object({ id: OutcomeIdSchema, expectedVersion: z.number().int().min(1) }).strict(),
    output: z.object({ id: OutcomeIdSchema }),
  },
  'users/search': {
    input: z.object({ query: z.string().trim().max(100) }).strict(),
    output: z.object({ users: z.array(UserRefSchema) }),
  },
} as const;
export type AdminPageContract = typeof adminPageContract;
