/**
 * Text and number formatting for the report. Everything is locale-independent so the same input
 * always renders the same bytes, and every string taken from the input goes through `esc`.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values (also inside inline SVG). */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/** A number with `digits` decimals; "—" for null/undefined, "n/a" for non-finite values. */
export function num(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return 'n/a';
  const fixed = value.toFixed(digits);
  return /^-0\.?0*$/.test(fixed) ? fixed.slice(1) : fixed;
}

/** An integer count with thin-space thousands separators, e.g. 21 000. */
export function count(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = (whole as string).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A share in [0, 1] as a percentage with `digits` decimals. */
export function percent(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '—';
  return `${num(value * 100, digits)}%`;
}

/** Seconds, with a unit, e.g. 3.90 s. */
export function seconds(value: number): string {
  return `${num(value, value < 10 ? 2 : 1)} s`;
}

/** Text shortened to at most `max` characters with an ellipsis (before escaping). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A JSON value as compact, readable text (strings without quotes). */
export function plain(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** A p-value with `digits` decimals, or "< 0.0001" style when it rounds to zero. */
export function pValue(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '—';
  const floor = 10 ** -digits;
  return value > 0 && value < floor ? `< ${num(floor, digits)}` : num(value, digits);
}
