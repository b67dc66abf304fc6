/**
 * Limits and value lists shared by the schemas and the front ends. Plain constants, no zod,
 * so a Custom UI app can import them without shipping the schema library.
 */
export const OUTCOME_TITLE = { min: 3, max: 120 } as const;
export const OUTCOME_STATEMENT = { min: 10, max: 1000 } as const;
export const MAX_PROJECTS_PER_OUTCOME = 20;
export const MAX_PEOPLE_PER_ROLE = 10;

export const OUTCOME_STATES = ['active', 'achieved', 'dropped'] as const;
export type OutcomeState = (typeof OUTCOME_STATES)[number];

export const KPI_KINDS = ['business', 'technical'] as const;
export type KpiKind = (typeof KPI_KINDS)[number];

export const KPI_DIRECTIONS = ['increase', 'decrease', 'maintain'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/**
 * Units the app understands. The technical ones have a business translation (src/domain/translate.ts);
 * `custom` carries its own label and is shown raw, never with a made-up sentence.
 */
export const KPI_UNITS = [
  'percent',
  'count',
  'currency',
  'days',
  'hours',
  'minutes',
  'score',
  'availability-percent',
  'error-rate-percent',
  'latency-ms',
  'mttr-minutes',
  'deploys-per-week',
  'custom',
] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export const KPI_NAME = { min: 3, max: 80 } as const;
export const KPI_DESCRIPTION = { max: 500 } as const;
/** A description shorter than this cannot say what is measured and how (SMART's S). */
export const KPI_DESCRIPTION_MIN = 10;
export const CHECK_IN_NOTE = { max: 140 } as const;
export const KPI_CUSTOM_UNIT = { max: 30 } as const;
export const JQL_LENGTH = { max: 2000 } as const;
/** What every surface says when JQL is longer than that. */
export const JQL_TOO_LONG = `Keep the JQL under ${JQL_LENGTH.max.toLocaleString('en-US')} characters.`;
/** KPIs one link may name: a ticket's own link, a mapping rule's or a bulk link's. */
export const MAX_KPIS_PER_LINK = 10;
/** A link's one-line note: what the ticket does for the outcome. */
export const LINK_NOTE = { max: 140 } as const;
/** What a person types into the people and outcome pickers. */
export const SEARCH_TEXT = { max: 100 } as const;
/** Tickets one bulk link takes by key; more is a job for JQL. */
export const BULK_LINK_KEYS = { max: 1000 } as const;
/** An outcome's ticket list: tickets a page shows, and the most one request may ask for. */
export const TICKETS_PAGE = { size: 25, max: 100 } as const;
/** The weight of an issue type when delivery is weighted by type. */
export const ROLLUP_WEIGHT = { min: 0, max: 1000 } as const;
/** Two or three KPIs per outcome: more is allowed, with a warning. */
export const KPI_GUARDRAIL = { recommendedMin: 2, recommendedMax: 3 } as const;
export const SMART_LETTERS = ['S', 'M', 'A', 'R', 'T'] as const;

/**
 * The format tag of exported files (src/contract/transfer.ts): a full backup (outcomes, KPIs with their
 * values and check-in history, mapping rules, settings). Files of the first format (definitions only)
 * still import.
 */
export const TRANSFER_FORMAT = 'outcome-bridge/backup@2';
export const TRANSFER_FORMATS_READ = ['outcome-bridge/outcomes@1', TRANSFER_FORMAT] as const;

/** Background runs over many tickets: what they do, where they stand, and the phases they go through. */
export const RUN_KINDS = ['backfill', 'bulk-link', 'cleanup'] as const;
export const RUN_STATUSES = ['running', 'done', 'failed'] as const;
/** Unlinked tickets first, then linked ones, then stale rule links. */
export const RUN_PHASES = ['absent', 'present', 'stale'] as const;

export const ROLLUP_METHODS = ['count', 'points', 'weights'] as const;
export type RollupMethod = (typeof ROLLUP_METHODS)[number];

/** "Did shipping move the KPI?": the days compared before and after a release, as the admin may set them. */
export const RELEASE_WINDOW_DAYS = { min: 3, max: 90 } as const;
/** The share of Jira's hourly points quota background work may spend, in whole percent. */
export const BACKGROUND_SHARE_PERCENT = { min: 1, max: 100 } as const;
/** An hourly points quota an admin may state for when Jira does not announce one. */
export const HOURLY_QUOTA_POINTS = { min: 1_000, max: 10_000_000 } as const;

/**
 * How often a manual KPI expects a check-in. A KPI counted from Jira by JQL has none: the app refreshes it on
 * its schedule, and a person cannot check in a value the next refresh would replace.
 */
export const CHECK_IN_CADENCES = ['weekly', 'every-2-weeks', 'monthly', 'quarterly'] as const;
export type CheckInCadence = (typeof CHECK_IN_CADENCES)[number];
/** What a KPI written before cadences existed, or created without one, expects. */
export const DEFAULT_CADENCE: CheckInCadence = 'weekly';
/** Each cadence as the admin form's choice and the due line say it. */
export const CADENCE_WORDS: Record<CheckInCadence, string> = {
  weekly: 'weekly',
  'every-2-weeks': 'every 2 weeks',
  monthly: 'monthly',
  quarterly: 'quarterly',
};

/** The manifest's page modules where KPIs are checked in, for links from the other surfaces to them. */
export const CHECK_IN_MODULES = {
  'admin-page': 'outcome-bridge-admin-page',
  'project-settings': 'outcome-bridge-project-settings',
} as const;
/** The address, inside either of them, that opens a KPI's check-in form. */
export const checkInPath = (outcomeId: string, kpiId: string) => `/outcome/${outcomeId}/check-in/${kpiId}`;

/** What an owner or decider decides about an outcome at a review. */
export const DECISION_KINDS = ['continue', 'adjust-scope', 'change-target', 'stop'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const DECISION_WORDS: Record<DecisionKind, string> = {
  continue: 'Continue',
  'adjust-scope': 'Adjust scope',
  'change-target': 'Change the target',
  stop: 'Stop',
};
/** A decision's rationale: one line. */
export const DECISION_RATIONALE = { max: 200 } as const;
