/**
 * What the emulator knows about PostgreSQL types: names, array element types, enums and domains
 * (read from pg_type once per OID and database), and the JDBC view Aurora reports in column
 * metadata (java.sql.Types codes, precision, scale, signedness), following pgJDBC's TypeInfoCache.
 */
import type { PoolClient } from 'pg';

export const OID = {
  bool: 16,
  bytea: 17,
  char: 18,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  float4: 700,
  float8: 701,
  money: 790,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  timetz: 1266,
  bit: 1560,
  varbit: 1562,
  numeric: 1700,
} as const;

export interface PgType {
  readonly oid: number;
  readonly name: string;
  /** The element type of an array type; 0 otherwise. */
  readonly elem: number;
  /** b base, e enum, d domain, c composite, r range, m multirange, p pseudo. */
  readonly kind: string;
  /** The type a domain is over; 0 otherwise. */
  readonly base: number;
  /** pg_type.typcategory: A array, N numeric, S string, … */
  readonly category: string;
}

/** Types of one database, looked up on the connection that met them (so uncommitted types resolve). */
export class TypeCatalog {
  private readonly known = new Map<number, PgType>();

  async load(client: PoolClient, oids: Iterable<number>): Promise<void> {
    const missing = new Set<number>();
    const want = (oid: number) => {
      if (oid !== 0 && !this.known.has(oid)) missing.add(oid);
    };
    for (const oid of oids) want(oid);
    for (let round = 0; missing.size > 0 && round < 3; round++) {
      const { rows } = await client.query<Record<'oid' | 'name' | 'elem' | 'kind' | 'base' | 'category', string>>({
        text: `SELECT oid, typname AS name, typelem AS elem, typtype AS kind, typbasetype AS base, typcategory AS category
                 FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])`,
        values: [`{${[...missing].join(',')}}`],
      });
      missing.clear();
      for (const r of rows) {
        const type = { ...r, oid: Number(r.oid), elem: Number(r.elem), base: Number(r.base) };
        this.known.set(type.oid, type);
      }
      for (const r of rows) {
        want(Number(r.elem));
        want(Number(r.base));
      }
    }
  }

  get(oid: number): PgType {
    return this.known.get(oid) ?? { oid, name: 'unknown', elem: 0, kind: 'b', base: 0, category: 'X' };
  }

  /** A domain's underlying type, followed to the end; the type itself otherwise. */
  resolve(oid: number): PgType {
    let type = this.get(oid);
    for (let i = 0; type.kind === 'd' && type.base !== 0 && i < 10; i++) type = this.get(type.base);
    return type;
  }

  isArray(oid: number): boolean {
    const type = this.resolve(oid);
    return type.category === 'A' && type.elem !== 0;
  }
}

/** java.sql.Types codes. */
const JDBC = {
  BIT: -7,
  BIGINT: -5,
  BINARY: -2,
  CHAR: 1,
  NUMERIC: 2,
  INTEGER: 4,
  SMALLINT: 5,
  REAL: 7,
  DOUBLE: 8,
  VARCHAR: 12,
};
const JDBC_MORE = {
  DATE: 91,
  TIME: 92,
  TIMESTAMP: 93,
  OTHER: 1111,
  DISTINCT: 2001,
  STRUCT: 2002,
  ARRAY: 2003,
  SQLXML: 2009,
};

const jdbcByName: Record<string, number> = {
  int2: JDBC.SMALLINT,
  int4: JDBC.INTEGER,
  oid: JDBC.BIGINT,
  int8: JDBC.BIGINT,
  money: JDBC.DOUBLE,
  numeric: JDBC.NUMERIC,
  float4: JDBC.REAL,
  float8: JDBC.DOUBLE,
  char: JDBC.CHAR,
  bpchar: JDBC.CHAR,
  varchar: JDBC.VARCHAR,
  text: JDBC.VARCHAR,
  name: JDBC.VARCHAR,
  bytea: JDBC.BINARY,
  bool: JDBC.BIT,
  bit: JDBC.BIT,
  date: JDBC_MORE.DATE,
  time: JDBC_MORE.TIME,
  timetz: JDBC_MORE.TIME,
  timestamp: JDBC_MORE.TIMESTAMP,
  timestamptz: JDBC_MORE.TIMESTAMP,
  xml: JDBC_MORE.SQLXML,
};

export function jdbcType(catalog: TypeCatalog, oid: number): number {
  const type = catalog.get(oid);
  if (catalog.isArray(oid)) return JDBC_MORE.ARRAY;
  if (type.kind === 'd') return JDBC_MORE.DISTINCT;
  if (type.kind === 'c') return JDBC_MORE.STRUCT;
  if (type.kind === 'e') return JDBC.VARCHAR;
  return jdbcByName[type.name] ?? JDBC_MORE.OTHER;
}

/** pgJDBC's unknownLength: the precision of types without a bound. */
const UNBOUNDED = 2_147_483_647;

const fractionDigits = (typmod: number) => (typmod === -1 ? 6 : typmod);

export function precisionOf(oid: number, typmod: number): number {
  const seconds = fractionDigits(typmod) > 0 ? fractionDigits(typmod) + 1 : 0;
  switch (oid) {
    case OID.int2:
      return 5;
    case OID.int4:
    case OID.oid:
      return 10;
    case OID.int8:
      return 19;
    case OID.float4:
      return 8;
    case OID.float8:
      return 17;
    case OID.numeric:
      return typmod === -1 ? 0 : ((typmod - 4) & 0xffff0000) >> 16;
    case OID.bool:
    case OID.char:
      return 1;
    case OID.bpchar:
    case OID.varchar:
      return typmod === -1 ? UNBOUNDED : typmod - 4;
    case OID.date:
      return 13;
    case OID.time:
      return 8 + seconds;
    case OID.timetz:
      return 8 + seconds + 6;
    case OID.timestamp:
      return 22 + seconds;
    case OID.timestamptz:
      return 22 + seconds + 6;
    case OID.interval:
      return 49;
    case OID.bit:
      return typmod;
    case OID.varbit:
      return typmod === -1 ? UNBOUNDED : typmod;
    default:
      return UNBOUNDED;
  }
}

export function scaleOf(oid: number, typmod: number): number {
  switch (oid) {
    case OID.float4:
      return 8;
    case OID.float8:
      return 17;
    case OID.numeric:
      return typmod === -1 ? 0 : (typmod - 4) & 0xffff;
    case OID.time:
    case OID.timetz:
    case OID.timestamp:
    case OID.timestamptz:
      return fractionDigits(typmod);
    case OID.interval:
      return typmod === -1 ? 6 : typmod & 0xffff;
    default:
      return 0;
  }
}

const SIGNED = new Set<number>([OID.int2, OID.int4, OID.int8, OID.float4, OID.float8, OID.numeric]);
const CASE_INSENSITIVE = new Set<number>([
  OID.oid,
  ...SIGNED,
  OID.bool,
  OID.bit,
  OID.varbit,
  OID.date,
  OID.time,
  OID.timetz,
  OID.timestamp,
  OID.timestamptz,
  OID.interval,
]);

export const isSigned = (oid: number) => SIGNED.has(oid);
export const isCaseSensitive = (oid: number) => !CASE_INSENSITIVE.has(oid);
