import type { AppErrorBody, ErrorCode, FieldError } from '../contract/envelope';

/**
 * An error the user can act on. Thrown anywhere below a resolver and turned into the reply
 * envelope at the resolver boundary; anything else becomes a generic INTERNAL error.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly conflict?: AppErrorBody['conflict'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): AppErrorBody {
    return {
      code: this.code,
      message: this.message,
      fieldErrors: this.fieldErrors,
      ...(this.conflict ? { conflict: this.conflict } : {}),
    };
  }
}

export const validationFailed = (fieldErrors: FieldError[], message?: string) =>
  new AppError(
    'VALIDATION_FAILED',
    message ??
      (fieldErrors.length === 1
        ? (fieldErrors[0]?.message ?? 'Check the form.')
        : 'Some fields need attention.'),
    fieldErrors,
  );
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);

/** "2026-11-23 14:02 UTC": a moment every caller reads the same way (the UI adds the local time). */
const utcMoment = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Someone saved the record after the caller loaded it: say who and when, and lose nothing. */
export const changedMeanwhile = (
  thing: 'outcome' | 'KPI' | 'mapping rule',
  changedBy: { accountId: string; displayName: string | null },
  changedAt: string,
  currentVersion: number,
  attempted: 'edit' | 'delete' = 'edit',
) =>
  new AppError(
    'CONFLICT',
    `${changedBy.displayName ?? 'Someone else'} saved this ${thing} at ${utcMoment(changedAt)}, after you opened it. Reload to see their changes, then ${attempted === 'edit' ? 'apply yours again' : 'decide whether to delete it'}.`,
    [],
    { changedBy: changedBy.accountId, changedByName: changedBy.displayName, changedAt, currentVersion },
  );
