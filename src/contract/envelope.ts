import { z } from 'zod';

/**
 * Every resolver answers with this envelope, so a front end never has to guess what went wrong:
 * either the data, or one typed error with a message a user can act on and, for bad input,
 * the fields it concerns.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'JIRA_UNAVAILABLE',
  'INTERNAL',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const FieldErrorSchema = z.object({
  /** Dotted path of the offending field in the request payload, e.g. `draft.dueDate`. */
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const AppErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  fieldErrors: z.array(FieldErrorSchema),
  /** Present on RATE_LIMITED when Jira said: seconds until a retry can succeed. */
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** Present on CONFLICT: who changed the record and when, so the UI can say so. */
  conflict: z
    .object({
      changedBy: z.string().nullable(),
      changedByName: z.string().nullable(),
      changedAt: z.string().nullable(),
      currentVersion: z.number(),
    })
    .optional(),
});
export type AppErrorBody = z.infer<typeof AppErrorBodySchema>;

export type Reply<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };
