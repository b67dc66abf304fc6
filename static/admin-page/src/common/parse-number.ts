/**
 * A number as people type it: spaces and thousands separators ("12,500") and a trailing "%" are
 * forgiven. '' is no number (null); anything else that is not a finite number is 'invalid'.
 */
export function parseNumber(text: string): number | null | 'invalid' {
  let t = text.trim().replace(/\s/g, '');
  if (t === '') return null;
  if (t.endsWith('%')) t = t.slice(0, -1);
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return 'invalid';
  const n = Number(t);
  return Number.isFinite(n) ? n : 'invalid';
}
