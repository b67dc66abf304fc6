/**
 * Custom entity attributes cannot hold null: an unset value is an absent attribute. These two
 * helpers are the only translation between the app's nulls and the store's absences.
 */
export function withoutNulls<T extends object>(record: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}

export const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
