import { z } from 'zod';
import { KpiIdSchema, TranslationSchema } from './kpi';
import {
  CONFIDENCE_LEVELS,
  KPI_KINDS,
  LINK_NOTE,
  MAX_KPIS_PER_LINK,
  ROLLUP_METHODS,
  SEARCH_TEXT,
} from './limits';
import { IssueKeySchema, OutcomeIdSchema, OutcomeStateSchema, plainText, UserRefSchema } from './primitives';

export const OutcomeCardSchema = z.object({
  id: OutcomeIdSchema,
  title: z.string(),
  statement: z.string(),
  state: OutcomeStateSchema,
  /** The outcome's projects the viewer may browse; the others are only counted (never named). */
  projectKeys: z.array(z.string()),
  hiddenProjects: z.number().int().min(0),
  /** Of `projectKeys`, those the app's own account cannot see: no figure counts their tickets. */
  outsideAppReach: z.array(z.string()),
  businessOwner: UserRefSchema.nullable(),
  technologyOwner: UserRefSchema.nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
});
export type OutcomeCard = z.infer<typeof OutcomeCardSchema>;

export const KpiSummarySchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(KPI_KINDS) });
export type KpiSummary = z.infer<typeof KpiSummarySchema>;

/** A KPI as the panel shows it: where it is, where it should get, and what that means for the business. */
export const PanelKpiSchema = KpiSummarySchema.extend({
  isDraft: z.boolean(),
  unitLabel: z.string(),
  current: z.number().nullable(),
  /** The target; for a maintain KPI, the band's lower bound (kept for older readers: see `band`, `targetWords`). */
  target: z.number().nullable(),
  /** A maintain KPI's band; null for increase and decrease KPIs, or while no band is set. */
  band: z.object({ min: z.number(), max: z.number() }).nullable(),
  /** Where the KPI should get, in words: "target 99.8% availability", or "keep between 40% and 45%" for a band. */
  targetWords: z.string(),
  currentConfidence: z.enum(CONFIDENCE_LEVELS).nullable(),
  progressWords: z.string(),
  /** The value and the share of the way to target in one phrase, for lists: "99.82% now, 71% of the way from 99.5% to 99.95%". */
  progressBrief: z.string(),
  progressRatio: z.number().nullable(),
  /** A maintain KPI's value against its band, and how far outside it; null without a value or band. */
  bandGap: z.object({ side: z.enum(['inside', 'below', 'above']), by: z.number() }).nullable(),
  translation: z.object({ current: TranslationSchema.nullable(), target: TranslationSchema.nullable() }),
  /**
   * Pairing is many to one: a technical KPI's is the business KPI it moves (one at most); a business KPI's
   * are every technical KPI that moves it, by name.
   */
  pairedWith: z.array(KpiSummarySchema),
  /**
   * Set when the KPI's last value is older than its cadence. Everyone who sees the KPI is told its value is
   * stale; `checkInAt` names where this viewer may check it in (null: they may not, so no action is shown).
   */
  checkInDue: z
    .object({
      dueSince: z.string(),
      /** "Check-in due" to those who may check in, "Check-in overdue" to the others. */
      label: z.string(),
      words: z.string(),
      checkInAt: z.enum(['admin-page', 'project-settings']).nullable(),
    })
    .nullable(),
});
export type PanelKpi = z.infer<typeof PanelKpiSchema>;

export const HEALTH_STATUSES = ['on-track', 'at-risk', 'off-track', 'not-started', 'unknown'] as const;

/** One thing health judges against the calendar, with the sentence that says how. */
export const HealthSignalSchema = z.object({
  name: z.string(),
  label: z.string(),
  status: z.enum(['on-track', 'at-risk', 'off-track']),
  reason: z.string(),
});

/**
 * The delivery forecast in brief, as the project page's row and the issue panel's card show it: the likely
 * date, the 85% date and the chance of finishing by the due date; or, when there is no forecast (all done,
 * too little history), the words that say so instead of a number.
 */
export const DeliveryForecastBriefSchema = z.object({
  kind: z.enum(['done', 'not-enough-history', 'forecast']),
  /** As likely before as after (the median of the simulated futures); null beyond the horizon or without a forecast. */
  likely: z.string().nullable(),
  /** Done by then in 85 of 100 simulated futures; null beyond the horizon or without a forecast. */
  safe: z.string().nullable(),
  /** Share of the simulated futures done by the due date; null without a due date or a forecast. */
  chanceByDue: z.number().nullable(),
  /** What to show instead of the numbers when there are none, and the forecast's sentence when there are. */
  headline: z.string(),
});
export type DeliveryForecastBrief = z.infer<typeof DeliveryForecastBriefSchema>;

