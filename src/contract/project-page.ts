import { z } from 'zod';
import {
  DeliveryForecastBriefSchema,
  HEALTH_STATUSES,
  HealthSignalSchema,
  KpiSummarySchema,
  OutcomeCardSchema,
  PanelKpiSchema,
} from './issue-panel';
import { CheckInCorrectionSchema, CheckInViewSchema, CheckInWithdrawalSchema, KpiIdSchema } from './kpi';
import {
  BULK_LINK_KEYS,
  DECISION_KINDS,
  DECISION_RATIONALE,
  KPI_UNITS,
  MAX_KPIS_PER_LINK,
  ROLLUP_METHODS,
  TICKETS_PAGE,
} from './limits';
import {
  IssueKeySchema,
  jqlText,
  OutcomeIdSchema,
  ProjectKeySchema,
  plainText,
  RunIdSchema,
  UserRefSchema,
} from './primitives';
import { RunViewSchema } from './rules';

/** A decision about an outcome, as its history shows it. */
export const DecisionViewSchema = z.object({
  id: z.string(),
  kind: z.enum(DECISION_KINDS),
  rationale: z.string(),
  by: UserRefSchema,
  at: z.string(),
});
export type DecisionView = z.infer<typeof DecisionViewSchema>;

/** Every number of an outcome's row, each explainable (see `explanation` and the outcome detail). */
export const OutcomeFiguresSchema = z.object({
  method: z.enum(ROLLUP_METHODS),
  countSubtasks: z.boolean(),
  /** Share of the work done in the method's unit (tickets, story points or weight); null with no work. */
  deliveryRatio: z.number().nullable(),
  deliveryDone: z.number(),
  deliveryTotal: z.number(),
  tickets: z.object({ todo: z.number(), inProgress: z.number(), done: z.number(), total: z.number() }),
  excluded: z.object({ epics: z.number(), subtasks: z.number() }),
  unestimated: z.number(),
  overdue: z.number(),
  addedAfterStart: z.number(),
  kpiProgress: z.number().nullable(),
  timeElapsed: z.number().nullable(),
  health: z.enum(HEALTH_STATUSES),
  /** What health was judged on: delivery against time, KPI progress against time; the worst one wins. */
  healthSignals: z.array(HealthSignalSchema),
  outputWithoutOutcome: z.boolean(),
  explanation: z.string(),
  /** When the work left is likely done, from the outcome's own weekly throughput and scope growth. */
  forecast: DeliveryForecastBriefSchema,
});
export type OutcomeFigures = z.infer<typeof OutcomeFiguresSchema>;

export const ProjectOutcomeRowSchema = OutcomeCardSchema.extend({
  decides: z.array(UserRefSchema),
  figures: OutcomeFiguresSchema,
  kpis: z.array(PanelKpiSchema),
  /** Tickets serving the outcome (in all its projects) and how many are done: the figures' ticket counts. */
  linkedCount: z.number().int().min(0),
  doneCount: z.number().int().min(0),
  /** When the stored numbers were last recomputed from Jira, and what that corrected. */
  reconciledAt: z.string().nullable(),
  lastDrift: z.object({ at: z.string(), corrected: z.number(), tickets: z.number() }).nullable(),
  /** True when the rollup settings changed and the numbers are being recomputed. */
  recomputing: z.boolean(),
});
export type ProjectOutcomeRow = z.infer<typeof ProjectOutcomeRowSchema>;

export const TicketRowSchema = z.object({
  key: z.string(),
  summary: z.string(),
  status: z.string(),
  statusCategory: z.enum(['new', 'indeterminate', 'done']),
  issueType: z.string(),
  assignee: z.string().nullable(),
  dueDate: z.string().nullable(),
  points: z.number().nullable(),
});
export type TicketRow = z.infer<typeof TicketRowSchema>;

/**
 * A list behind a number ("which tickets?"): the first tickets the viewer may browse, how many of them
 * the viewer may browse (`count`), how many there are in all (`total`, which the figure counts), and the
 * JQL to see them in Jira. Every list holds only tickets the viewer may browse, and says so.
 */
