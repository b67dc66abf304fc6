import { z } from 'zod';
import { CheckInIdSchema, KpiDraftSchema, KpiIdSchema } from './kpi';
import { CHECK_IN_NOTE, CONFIDENCE_LEVELS, TRANSFER_FORMAT, TRANSFER_FORMATS_READ } from './limits';
import { OutcomeDraftSchema } from './outcome';
import { AccountIdSchema, OutcomeIdSchema, plainText } from './primitives';
import { RuleDraftSchema, RuleIdSchema } from './rules';
import { SettingsDraftSchema } from './settings';

const moment = z.iso.datetime({ error: 'Keep the time as the export wrote it.' });
const finite = z.number().finite('Use a number.');
const said = {
  value: finite,
  confidence: z.enum(CONFIDENCE_LEVELS),
  note: plainText().max(CHECK_IN_NOTE.max, `Keep the note to one line (${CHECK_IN_NOTE.max} characters).`),
};

/**
 * Who said or changed a check-in, as the backup names them: unlike an outcome's owners these are not
 * looked up (they may have left the site since), so the id must at least have the shape of an Atlassian
 * account id (`557058:5b10…` or 24 letters and digits).
 */
const HistoryAccountIdSchema = AccountIdSchema.regex(
  /^(?:[A-Za-z0-9]+:[A-Za-z0-9-]+|[A-Za-z0-9]{24})$/,
  'Use the Jira account id the export wrote, such as 557058:5b10ac8d82e05b22cc7d4ef5.',
);

/** One check-in as the backup keeps it: what was said, by whom, and every correction or withdrawal since. */
export const CheckInRecordSchema = z.strictObject({
  id: CheckInIdSchema,
  ...said,
  authorId: HistoryAccountIdSchema.nullable(),
  source: z.enum(['manual', 'jql']),
  at: moment,
  revision: z.number().int().min(0),
  withdrawn: z
    .strictObject({ at: moment, by: HistoryAccountIdSchema, reason: plainText().max(CHECK_IN_NOTE.max) })
    .nullable()
    .default(null),
  changes: z
    .array(
      z.strictObject({
        action: z.enum(['corrected', 'withdrawn']),
        at: moment,
        by: HistoryAccountIdSchema,
        before: z.strictObject(said),
        after: z.strictObject(said).nullable(),
        reason: plainText().max(CHECK_IN_NOTE.max),
      }),
    )
    .max(200, 'A check-in keeps at most 200 changes.')
    .default([]),
});

/** A KPI with its current value and its whole history. */
const KpiRecordSchema = KpiDraftSchema.omit({ outcomeId: true }).extend({
  id: KpiIdSchema,
  current: z
    .strictObject({ ...said, at: moment })
    .omit({ note: true })
    .nullable()
    .default(null),
  checkIns: z
    .array(CheckInRecordSchema)
    .max(10_000, 'A KPI in a file holds at most 10,000 check-ins.')
    .default([]),
});

/**
 * The file admins export and import: a backup of the site's Outcome Bridge data. Every outcome with its
 * KPIs (their current values and full check-in history), the mapping rules and the settings. Ids keep
 * links, pairings and rules intact, so importing a file twice changes nothing the second time.
 */
export const TransferDocumentSchema = z.strictObject({
  format: z.enum(TRANSFER_FORMATS_READ, {
    error: `This is not an Outcome Bridge export (format must be "${TRANSFER_FORMAT}").`,
  }),
  exportedAt: z.iso.datetime({ error: 'Keep the export time as the export wrote it.' }),
  outcomes: z
    .array(OutcomeDraftSchema.extend({ id: OutcomeIdSchema, kpis: z.array(KpiRecordSchema).default([]) }))
    .max(500, 'Import at most 500 outcomes at a time.'),
  rules: z
    .array(RuleDraftSchema.extend({ id: RuleIdSchema }))
    .max(1000, 'Import at most 1,000 mapping rules at a time.')
    .default([]),
  /** Null: the file leaves the site's settings as they are. */
  settings: SettingsDraftSchema.nullable().default(null),
});
export type TransferDocument = z.output<typeof TransferDocumentSchema>;

const counts = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() });

/** What an import will do (the preview) or did: per kind of record, how many it creates, updates and leaves. */
export const ImportSummarySchema = z.object({
  outcomes: counts,
  kpis: counts,
  checkIns: counts,
  rules: counts,
  /** `kept`: the file has settings, but only Jira admins change them. */
  settings: z.enum(['create', 'update', 'unchanged', 'absent', 'kept']),
  /** The records it would change, by name, so the admin sees what they are about to overwrite. */
  changes: z
    .array(
      z.object({
        kind: z.enum(['outcome', 'KPI', 'check-in', 'rule', 'settings']),
        id: z.string(),
        name: z.string(),
        action: z.enum(['create', 'update']),
      }),
    )
    .max(200),
  warnings: z.array(z.string()),
  /** Names this exact plan: the import applies only the plan the admin saw. */
  token: z.string(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;
