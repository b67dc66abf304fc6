// The CSV text itself, apart from saving it: plain code that a test can run outside a browser.

/** A CSV cell: text, a number, or empty. */
export type CsvCell = string | number | null;

/**
 * Text a spreadsheet would read as a formula (or, for tab and carriage return, that can smuggle one past
 * a first-character check). Such cells get a leading apostrophe, which spreadsheets show as plain text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text that starts like a formula is defused; numbers are written as numbers (a number is never a formula).
 */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to RFC 4180 text: cells separated by commas, every record ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