export const TicketSampleSchema = z.object({
  jql: z.string(),
  count: z.number().int(),
  total: z.number().int(),
  /** `count` or `total` is Jira's estimate (too many tickets to count one by one): shown as "about N". */
  estimated: z.boolean(),
  tickets: z.array(TicketRowSchema),
});

/** How a forecast explains itself under "Why these numbers?": the answer, the method, the arithmetic, the caveats. */
export const ExplanationSchema = z.object({
  summary: z.string(),
  method: z.string(),
  working: z.array(z.string()),
  caveats: z.array(z.string()),
});
export type ExplanationView = z.infer<typeof ExplanationSchema>;

export const RELEASE_VERDICTS = ['moved', 'no-clear-change', 'not-enough-data'] as const;

/** The outcome's forecasts, each explained: delivery, each published KPI, and what each release did to the KPIs. */
export const OutcomeForecastsSchema = z.object({
  delivery: ExplanationSchema,
  kpis: z.array(
    z.object({
      kpiId: z.string(),
      name: z.string(),
      kind: z.enum(['not-enough-data', 'no-due-date', 'due-passed', 'forecast']),
      /** Target KPIs: the chance of meeting the target on the due date; band KPIs: of being inside the band. */
      chance: z.number().nullable(),
      goal: z.enum(['target', 'band']).nullable(),
      explanation: ExplanationSchema,
    }),
  ),
  releases: z.object({
    /** Days compared before and after each release (the admin's setting). */
    windowDays: z.number().int(),
    /** What counts as a release: the outcome's epics reaching Done, or its tickets' when it has no epics. */
    basis: z.enum(['epics', 'tickets']),
    caveat: z.string(),
    markers: z.array(
      z.object({
        day: z.string(),
        label: z.string(),
        /** The epics (or tickets) that reached Done that day and the viewer may see, by key; empty when none. */
        items: z.array(z.object({ key: z.string(), summary: z.string() })),
        impacts: z.array(
          z.object({
            kpiId: z.string(),
            kpiName: z.string(),
            verdict: z.enum(RELEASE_VERDICTS),
            explanation: ExplanationSchema,
          }),
        ),
      }),
    ),
  }),
});
export type OutcomeForecasts = z.infer<typeof OutcomeForecastsSchema>;

