import { type CsvCell, toCsv } from './csv-text';
import { downloadText } from './download';

export type { CsvCell };

/**
 * Saves rows as a UTF-8 CSV file. The byte order mark lets Excel read names with accents and the “…”
 * of the app's sentences correctly; every other reader skips it.
 */
export function downloadCsv(fileName: string, rows: readonly (readonly CsvCell[])[]): void {
  downloadText(fileName, `\uFEFF${toCsv(rows)}`, 'text/csv;charset=utf-8');
}

/** A file-name-safe fragment of a title: lower case, letters and digits joined by dashes, at most 40. */
export function fileSlug(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'export';
}
