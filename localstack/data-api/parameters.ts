/**
 * Binds Data API parameters the way Aurora PostgreSQL does: each `:name` becomes `$n` (a name used
 * twice binds the same `$n`) with the type Aurora gives the value: stringValue is varchar (so a
 * uuid or jsonb column needs a cast or a typeHint), longValue bigint, doubleValue float8,
 * booleanValue boolean, blobValue bytea, isNull an untyped NULL; a typeHint casts the string to
 * date, time, timestamp, numeric, uuid or json. Array parameters are refused, as Aurora does.
 */
import { badRequest } from './errors.ts';
import { findPlaceholders, replacePlaceholders } from './placeholders.ts';

export type TypeHint = 'DATE' | 'DECIMAL' | 'JSON' | 'TIME' | 'TIMESTAMP' | 'UUID';

export interface SqlParameter {
  readonly name: string;
  readonly value: Readonly<Record<string, unknown>>;
  readonly typeHint?: TypeHint;
}

export interface BoundStatement {
  readonly text: string;
  readonly values: Array<string | Buffer | null>;
}

const hintCasts: Record<TypeHint, string> = {
  DATE: 'date',
  DECIMAL: 'numeric',
  JSON: 'json',
  TIME: 'time',
  TIMESTAMP: 'timestamp',
  UUID: 'uuid',
};

/** The forms Aurora's typeHints accept (java.sql Date/Time/Timestamp.valueOf). */
const hintFormats: Partial<Record<TypeHint, { pattern: RegExp; form: string }>> = {
  DATE: { pattern: /^\d{4}-\d{1,2}-\d{1,2}$/, form: 'YYYY-MM-DD' },
  TIME: { pattern: /^\d{1,2}:\d{2}:\d{2}(\.\d{1,9})?$/, form: 'HH:MM:SS[.FFF]' },
  TIMESTAMP: { pattern: /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2}(\.\d{1,9})?$/, form: 'YYYY-MM-DD HH:MM:SS[.FFF]' },
};

interface Binding {
  readonly value: string | Buffer | null;
  /** The SQL type the placeholder is cast to; none for an untyped NULL. */
  readonly cast: string | null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function binding(parameter: SqlParameter): Binding {
  const { name, value, typeHint } = parameter;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
  const [member, raw] = entries.length === 1 ? (entries[0] as [string, unknown]) : [undefined, undefined];
  const hinted = typeHint === undefined ? null : hintCasts[typeHint];
  switch (member) {
    case 'isNull':
      if (raw !== true) break;
      return { value: null, cast: hinted };
    case 'stringValue': {
      if (typeof raw !== 'string') break;
      const format = typeHint === undefined ? undefined : hintFormats[typeHint];
      if (format !== undefined && !format.pattern.test(raw)) {
        throw badRequest(`Parameter ${name}: a ${typeHint} typeHint needs the form ${format.form}, not '${raw}'.`);
      }
      return { value: raw, cast: hinted ?? 'varchar' };
    }
    case 'longValue':
      if (!(typeof raw === 'number' && Number.isInteger(raw)) && !(typeof raw === 'string' && /^-?\d+$/.test(raw))) {
        break;
      }
      return { value: String(raw), cast: 'bigint' };
    case 'doubleValue':
      if (typeof raw !== 'number' && !(typeof raw === 'string' && /^(-?Infinity|NaN)$/.test(raw))) break;
      return { value: String(raw), cast: 'float8' };
    case 'booleanValue':
      if (typeof raw !== 'boolean') break;
      return { value: String(raw), cast: 'boolean' };
    case 'blobValue':
      if (typeof raw !== 'string' || !BASE64.test(raw)) break;
      return { value: Buffer.from(raw, 'base64'), cast: 'bytea' };
    case 'arrayValue':
      throw badRequest(`Parameter ${name}: array parameters are not supported.`);
  }
  throw badRequest(
    `Parameter ${name} must have exactly one value of stringValue, longValue, doubleValue, booleanValue, blobValue or isNull: true.`,
  );
}

/** The statement with `$n` placeholders and the values to bind; unused parameters are ignored. */
export function bindStatement(sql: string, parameters: readonly SqlParameter[]): BoundStatement {
  const placeholders = findPlaceholders(sql);
  if (placeholders.length === 0) return { text: sql, values: [] };
  const byName = new Map(parameters.map((p) => [p.name, p]));
  const numbers = new Map<string, string>();
  const values: Array<string | Buffer | null> = [];
  const text = replacePlaceholders(sql, placeholders, (name) => {
    const known = numbers.get(name);
    if (known !== undefined) return known;
    const parameter = byName.get(name);
    if (parameter === undefined) throw badRequest(`No value specified for parameter: ${name}`);
    const bound = binding(parameter);
    values.push(bound.value);
    const placeholder = bound.cast === null ? `$${values.length}` : `$${values.length}::${bound.cast}`;
    numbers.set(name, placeholder);
    return placeholder;
  });
  return { text, values };
}
