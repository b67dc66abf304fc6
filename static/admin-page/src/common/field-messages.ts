import type { FieldError } from '@contract/envelope';

/** A form's messages, each shown under its field. */
export type Messages<Field extends string> = Partial<Record<Field, string>>;

/**
 * Splits the server's field errors into messages under fields (`fieldOf` maps a request path such as
 * `draft.jql` to the field that shows it, or null) and the rest, so every message is shown somewhere.
 * Two messages for one field are joined.
 */
export function placeErrors<Field extends string>(
  errors: readonly FieldError[],
  fieldOf: (path: string) => Field | null | undefined,
): { byField: Messages<Field>; other: string[] } {
  const byField: Messages<Field> = {};
  const other: string[] = [];
  for (const { path, message } of errors) {
    const field = fieldOf(path);
    if (field === null || field === undefined) other.push(message);
    else
      byField[field] =
        byField[field] && byField[field] !== message ? `${byField[field]} ${message}` : message;
  }
  return { byField, other };
}

/** The messages without those of `fields` (the same object when none of them has one), as the user edits them. */
export function withoutMessages<Field extends string>(
  messages: Messages<Field>,
  fields: readonly Field[],
): Messages<Field> {
  if (fields.every((field) => messages[field] === undefined)) return messages;
  const next = { ...messages };
  for (const field of fields) delete next[field];
  return next;
}