/** Delivery and health of an outcome, with the sentence that explains them. */
export const OutcomePulseSchema = z.object({
  /** Counted tickets (stories, tasks, bugs; subtasks if the outcome counts them) and how many are done. */
  linkedTickets: z.number().int(),
  doneTickets: z.number().int(),
  /** How delivery is measured, and done of total in that unit (tickets, story points or weight). */
  method: z.enum(ROLLUP_METHODS),
  deliveryDone: z.number(),
  deliveryTotal: z.number(),
  /** Share of the outcome's work that is done, by its rollup method; null with no linked work. */
  deliveryRatio: z.number().nullable(),
  timeElapsed: z.number().nullable(),
  health: z.enum(HEALTH_STATUSES),
  healthSignals: z.array(HealthSignalSchema),
  outputWithoutOutcome: z.boolean(),
  explanation: z.string(),
  /** Which tickets the figures count, in the words of the rule (the project page's delivery says the same). */
  countingRule: z.string(),
  /** When the work left is likely done, at the outcome's own pace (the project page shows the same). */
  forecast: DeliveryForecastBriefSchema,
});
export type OutcomePulse = z.infer<typeof OutcomePulseSchema>;

export const RiceInputSchema = z.strictObject({
  reach: z
    .number()
    .min(0, 'RICE reach cannot be negative.')
    .max(1e9, 'Keep RICE reach to a billion people or fewer.'),
  impact: z.union([z.literal(0.25), z.literal(0.5), z.literal(1), z.literal(2), z.literal(3)], {
    error: 'Choose a RICE impact of 0.25, 0.5, 1, 2 or 3.',
  }),
  confidence: z
    .number()
    .min(0, 'RICE confidence is a percentage: give 0 to 100.')
    .max(100, 'RICE confidence is a percentage: give 0 to 100.'),
  effort: z
    .number()
    .positive('RICE effort must be more than zero person-months.')
    .max(1e6, 'Keep RICE effort to a million person-months or fewer.'),
});

export const PanelLinkSchema = z.object({
  outcomeId: z.string(),
  /** `own`: linked on this ticket; `mapped`: an admin's rule linked it; `inherited`: from the parent chain. */
  source: z.enum(['own', 'mapped', 'inherited']),
  inheritedFrom: z.string().nullable(),
  /**
   * For an own link: how the ticket would serve the outcome without it (a rule, or the parent it
   * inherits from), so the panel can say so; null when the own link is the only way it serves it.
   */
  alsoFrom: z
    .object({ source: z.enum(['mapped', 'inherited']), inheritedFrom: z.string().nullable() })
    .nullable(),
  /** Null when the outcome was deleted after the ticket was linked. */
  outcome: OutcomeCardSchema.extend({
    decides: z.array(UserRefSchema),
    pulse: OutcomePulseSchema,
    kpis: z.array(KpiSummarySchema),
  }).nullable(),
  /** The KPIs this ticket should move. */
  kpis: z.array(PanelKpiSchema),
  note: z.string(),
  rice: RiceInputSchema.nullable(),
  riceScore: z.number().nullable(),
});
export type PanelLink = z.infer<typeof PanelLinkSchema>;

export const PanelViewSchema = z.object({
  issue: z.object({
    key: z.string(),
    summary: z.string(),
    projectKey: z.string(),
    parentKey: z.string().nullable(),
  }),
  canEdit: z.boolean(),
  optOutOfInheritance: z.boolean(),
  links: z.array(PanelLinkSchema),
  /** Outcomes a person took off this ticket that a rule or the parent would bring; they can be restored. */
  removed: z.array(z.object({ outcomeId: z.string(), title: z.string().nullable() })),
});
export type PanelView = z.infer<typeof PanelViewSchema>;

const IssueInput = z.object({ issueKey: IssueKeySchema });
const LinkDetails = {
  outcomeId: OutcomeIdSchema,
  kpiIds: z.array(KpiIdSchema).max(MAX_KPIS_PER_LINK).default([]),
  note: plainText()
    .max(LINK_NOTE.max, `Keep the note to one line (${LINK_NOTE.max} characters).`)
    .default(''),
  rice: RiceInputSchema.nullable().default(null),
};

/** Resolver keys of the issue side panel, each with its input and output schema. */
export const issuePanelContract = {
  'panel/load': { input: IssueInput.strict(), output: PanelViewSchema },
  'links/candidates': {
    input: IssueInput.extend({
      query: z
        .string()
        .trim()
        .max(SEARCH_TEXT.max, `Keep the search text to ${SEARCH_TEXT.max} characters or fewer.`)
        .default(''),
    }).strict(),
    output: z.object({ outcomes: z.array(OutcomeCardSchema.extend({ kpis: z.array(KpiSummarySchema) })) }),
  },
  'links/add': { input: IssueInput.extend(LinkDetails).strict(), output: PanelViewSchema },
  'links/update': { input: IssueInput.extend(LinkDetails).strict(), output: PanelViewSchema },
  'links/remove': {
    input: IssueInput.extend({ outcomeId: OutcomeIdSchema }).strict(),
    output: PanelViewSchema,
  },
  'links/restore': {
    input: IssueInput.extend({ outcomeId: OutcomeIdSchema }).strict(),
    output: PanelViewSchema,
  },
  'links/inheritance': {
    input: IssueInput.extend({ optOut: z.boolean() }).strict(),
    output: PanelViewSchema,
  },
} as const;
export type IssuePanelContract = typeof issuePanelContract;
