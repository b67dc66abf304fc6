import { z } from 'zod';
import { KpiDraftSchema, KpiIdSchema } from './kpi';
import { TRANSFER_FORMAT } from './limits';
import { OutcomeDraftSchema } from './outcome';
import { OutcomeIdSchema } from './primitives';

/** The file admins export and import: every outcome with its KPIs. Ids keep links and pairings intact. */
export const TransferDocumentSchema = z.strictObject({
  format: z.literal(
    TRANSFER_FORMAT,
    `This is not an Outcome Bridge export (format must be "${TRANSFER_FORMAT}").`,
  ),
  exportedAt: z.iso.datetime({ error: 'Keep the export time as the export wrote it.' }),
  outcomes: z
    .array(
      OutcomeDraftSchema.extend({
        id: OutcomeIdSchema,
        kpis: z.array(KpiDraftSchema.omit({ outcomeId: true }).extend({ id: KpiIdSchema })).default([]),
      }),
    )
    .max(500, 'Import at most 500 outcomes at a time.'),
});
export type TransferDocument = z.output<typeof TransferDocumentSchema>;
