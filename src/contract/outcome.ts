import { z } from 'zod';
import {
  MAX_PEOPLE_PER_ROLE,
  MAX_PROJECTS_PER_OUTCOME,
  OUTCOME_STATEMENT,
  OUTCOME_TITLE,
  ROLLUP_METHODS,
  ROLLUP_WEIGHT,
} from './limits';
import {
  AccountIdSchema,
  IsoDateSchema,
  OutcomeIdSchema,
  OutcomeStateSchema,
  ProjectKeySchema,
  plainText,
  UserRefSchema,
} from './primitives';

const people = (role: string) =>
  z
    .array(AccountIdSchema)
    .max(MAX_PEOPLE_PER_ROLE, `Name at most ${MAX_PEOPLE_PER_ROLE} people who ${role}.`);

/** Who decides, who advises, who is escalated to: account ids on the way in. */
export const DecisionRolesDraftSchema = z.strictObject({
  decides: people('decide'),
  advises: people('advise'),
  escalatedTo: people('are escalated to'),
});
export type DecisionRoles = z.infer<typeof DecisionRolesDraftSchema>;

/** How delivery is measured: tickets, story points, or weights per issue type; and whether subtasks count. */
export const RollupSettingsSchema = z.object({
  method: z.enum(ROLLUP_METHODS).default('count'),
  countSubtasks: z.boolean().default(false),
  /** Issue type name → weight, for the `weights` method; types not listed weigh 1. */
  weights: z
    .record(
      plainText()
        .min(1, 'Name the issue type to weigh.')
        .max(60, 'Issue type names have at most 60 characters.'),
      z.number().min(ROLLUP_WEIGHT.min).max(ROLLUP_WEIGHT.max),
    )
    .refine((w) => Object.keys(w).length <= 100, 'Weigh at most 100 issue types.')
    .default({}),
});
export type RollupSettings = z.output<typeof RollupSettingsSchema>;

/** Rollup settings in a draft: each field optional, with no defaults, so an edit never resets one it left out. */
export const RollupSettingsDraftSchema = z
  .strictObject({
    method: RollupSettingsSchema.shape.method.removeDefault(),
    countSubtasks: RollupSettingsSchema.shape.countSubtasks.removeDefault(),
    weights: RollupSettingsSchema.shape.weights.removeDefault(),
  })
  .partial();

/** What an admin submits when creating or editing an outcome. Shape only; business rules live in src/domain. */
export const OutcomeDraftSchema = z.strictObject({
  title: plainText()
    .min(OUTCOME_TITLE.min, `Give the outcome a title of at least ${OUTCOME_TITLE.min} characters.`)
    .max(OUTCOME_TITLE.max, `Keep the title to ${OUTCOME_TITLE.max} characters or fewer.`),
  statement: plainText()
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
  /** Optional parent in the alignment tree (cycles are rejected). */
  parentId: OutcomeIdSchema.nullable().default(null),
  roles: DecisionRolesDraftSchema.default({ decides: [], advises: [], escalatedTo: [] }),
  /** Left out (wholly or a field), a new outcome counts tickets and an edited one keeps its settings. */
  rollup: RollupSettingsDraftSchema.optional(),
});
export type OutcomeDraft = z.output<typeof OutcomeDraftSchema>;
export type OutcomeDraftInput = z.input<typeof OutcomeDraftSchema>;

/** An outcome as every surface shows it. */
export const OutcomeViewSchema = z.object({
  id: OutcomeIdSchema,
  title: z.string(),
  statement: z.string(),
  /** The outcome's projects the viewer may browse; the others are only counted (never named). */
  projectKeys: z.array(z.string()),
  hiddenProjects: z.number().int().min(0),
  /** Of `projectKeys`, those the app's own account cannot see: no figure counts their tickets. */
  outsideAppReach: z.array(z.string()),
  businessOwner: UserRefSchema.nullable(),
  technologyOwner: UserRefSchema.nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  state: OutcomeStateSchema,
  parent: z.object({ id: z.string(), title: z.string() }).nullable(),
  rollup: RollupSettingsSchema,
  roles: z.object({
    decides: z.array(UserRefSchema),
    advises: z.array(UserRefSchema),
    escalatedTo: z.array(UserRefSchema),
  }),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: UserRefSchema.nullable(),
});
export type OutcomeView = z.infer<typeof OutcomeViewSchema>;

/** An outcome on the admin page: the view, whether the caller may change it, and its KPI guardrail. */
export const AdminOutcomeSchema = OutcomeViewSchema.extend({
  canManage: z.boolean(),
  kpiCount: z.number().int(),
  draftKpiCount: z.number().int(),
  /** Outcome-level warnings, e.g. more than three KPIs. Warnings never block saving. */
  warnings: z.array(z.string()),
});
export type AdminOutcome = z.infer<typeof AdminOutcomeSchema>;
