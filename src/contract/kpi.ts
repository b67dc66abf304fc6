import { z } from 'zod';
import {
  CHECK_IN_CADENCES,
  CHECK_IN_NOTE,
  CONFIDENCE_LEVELS,
  KPI_CUSTOM_UNIT,
  KPI_DESCRIPTION,
  KPI_DIRECTIONS,
  KPI_KINDS,
  KPI_NAME,
  KPI_UNITS,
  SMART_LETTERS,
} from './limits';
import { IsoDateSchema, jqlText, OutcomeIdSchema, plainText, UserRefSchema } from './primitives';

export const KpiIdSchema = z
  .string()
  .trim()
  .regex(/^k-[a-z0-9]{6,32}$/, 'Pick a KPI the app listed; that is not a KPI id.');

const Jql = jqlText('Write a JQL query.');

/** Where a KPI's value comes from: people checking in, or Jira counting. */
export const KpiSourceSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('manual') }),
  z.strictObject({ type: z.literal('jql-count'), jql: Jql }),
  z.strictObject({ type: z.literal('jql-ratio'), numeratorJql: Jql, denominatorJql: Jql }),
]);
export type KpiSource = z.infer<typeof KpiSourceSchema>;

/** KPI values: ordinary numbers of a size any currency or count reaches, and no larger. */
const finite = z
  .number()
  .min(-1e15, 'Use a value no larger than 1,000,000,000,000,000 either way.')
  .max(1e15, 'Use a value no larger than 1,000,000,000,000,000 either way.');

/** What an admin submits for a KPI. Shape only: the SMART rules live in src/domain/smart.ts. */
export const KpiDraftSchema = z.strictObject({
  outcomeId: OutcomeIdSchema,
  name: plainText().max(KPI_NAME.max, `Keep the name to ${KPI_NAME.max} characters or fewer.`),
  description: plainText().max(
    KPI_DESCRIPTION.max,
    `Keep the description under ${KPI_DESCRIPTION.max} characters.`,
  ),
  kind: z.enum(KPI_KINDS),
  unit: z.enum(KPI_UNITS).nullable(),
  customUnit: plainText()
    .max(KPI_CUSTOM_UNIT.max, `Keep the custom unit to ${KPI_CUSTOM_UNIT.max} characters or fewer.`)
    .default(''),
  direction: z.enum(KPI_DIRECTIONS),
  baseline: finite.nullable(),
  target: finite.nullable(),
  /** For `maintain`: the band the value must stay within. */
  bandMin: finite.nullable().default(null),
  bandMax: finite.nullable().default(null),
  dueDate: IsoDateSchema.nullable(),
  pairedKpiId: KpiIdSchema.nullable().default(null),
  source: KpiSourceSchema.default({ type: 'manual' }),
  /** Left out, a new KPI expects a weekly check-in and an edited one keeps its cadence. */
  cadence: z.enum(CHECK_IN_CADENCES, { message: 'Choose how often the KPI needs a check-in.' }).optional(),
});
export type KpiDraft = z.output<typeof KpiDraftSchema>;
export type KpiDraftInput = z.input<typeof KpiDraftSchema>;

export const SmartFindingSchema = z.object({
  letter: z.enum(SMART_LETTERS),
  /** The draft field the finding is about (`name`, `target`, …), so the form can show it there. */
  field: z.string().optional(),
  message: z.string(),
});
export type SmartFinding = z.infer<typeof SmartFindingSchema>;

/** A technical value said in business terms, with the arithmetic that got there. */
export const TranslationSchema = z.object({ sentence: z.string(), arithmetic: z.string() });
export type Translation = z.infer<typeof TranslationSchema>;

export const KpiProgressSchema = z.object({
  /** (current − baseline) / (target − baseline), clamped to 0..1; 1 inside the band for `maintain`; null with no value yet. */
  ratio: z.number().min(0).max(1).nullable(),
  /** A maintain KPI's value against its band, and how far outside it (0 inside); null without a value or band. */
  band: z.object({ side: z.enum(['inside', 'below', 'above']), by: z.number() }).nullable(),
  /** "From 42% to 35% by 30 Sep 2026; now 39%, 43% of the way." */
  words: z.string(),
});

