import { z } from 'zod';
import { KpiIdSchema } from './kpi';
import { MAX_KPIS_PER_LINK, RUN_KINDS, RUN_PHASES, RUN_STATUSES } from './limits';
import { jqlText, OutcomeIdSchema, UserRefSchema } from './primitives';

export const RuleIdSchema = z
  .string()
  .trim()
  .regex(/^r-[a-z0-9]{6,32}$/, 'Pick a mapping rule the app listed; that is not a rule id.');

export const RuleDraftSchema = z.strictObject({
  outcomeId: OutcomeIdSchema,
  jql: jqlText('Write the JQL that picks the tickets.'),
  kpiIds: z.array(KpiIdSchema).max(MAX_KPIS_PER_LINK).default([]),
  enabled: z.boolean().default(true),
});
export type RuleDraft = z.output<typeof RuleDraftSchema>;

/** A background run over many tickets: a rule's backfill, its clean-up, or a bulk link. */
export const RunViewSchema = z.object({
  id: z.string(),
  kind: z.enum(RUN_KINDS),
  status: z.enum(RUN_STATUSES),
  phase: z.enum(RUN_PHASES),
  matched: z.number().int(),
  /** `matched` is Jira's estimate (too many tickets to count one by one): shown as "about N". */
  matchedEstimated: z.boolean(),
  changed: z.number().int(),
  pages: z.number().int(),
  rateLimited: z.number().int(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type RunView = z.infer<typeof RunViewSchema>;

export const RuleViewSchema = z.object({
  id: RuleIdSchema,
  outcomeId: z.string(),
  outcomeTitle: z.string(),
  jql: z.string(),
  /** The JQL as it runs: confined to the outcome's projects. */
  effectiveJql: z.string(),
  kpiIds: z.array(z.string()),
  enabled: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: UserRefSchema.nullable(),
  canManage: z.boolean(),
  lastRun: RunViewSchema.nullable(),
});
export type RuleView = z.infer<typeof RuleViewSchema>;
