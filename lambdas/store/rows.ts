/**
 * Conversions between Data API values and document fields: timestamps (UTC without a zone suffix
 * on the wire, ISO 8601 with Z in documents), jsonb (a JSON string on the wire) and counters.
 */

/** `2026-11-27 02:47:52.123456` (UTC) → `2026-11-27T02:47:52.123Z`. */
export function isoTimestamp(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`expected a timestamp, got ${JSON.stringify(value)}`);
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?/.exec(value);
  if (match === null) throw new TypeError(`unreadable timestamp ${JSON.stringify(value)}`);
  const millis = (match[3] ?? '').padEnd(3, '0').slice(0, 3);
  return `${match[1]}T${match[2]}.${millis}Z`;
}

/** A jsonb column: the Data API renders it as a JSON string. */
export function jsonColumn<T = unknown>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** An integer column (bigint counters arrive as numbers below 2^53). */
export function intColumn(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new TypeError(`expected an integer, got ${value}`);
  return n;
}

export const text = (value: unknown): string => {
  if (typeof value !== 'string') throw new TypeError(`expected text, got ${JSON.stringify(value)}`);
  return value;
};
