/**
 * PostgreSQL values (as the server's text, so no precision is lost) in the Data API's two result
 * forms: `Field` unions for `records`, and plain JSON values for `formattedRecords`. Integers are
 * longs (or strings with longReturnType STRING), numeric is a string (or a double/long with
 * decimalReturnType DOUBLE_OR_LONG), timestamptz is UTC without a zone suffix, bytea is base64,
 * arrays are nested, json/jsonb and everything else stay strings, as Aurora renders them.
 */
import { OID, type TypeCatalog } from './pg-types.ts';
import { JsonNumber, type WireObject, type WireValue } from './wire-json.ts';

export interface ResultSetOptions {
  readonly decimalReturnType: 'STRING' | 'DOUBLE_OR_LONG';
  readonly longReturnType: 'LONG' | 'STRING';
}

type Kind = 'long' | 'double' | 'decimal' | 'bool' | 'bytea' | 'timestamptz' | 'text';

const kinds = new Map<number, Kind>([
  [OID.int2, 'long'],
  [OID.int4, 'long'],
  [OID.int8, 'long'],
  [OID.oid, 'long'],
  [OID.float4, 'double'],
  [OID.float8, 'double'],
  [OID.numeric, 'decimal'],
  [OID.bool, 'bool'],
  [OID.bytea, 'bytea'],
  [OID.timestamptz, 'timestamptz'],
]);

const TIMESTAMPTZ = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?( BC)?$/;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-03-14 15:09:26.123456+00` → `2026-03-14 15:09:26.123456`, converting other offsets to UTC. */
export function utcTimestamp(text: string): string {
  const m = TIMESTAMPTZ.exec(text);
  if (m === null) return text; // infinity, -infinity
  const [, y, mo, d, h, mi, s, fraction = '', sign, oh, om = '0', os = '0', bc = ''] = m as unknown as string[];
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os));
  if (offset === 0 || bc !== '') return `${y}-${mo}-${d} ${h}:${mi}:${s}${fraction}${bc}`;
  const at = new Date(0);
  at.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  at.setUTCHours(Number(h), Number(mi), Number(s) - offset, 0);
  const date = `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  return `${date} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}${fraction}`;
}

/** bytea in the server's hex output (`\x0a0b`) as base64. */
const base64OfBytea = (text: string) =>
  (text.startsWith('\\x') ? Buffer.from(text.slice(2), 'hex') : Buffer.from(text, 'latin1')).toString('base64');

export type ArrayLiteral = Array<string | null | ArrayLiteral>;

/** Parses PostgreSQL's array output (`{1,NULL,"a \"b\""}`, nested, with optional `[1:2]=` bounds). */
export function parseArrayLiteral(text: string): ArrayLiteral {
  let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
  const parse = (): ArrayLiteral => {
    const out: ArrayLiteral = [];
    i++; // {
    while (i < text.length && text[i] !== '}') {
      if (text[i] === '{') out.push(parse());
      else if (text[i] === '"') {
        let value = '';
        for (i++; i < text.length && text[i] !== '"'; i++) value += text[i] === '\\' ? (text[++i] ?? '') : text[i];
        i++;
        out.push(value);
      } else {
        let end = i;
        while (end < text.length && text[end] !== ',' && text[end] !== '}') end++;
        const raw = text.slice(i, end).trim();
        out.push(raw.toUpperCase() === 'NULL' ? null : raw);
        i = end;
      }
      if (text[i] === ',') i++;
    }
    i++; // }
    return out;
  };
  return parse();
}

function kindOf(catalog: TypeCatalog, oid: number): Kind {
  return kinds.get(catalog.resolve(oid).oid) ?? 'text';
}

const isIntegral = (text: string) => /^-?\d+$/.test(text);

/** A scalar's JSON value: what formattedRecords holds, and the payload of its Field. */
function scalar(text: string, kind: Kind, options: ResultSetOptions): WireValue {
  switch (kind) {
    case 'long':
      return options.longReturnType === 'STRING' ? text : new JsonNumber(text);
    case 'double':
      return new JsonNumber(text);
    case 'decimal':
      return options.decimalReturnType === 'STRING' ? text : new JsonNumber(text);
    case 'bool':
      return text === 't';
    case 'bytea':
      return base64OfBytea(text);
    case 'timestamptz':
      return utcTimestamp(text);
    case 'text':
      return text;
  }
}

function fieldMember(text: string, kind: Kind, options: ResultSetOptions): string {
  switch (kind) {
    case 'long':
      return options.longReturnType === 'STRING' ? 'stringValue' : 'longValue';
    case 'decimal':
      if (options.decimalReturnType === 'STRING') return 'stringValue';
      return isIntegral(text) ? 'longValue' : 'doubleValue';
    case 'double':
      return 'doubleValue';
    case 'bool':
      return 'booleanValue';
    case 'bytea':
      return 'blobValue';
    default:
      return 'stringValue';
  }
}

function arrayMember(kind: Kind, options: ResultSetOptions): string {
  switch (kind) {
    case 'long':
      return options.longReturnType === 'STRING' ? 'stringValues' : 'longValues';
    case 'decimal':
      return options.decimalReturnType === 'STRING' ? 'stringValues' : 'doubleValues';
    case 'double':
      return 'doubleValues';
    case 'bool':
      return 'booleanValues';
    default:
      return 'stringValues';
  }
}

function arrayValue(items: ArrayLiteral, kind: Kind, options: ResultSetOptions): WireObject {
  if (items.some((item) => Array.isArray(item))) {
    return { arrayValues: items.map((item) => arrayValue(Array.isArray(item) ? item : [], kind, options)) };
  }
  const values = items.map((item) => (item === null ? null : scalar(item as string, kind, options)));
  return { [arrayMember(kind, options)]: values };
}

/** One column value as a Data API `Field`. */
export function toField(text: string | null, oid: number, catalog: TypeCatalog, options: ResultSetOptions): WireObject {
  if (text === null) return { isNull: true };
  if (catalog.isArray(oid)) {
    const elem = catalog.resolve(oid).elem;
    return { arrayValue: arrayValue(parseArrayLiteral(text), kindOf(catalog, elem), options) };
  }
  const kind = kindOf(catalog, oid);
  return { [fieldMember(text, kind, options)]: scalar(text, kind, options) };
}

function jsonArray(items: ArrayLiteral, kind: Kind, options: ResultSetOptions): WireValue[] {
  return items.map((item) =>
    item === null ? null : Array.isArray(item) ? jsonArray(item, kind, options) : scalar(item, kind, options),
  );
}

/** One column value as formattedRecords holds it: native JSON types, json columns as strings. */
export function toJsonValue(
  text: string | null,
  oid: number,
  catalog: TypeCatalog,
  options: ResultSetOptions,
): WireValue {
  if (text === null) return null;
  if (catalog.isArray(oid)) {
    return jsonArray(parseArrayLiteral(text), kindOf(catalog, catalog.resolve(oid).elem), options);
  }
  return scalar(text, kindOf(catalog, oid), options);
}
