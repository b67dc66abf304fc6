// Date handling. The emulated site runs in UTC, so every user's "today" is the UTC day.

export const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Jira's datetime format, e.g. 2024-01-20T15:58:12.797+0000. */
export function formatJiraDateTime(iso: string): string {
  const d = new Date(iso);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Accepts a strict YYYY-MM-DD calendar date; returns its UTC midnight or null. */
export function parseIsoDate(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return formatDate(ms) === value ? ms : null;
}

/** Absolute date forms JQL accepts: yyyy-MM-dd, yyyy/MM/dd, each optionally followed by HH:mm. */
export function parseJqlAbsoluteDate(value: string): number | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  return new Date(ms).getUTCDate() === day ? ms : null;
}

const PERIOD_UNIT_MS: Record<string, number> = { w: 7 * DAY_MS, d: DAY_MS, h: 3_600_000, m: 60_000 };

/** A JQL period such as '-5d', '4w 2d' or '-1h'; returns milliseconds or null. */
export function parseJqlPeriod(value: string): number | null {
  const m = /^([-+]?)\s*((?:\d+\s*[wdhm]\s*)+)$/.exec(value.trim());
  if (!m) return null;
  let total = 0;
  for (const part of (m[2] ?? '').matchAll(/(\d+)\s*([wdhm])/g)) {
    total += Number(part[1]) * (PERIOD_UNIT_MS[part[2] ?? ''] ?? 0);
  }
  return m[1] === '-' ? -total : total;
}

export type CalendarUnit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm';

/** Adds an amount of calendar units to an instant (months and years follow the calendar). */
export function addCalendar(ms: number, amount: number, unit: CalendarUnit): number {
  const d = new Date(ms);
  switch (unit) {
    case 'y':
      d.setUTCFullYear(d.getUTCFullYear() + amount);
      return d.getTime();
    case 'M':
      d.setUTCMonth(d.getUTCMonth() + amount);
      return d.getTime();
    case 'w':
      return ms + amount * 7 * DAY_MS;
    case 'd':
      return ms + amount * DAY_MS;
    case 'h':
      return ms + amount * 3_600_000;
    case 'm':
      return ms + amount * 60_000;
  }
}
