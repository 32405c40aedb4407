/**
 * JSON text for the wire with exact numbers: PostgreSQL's own digits (a bigint beyond 2^53, a
 * numeric with many places) go out as written instead of through a JavaScript double. Node 20 has
 * no `JSON.rawJSON`, hence this small writer.
 */

/** A number kept as PostgreSQL's text; must already be a valid JSON number or NaN/Infinity. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type WireValue = null | boolean | number | string | JsonNumber | readonly WireValue[] | WireObject;
export interface WireObject {
  readonly [key: string]: WireValue | undefined;
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Smithy's JSON codec reads doubles that JSON cannot spell as these strings. */
function numberText(text: string): string {
  if (JSON_NUMBER.test(text)) return text;
  if (/^nan$/i.test(text)) return '"NaN"';
  if (/^\+?inf(inity)?$/i.test(text)) return '"Infinity"';
  if (/^-inf(inity)?$/i.test(text)) return '"-Infinity"';
  const n = Number(text);
  if (Number.isFinite(n)) return JSON.stringify(n);
  throw new TypeError(`not a number: ${text}`);
}

export function writeJson(value: WireValue): string {
  if (value === null) return 'null';
  if (value instanceof JsonNumber) return numberText(value.text);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : numberText(String(value));
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v: WireValue) => writeJson(v)).join(',')}]`;
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value as WireObject)) {
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${writeJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}