/** Resolver keys of the project outcome page, each with its input and output schema. */
export const projectPageContract = {
  'project/load': {
    input: z.object({ projectKey: ProjectKeySchema }).strict(),
    output: z.object({
      project: z.object({ key: z.string(), name: z.string() }),
      /** The caller may link this project's tickets (bulk link, "link these"). */
      canLink: z.boolean(),
      thresholds: z.object({ atRiskGap: z.number(), offTrackGap: z.number() }),
      outcomes: z.array(ProjectOutcomeRowSchema),
    }),
  },
  /** "Why this number?": the breakdown of one outcome, the tickets behind each figure, its trend. */
  'project/outcome': {
    input: z.object({ projectKey: ProjectKeySchema, outcomeId: OutcomeIdSchema }).strict(),
    output: z.object({
      row: ProjectOutcomeRowSchema,
      breakdown: z.array(z.object({ figure: z.string(), value: z.string(), how: z.string() })),
      lists: z.object({
        unestimated: TicketSampleSchema.nullable(),
        overdue: TicketSampleSchema,
        addedAfterStart: TicketSampleSchema.nullable(),
      }),
      trend: z.array(
        z.object({
          day: z.string(),
          delivery: z.number().nullable(),
          kpi: z.number().nullable(),
          elapsed: z.number().nullable(),
        }),
      ),
      forecasts: OutcomeForecastsSchema,
      kpis: z.array(
        KpiSummarySchema.extend({
          /** The unit, so a correction can be checked against its range before it is sent. */
          unit: z.enum(KPI_UNITS).nullable(),
          customUnit: z.string(),
          history: z.array(CheckInViewSchema),
        }),
      ),
      /** Decisions recorded on the outcome, newest first. */
      decisions: z.array(DecisionViewSchema),
      /** Whether the caller may record one: an owner, a decider, or someone it is escalated to. */
      canDecide: z.boolean(),
    }),
  },
  /** Records a decision about an outcome with a one-line rationale; who and when come from the call. */
  'decisions/record': {
    input: z
      .object({
        projectKey: ProjectKeySchema,
        outcomeId: OutcomeIdSchema,
        kind: z.enum(DECISION_KINDS, {
          message: 'Choose the decision: continue, adjust scope, change the target or stop.',
        }),
        rationale: plainText()
          .min(1, 'Say in a line why: the decision is read by people who were not in the room.')
          .max(
            DECISION_RATIONALE.max,
            `Keep the rationale to one line (${DECISION_RATIONALE.max} characters or fewer).`,
          )
          .refine((t) => !/[\r\n]/.test(t), 'Keep the rationale to one line, without line breaks.'),
      })
      .strict(),
    output: z.object({ decisions: z.array(DecisionViewSchema) }),
  },
  /** Corrects a check-in shown on the outcome (its author or an admin of the outcome). */
  'checkins/correct': {
    input: CheckInCorrectionSchema.extend({ projectKey: ProjectKeySchema }).strict(),
    output: z.object({ checkIn: CheckInViewSchema }),
  },
  /** Withdraws a check-in shown on the outcome (its author or an admin of the outcome). */
  'checkins/withdraw': {
    input: CheckInWithdrawalSchema.extend({ projectKey: ProjectKeySchema }).strict(),
    output: z.object({ checkIn: CheckInViewSchema }),
  },
  /** The tickets serving an outcome, as the caller may see them, a page at a time. */
  'project/tickets': {
    input: z
      .object({
        projectKey: ProjectKeySchema,
        outcomeId: OutcomeIdSchema,
        pageToken: z.string().max(2000).nullable().default(null),
        pageSize: z.number().int().min(1).max(TICKETS_PAGE.max).default(TICKETS_PAGE.size),
      })
      .strict(),
    output: z.object({
      tickets: z.array(TicketRowSchema),
      nextPageToken: z.string().nullable(),
      jql: z.string(),
      /** With the first page: the tickets the caller may browse, of all that serve the outcome. */
      counts: z
        .object({
          visible: z.number().int(),
          total: z.number().int(),
          /** Either is Jira's estimate (too many tickets to count one by one): shown as "about N". */
          estimated: z.boolean(),
        })
        .nullable(),
    }),
  },
  /** Alignment coverage: the share of the project's tickets (created in the period) that serve any outcome. */
  'project/coverage': {
    input: z
      .object({ projectKey: ProjectKeySchema, period: z.enum(['30d', '90d', '365d', 'all']).default('90d') })
      .strict(),
    output: z.object({
      total: z.number().int(),
      aligned: z.number().int(),
      share: z.number().nullable(),
      /** `total` or the unaligned count is Jira's estimate: the share and counts are shown as "about". */
      estimated: z.boolean(),
      unaligned: TicketSampleSchema,
    }),
  },
  /** Links many tickets of the project to an outcome at once, in the background: a JQL or a selection. */
  'links/bulk': {
    input: z
      .object({
        projectKey: ProjectKeySchema,
        outcomeId: OutcomeIdSchema,
        kpiIds: z.array(KpiIdSchema).max(MAX_KPIS_PER_LINK).default([]),
        target: z.union([
          z
            .object({
              jql: jqlText('Write the JQL that finds the tickets to link.'),
            })
            .strict(),
          z
            .object({
              issueKeys: z
                .array(IssueKeySchema)
                .min(1, 'Pick at least one ticket to link.')
                .max(
                  BULK_LINK_KEYS.max,
                  `Link at most ${BULK_LINK_KEYS.max.toLocaleString('en-US')} tickets at a time.`,
                ),
            })
            .strict(),
        ]),
      })
      .strict(),
    output: RunViewSchema,
  },
  'links/bulk-status': {
    input: z.object({ projectKey: ProjectKeySchema, runId: RunIdSchema }).strict(),
    output: RunViewSchema,
  },
} as const;
export type ProjectPageContract = typeof projectPageContract;
