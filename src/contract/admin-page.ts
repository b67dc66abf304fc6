import { z } from 'zod';
import {
  CheckInCorrectionSchema,
  CheckInDraftSchema,
  CheckInViewSchema,
  CheckInWithdrawalSchema,
  KpiDraftSchema,
  KpiIdSchema,
  KpiViewSchema,
} from './kpi';
import { JQL_LENGTH, JQL_TOO_LONG, SEARCH_TEXT } from './limits';
import { AdminOutcomeSchema, OutcomeDraftSchema } from './outcome';
import {
  IsoDateSchema,
  OutcomeIdSchema,
  RunIdSchema,
  StorageCursorSchema,
  UserRefSchema,
} from './primitives';
import { RuleDraftSchema, RuleIdSchema, RuleViewSchema, RunViewSchema } from './rules';
import { SettingsDraftSchema, SettingsViewSchema, UsageViewSchema } from './settings';
import { ImportSummarySchema, TransferDocumentSchema } from './transfer';

export const ManageableProjectSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** True when the caller may create and edit outcomes in this project. */
  canManage: z.boolean(),
});

const Versioned = { expectedVersion: z.number().int().min(1) };

/** A KPI named in a reply: which one, and its due date as saved. */
const KpiRefSchema = z.object({ id: z.string(), name: z.string(), dueDate: z.string().nullable() });
/** KPI due dates one outcome save may move: what one storage transaction holds with the outcome. */
const MAX_KPI_MOVES = 20;

/** One outcome with everything its detail view shows. */
export const OutcomeDetailSchema = z.object({
  outcome: AdminOutcomeSchema,
  kpis: z.array(KpiViewSchema),
});
export type OutcomeDetail = z.infer<typeof OutcomeDetailSchema>;

