import { z } from 'zod';
import { OutcomeCardSchema } from './issue-panel';
import { KpiIdSchema } from './kpi';
import { IssueKeySchema, OutcomeIdSchema, ProjectKeySchema } from './primitives';
import { RunViewSchema } from './rules';

export const ProjectOutcomeRowSchema = OutcomeCardSchema.extend({
  /** Tickets of this project that serve the outcome (own or inherited links). */
  linkedCount: z.number().int().min(0),
  /** Of those, the ones in the Done status category. */
  doneCount: z.number().int().min(0),
});
export type ProjectOutcomeRow = z.infer<typeof ProjectOutcomeRowSchema>;

/** Resolver keys of the project outcome page, each with its input and output schema. */
export const projectPageContract = {
  'project/load': {
    input: z.object({ projectKey: ProjectKeySchema }).strict(),
    output: z.object({
      project: z.object({ key: z.string(), name: z.string() }),
      outcomes: z.array(ProjectOutcomeRowSchema),
    }),
  },
  /** Links many tickets of the project to an outcome at once, in the background: a JQL or a selection. */
  'links/bulk': {
    input: z
      .object({
        projectKey: ProjectKeySchema,
        outcomeId: OutcomeIdSchema,
        kpiIds: z.array(KpiIdSchema).max(10).default([]),
        target: z.union([
          z.object({ jql: z.string().trim().min(1).max(2000) }).strict(),
          z.object({ issueKeys: z.array(IssueKeySchema).min(1).max(1000) }).strict(),
        ]),
      })
      .strict(),
    output: RunViewSchema,
  },
  'links/bulk-status': {
    input: z.object({ projectKey: ProjectKeySchema, runId: z.string().max(100) }).strict(),
    output: RunViewSchema,
  },
} as const;
export type ProjectPageContract = typeof projectPageContract;
