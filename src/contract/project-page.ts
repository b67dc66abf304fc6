import { z } from 'zod';
import { OutcomeCardSchema } from './issue-panel';
import { ProjectKeySchema } from './primitives';

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
} as const;
export type ProjectPageContract = typeof projectPageContract;
