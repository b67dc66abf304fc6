import { z } from 'zod';
import { IssueKeySchema, OutcomeIdSchema, OutcomeStateSchema, UserRefSchema } from './primitives';

export const OutcomeCardSchema = z.object({
  id: OutcomeIdSchema,
  title: z.string(),
  statement: z.string(),
  state: OutcomeStateSchema,
  projectKeys: z.array(z.string()),
  businessOwner: UserRefSchema.nullable(),
  technologyOwner: UserRefSchema.nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
});
export type OutcomeCard = z.infer<typeof OutcomeCardSchema>;

export const PanelLinkSchema = z.object({
  outcomeId: z.string(),
  /** `own`: linked on this ticket; `inherited`: comes from a parent (epic or story). */
  source: z.enum(['own', 'inherited']),
  inheritedFrom: z.string().nullable(),
  /** Null when the outcome was deleted after the ticket was linked. */
  outcome: OutcomeCardSchema.nullable(),
});
export type PanelLink = z.infer<typeof PanelLinkSchema>;

export const PanelViewSchema = z.object({
  issue: z.object({ key: z.string(), summary: z.string(), projectKey: z.string() }),
  canEdit: z.boolean(),
  links: z.array(PanelLinkSchema),
});
export type PanelView = z.infer<typeof PanelViewSchema>;

const IssueInput = z.object({ issueKey: IssueKeySchema });

/** Resolver keys of the issue side panel, each with its input and output schema. */
export const issuePanelContract = {
  'panel/load': { input: IssueInput.strict(), output: PanelViewSchema },
  'links/candidates': {
    input: IssueInput.extend({ query: z.string().trim().max(100).default('') }).strict(),
    output: z.object({ outcomes: z.array(OutcomeCardSchema) }),
  },
  'links/add': { input: IssueInput.extend({ outcomeId: OutcomeIdSchema }).strict(), output: PanelViewSchema },
  'links/remove': {
    input: IssueInput.extend({ outcomeId: OutcomeIdSchema }).strict(),
    output: PanelViewSchema,
  },
} as const;
export type IssuePanelContract = typeof issuePanelContract;