/** Resolver keys of the admin page, each with its input and output schema. */
export const adminPageContract = {
  'admin/load': {
    input: z.object({}).strict(),
    output: z.object({
      isJiraAdmin: z.boolean(),
      projects: z.array(ManageableProjectSchema),
      /**
       * What of the caller's work the app's account cannot see (projects outside its role, tickets at issue
       * security levels it is not in), each with what to grant; empty when it sees it all.
       */
      outsideAppReach: z.array(z.string()),
      outcomes: z.array(AdminOutcomeSchema),
    }),
  },
  /** What the rollup settings can offer: whether story points exist on this site, and the issue types to weigh. */
  'outcomes/rollup-options': {
    input: z.object({}).strict(),
    output: z.object({
      storyPoints: z.boolean(),
      issueTypes: z.array(z.object({ name: z.string(), level: z.number().int() })),
    }),
  },
  'outcomes/get': {
    input: z.object({ id: OutcomeIdSchema }).strict(),
    output: OutcomeDetailSchema,
  },
  'outcomes/create': {
    input: z.object({ draft: OutcomeDraftSchema }).strict(),
    output: AdminOutcomeSchema,
  },
  /**
   * New dates can turn published KPIs into drafts (a due date outside the timeframe fails SMART's T) and
   * drafts back into published KPIs. The save names both: it moves the KPI due dates given with it in the
   * same step, refuses to unpublish a KPI not listed in `confirmUnpublish`, and says what changed.
   */
  'outcomes/update': {
    input: z
      .object({
        id: OutcomeIdSchema,
        ...Versioned,
        draft: OutcomeDraftSchema,
        kpiDueDates: z
          .array(
            z
              .object({ id: KpiIdSchema, dueDate: IsoDateSchema, expectedVersion: z.number().int().min(1) })
              .strict(),
          )
          .max(MAX_KPI_MOVES, `Move at most ${MAX_KPI_MOVES} KPI due dates in one save.`)
          .default([]),
        confirmUnpublish: z
          .array(KpiIdSchema)
          .max(MAX_KPI_MOVES, `Confirm at most ${MAX_KPI_MOVES} KPIs in one save.`)
          .default([]),
      })
      .strict(),
    output: AdminOutcomeSchema.extend({
      kpiChanges: z.object({
        unpublished: z.array(KpiRefSchema),
        republished: z.array(KpiRefSchema),
        moved: z.array(KpiRefSchema),
      }),
    }),
  },
  /** What deleting would affect, so the confirmation can say it. */
  'outcomes/delete-preview': {
    input: z.object({ id: OutcomeIdSchema }).strict(),
    output: z.object({ linkedTickets: z.number().int(), kpis: z.number().int(), children: z.number().int() }),
  },
  'outcomes/delete': {
    input: z
      .object({
        id: OutcomeIdSchema,
        ...Versioned,
        /** The number of linked tickets the user confirmed; deleting refuses if it no longer matches. */
        confirmedLinkedTickets: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ id: OutcomeIdSchema }),
  },
  'kpis/create': {
    input: z.object({ draft: KpiDraftSchema, saveAsDraft: z.boolean().default(false) }).strict(),
    output: OutcomeDetailSchema,
  },
  'kpis/update': {
    input: z
      .object({
        id: KpiIdSchema,
        ...Versioned,
        draft: KpiDraftSchema,
        saveAsDraft: z.boolean().default(false),
      })
      .strict(),
    output: OutcomeDetailSchema,
  },
  'kpis/delete': {
    input: z.object({ id: KpiIdSchema, ...Versioned }).strict(),
    output: OutcomeDetailSchema,
  },
  'kpis/check-in': {
    input: CheckInDraftSchema.strict(),
    output: OutcomeDetailSchema,
  },
  /** Corrects a check-in (its author or an admin of the outcome); the KPI's value follows. */
  'checkins/correct': {
    input: CheckInCorrectionSchema.strict(),
    output: OutcomeDetailSchema,
  },
  /** Withdraws a check-in (its author or an admin of the outcome); the latest one standing is the KPI's value. */
  'checkins/withdraw': {
    input: CheckInWithdrawalSchema.strict(),
    output: OutcomeDetailSchema,
  },
  'kpis/history': {
    input: z.object({ id: KpiIdSchema, cursor: StorageCursorSchema.optional() }).strict(),
    output: z.object({ checkIns: z.array(CheckInViewSchema), nextCursor: z.string().nullable() }),
  },
  /** Recomputes a JQL-sourced KPI now (it also refreshes on a schedule). */
  'kpis/refresh': {
    input: z.object({ id: KpiIdSchema }).strict(),
    output: OutcomeDetailSchema,
  },
  /** Checks a JQL as the admin types: parsed, then run once. */
  'jql/check': {
    input: z
      .object({
        jql: z.string().max(JQL_LENGTH.max, JQL_TOO_LONG),
        /**
         * The part of `jql` the person typed, when the page wraps it (a rule runs within its outcome's
         * projects): Jira's positions are then counted in it.
         */
        typed: z.string().max(JQL_LENGTH.max, JQL_TOO_LONG).optional(),
      })
      .strict(),
    output: z.object({
      valid: z.boolean(),
      count: z.number().int().nullable(),
      /** `count` is Jira's estimate (too many tickets to count one by one): shown as "about N". */
      countEstimated: z.boolean(),
      message: z.string().nullable(),
      /**
       * Of the tickets it matches for the caller (up to 1,000), how many the app's own user cannot see (a
       * project or issue security level it is not in): no rule links them, no figure counts them. Null when
       * not known (more tickets, or invalid JQL).
       */
      hiddenFromApp: z.number().int().nullable(),
    }),
  },
  'rules/list': {
    input: z.object({}).strict(),
    output: z.object({ rules: z.array(RuleViewSchema) }),
  },
  'rules/create': {
    input: z.object({ draft: RuleDraftSchema }).strict(),
    output: RuleViewSchema,
  },
  'rules/update': {
    input: z.object({ id: RuleIdSchema, ...Versioned, draft: RuleDraftSchema }).strict(),
    output: RuleViewSchema,
  },
  /** Deleting a rule also takes its links off the tickets it mapped (in the background). */
  'rules/delete': {
    input: z.object({ id: RuleIdSchema, ...Versioned }).strict(),
    output: z.object({ id: RuleIdSchema, cleanup: RunViewSchema }),
  },
  /** Applies a rule to existing tickets: links new matches, unlinks tickets that no longer match. */
  'rules/backfill': {
    input: z.object({ id: RuleIdSchema }).strict(),
    output: RunViewSchema,
  },
  'runs/get': {
    input: z.object({ id: RunIdSchema }).strict(),
    output: RunViewSchema,
  },
  'users/search': {
    input: z
      .object({
        query: z
          .string()
          .trim()
          .max(SEARCH_TEXT.max, `Keep the search text to ${SEARCH_TEXT.max} characters or fewer.`),
      })
      .strict(),
    output: z.object({ users: z.array(UserRefSchema) }),
  },
  'settings/get': {
    input: z.object({}).strict(),
    output: SettingsViewSchema,
  },
  'settings/update': {
    /** Version 0 means "never saved": the defaults are in force. */
    input: z.object({ expectedVersion: z.number().int().min(0), settings: SettingsDraftSchema }).strict(),
    output: SettingsViewSchema,
  },
  /** The app's points spent this hour and this day, next to the share of the quota background work may use. */
  'usage/get': {
    input: z.object({}).strict(),
    output: UsageViewSchema,
  },
  /** A full backup of what the caller can see: outcomes, KPIs with values and history, rules, settings. */
  'transfer/export': {
    input: z.object({}).strict(),
    output: TransferDocumentSchema,
  },
  /** Checks a file as the import would and says what it would create, update and leave alone; writes nothing. */
  'transfer/preview': {
    input: z.object({ document: z.unknown() }).strict(),
    output: ImportSummarySchema,
  },
  /**
   * Applies a previewed file: only if it still plans exactly what the preview said (`token`), else nothing.
   * A file with any error is rejected whole, with its first errors listed.
   */
  'transfer/import': {
    input: z.object({ document: z.unknown(), token: z.string().trim().min(1).max(64) }).strict(),
    output: ImportSummarySchema,
  },
} as const;
export type AdminPageContract = typeof adminPageContract;
