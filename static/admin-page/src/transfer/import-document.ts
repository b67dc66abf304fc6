import { TRANSFER_FORMAT, TRANSFER_FORMATS_READ } from '@contract/limits';

export type ParsedImport =
  | { status: 'empty' }
  | { status: 'invalid'; message: string }
  | { status: 'parsed'; document: unknown; summary: string; warning: string | null };

/** "at position 42" → "line 3, column 5", so a hand-edited file's mistake is easy to find. */
function where(text: string, message: string): string {
  if (/line \d+/i.test(message)) return message;
  const position = /position (\d+)/i.exec(message)?.[1];
  if (position === undefined) return message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses an import file in the browser, so a broken file is reported at once, and says what it holds.
 * The server checks everything else and stays the authority.
 */
export function parseImport(text: string): ParsedImport {
  if (text.trim() === '') return { status: 'empty' };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'invalid', message: `This is not valid JSON: ${where(text, message)}` };
  }
  if (!isRecord(document) || !Array.isArray(document.outcomes)) {
    return {
      status: 'parsed',
      document,
      summary: 'The file is JSON, but not an Outcome Bridge export: it has no list of outcomes.',
      warning: `Export from Outcome Bridge to get a file in the right shape (format "${TRANSFER_FORMAT}").`,
    };
  }
  const outcomes = document.outcomes;
  const kpis = outcomes.reduce<number>(
    (n, o) => n + (isRecord(o) && Array.isArray(o.kpis) ? o.kpis.length : 0),
    0,
  );
  return {
    status: 'parsed',
    document,
    summary: `The file holds ${outcomes.length} ${outcomes.length === 1 ? 'outcome' : 'outcomes'} with ${kpis} ${kpis === 1 ? 'KPI' : 'KPIs'}.`,
    warning: TRANSFER_FORMATS_READ.some((f) => f === document.format)
      ? null
      : `Its format is ${JSON.stringify(document.format ?? null)}, not "${TRANSFER_FORMAT}"; the import will refuse it.`,
  };
}