export const KpiViewSchema = z.object({
  id: KpiIdSchema,
  outcomeId: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(KPI_KINDS),
  unit: z.enum(KPI_UNITS).nullable(),
  customUnit: z.string(),
  /** The unit as people read it: "% availability", "ms", or the custom label. */
  unitLabel: z.string(),
  direction: z.enum(KPI_DIRECTIONS),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  bandMin: z.number().nullable(),
  bandMax: z.number().nullable(),
  dueDate: z.string().nullable(),
  pairedKpiId: z.string().nullable(),
  /**
   * Pairing is many to one: a technical KPI's partner is the business KPI it moves (its `pairedKpiId`); a
   * business KPI's partners are every technical KPI that names it.
   */
  partners: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(KPI_KINDS) })),
  source: KpiSourceSchema,
  cadence: z.enum(CHECK_IN_CADENCES),
  /** Set when the KPI's value is older than its cadence: since when, in words. */
  checkInDue: z.object({ dueSince: z.string(), words: z.string() }).nullable(),
  current: z.number().nullable(),
  currentAt: z.string().nullable(),
  currentConfidence: z.enum(CONFIDENCE_LEVELS).nullable(),
  /** Saved despite failing SMART: shown as a draft until fixed. */
  isDraft: z.boolean(),
  smart: z.array(SmartFindingSchema),
  /** SMART warnings that never make a draft: a target beyond the pace the KPI's own history shows. */
  warnings: z.array(SmartFindingSchema),
  /** The first and latest values that stand in its history (withdrawn check-ins left out), for that pace. */
  historyEnds: z.array(z.object({ value: z.number(), at: z.string() })).max(2),
  progress: KpiProgressSchema,
  /** Business translations of the current and target values (technical KPIs with a known unit only). */
  translation: z.object({ current: TranslationSchema.nullable(), target: TranslationSchema.nullable() }),
  lastRefresh: z.object({ at: z.string(), error: z.string().nullable() }).nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: UserRefSchema.nullable(),
});
export type KpiView = z.infer<typeof KpiViewSchema>;

export const CheckInDraftSchema = z.strictObject({
  kpiId: KpiIdSchema,
  value: finite,
  confidence: z.enum(CONFIDENCE_LEVELS),
  note: plainText()
    .max(CHECK_IN_NOTE.max, `Keep the note to one line (${CHECK_IN_NOTE.max} characters).`)
    .default(''),
});

/** A check-in's id: its KPI, the moment it was made, and a suffix (`k-3f2a1b0c9d:2026-06-15T09:00:00.000Z:a1b2c3`). */
export const CheckInIdSchema = z
  .string()
  .trim()
  .max(80, 'That is not a check-in id.')
  .regex(/^k-[a-z0-9]{6,32}:\d{4}-\d{2}-\d{2}T[0-9:.]{5,12}Z:[a-z0-9]{1,16}$/, 'That is not a check-in id.');

const CheckInReason = z
  .string()
  .trim()
  .max(CHECK_IN_NOTE.max, `Keep the reason to one line (${CHECK_IN_NOTE.max} characters).`)
  .default('');

/** Corrects a check-in's value, confidence or note; the history keeps what it said before, by whom and why. */
export const CheckInCorrectionSchema = z.object({
  id: CheckInIdSchema,
  /** The revision the user saw; a check-in changed since is not overwritten. */
  expectedRevision: z.number().int().min(0),
  value: finite,
  confidence: z.enum(CONFIDENCE_LEVELS),
  note: CheckInDraftSchema.shape.note,
  reason: CheckInReason,
});

/** Withdraws a check-in: it stays in the history, marked, and no longer counts as the KPI's value. */
export const CheckInWithdrawalSchema = z.object({
  id: CheckInIdSchema,
  expectedRevision: z.number().int().min(0),
  reason: CheckInReason,
});

const CheckInValueSchema = z.object({
  value: z.number(),
  confidence: z.enum(CONFIDENCE_LEVELS),
  note: z.string(),
});

export const CheckInViewSchema = z.object({
  id: z.string(),
  kpiId: z.string(),
  value: z.number(),
  confidence: z.enum(CONFIDENCE_LEVELS),
  note: z.string(),
  /** Null when the app recorded it (a JQL refresh). */
  author: UserRefSchema.nullable(),
  source: z.enum(['manual', 'jql']),
  at: z.string(),
  /** What a correction or withdrawal must name, so a change made meanwhile is never lost. */
  revision: z.number().int(),
  /** Withdrawn check-ins stay in the history, marked; they are not the KPI's value any more. */
  withdrawn: z.object({ at: z.string(), by: UserRefSchema, reason: z.string() }).nullable(),
  /** Every correction and withdrawal, oldest first: who, when, what it said before and after, and why. */
  changes: z.array(
    z.object({
      action: z.enum(['corrected', 'withdrawn']),
      at: z.string(),
      by: UserRefSchema,
      before: CheckInValueSchema,
      after: CheckInValueSchema.nullable(),
      reason: z.string(),
    }),
  ),
  /** Whether the caller may correct or withdraw it: its author, or an admin of the outcome. */
  canChange: z.boolean(),
});
export type CheckInView = z.infer<typeof CheckInViewSchema>;
