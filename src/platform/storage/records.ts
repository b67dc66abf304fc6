import { z } from 'zod';
import { AppError } from '../../domain/errors';

/**
 * The shape version every stored record carries in its `schemaVersion` attribute. A change of shape adds
 * a version and a reading of the older one here, beside the schema; until then there is only one.
 */
export const SCHEMA_VERSION = 1 as const;

/** A record's schema: its attributes, and the version of the shape it was written in. */
export const recordSchema = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ schemaVersion: z.literal(SCHEMA_VERSION), ...shape });

/** An attribute the store leaves out when it is null (custom entity attributes cannot hold null). */
export const absent = <T extends z.ZodType>(schema: T) => schema.optional();

/**
 * A stored record that does not match its schema: written past the app, or by a version that never
 * shipped. Nothing is read from it, and the message names the record and what is wrong with it.
 */
export class StoredRecordInvalid extends AppError {
  constructor(
    readonly entity: string,
    readonly key: string,
    problems: string,
  ) {
    super('INTERNAL', `The stored ${entity} “${key}” cannot be read (${problems}).`);
    this.name = 'StoredRecordInvalid';
  }
}

const described = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the record'}: ${issue.message}`)
    .join('; ');

/** Parses one stored record with its schema, or throws StoredRecordInvalid naming it. */
export function parseRecord<S extends z.ZodType>(
  schema: S,
  entity: string,
  key: string,
  value: unknown,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredRecordInvalid(entity, key, described(parsed.error));
  return parsed.data;
}
