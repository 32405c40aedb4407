/**
 * Conformance of values in both directions through the real RDSDataClient: every column type,
 * each typeHint, NULLs, arrays, formatRecordsAs JSON and column metadata, as Aurora PostgreSQL
 * answers them.
 */
import type { Field, SqlParameter } from '@aws-sdk/client-rds-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, startFixture } from './testing.ts';

let f: Fixture;

beforeAll(async () => {
  f = await startFixture();
  await f.run("CREATE TYPE mood AS ENUM ('sad', 'happy')");
  await f.run(`CREATE TABLE kinds (
    id int4 PRIMARY KEY, i2 int2, i8 int8, f4 float4, f8 float8, n numeric(30,10), nf numeric, b bool NOT NULL DEFAULT false,
    t text, v varchar(20), c char(3), u uuid, j json, jb jsonb, d date, tm time, ts timestamp, tz timestamptz,
    by bytea, m mood, ai int4[], at text[]
  )`);
}, 30_000);

afterAll(() => f?.close());

const p = (name: string, value: Field, typeHint?: SqlParameter['typeHint']): SqlParameter =>
  typeHint === undefined ? { name, value } : { name, value, typeHint };

async function one(sql: string, parameters: SqlParameter[] = []) {
  const out = await f.run(sql, { parameters });
  return out.records?.[0] ?? [];
}

describe('values out of PostgreSQL', () => {
  it('integers are longValue, floats doubleValue, bool booleanValue', async () => {
    const row = await one(
      "SELECT 7::int2, (-2147483648)::int4, 9007199254740991::int8, 1.5::float4, 'NaN'::float8, 2.25::float8, true, false",
    );
    expect(row).toEqual([
      { longValue: 7 },
      { longValue: -2147483648 },
      { longValue: 9007199254740991 },
      { doubleValue: 1.5 },
      { doubleValue: Number.NaN },
      { doubleValue: 2.25 },
      { booleanValue: true },
      { booleanValue: false },
    ]);
  });

  it('int8 beyond 2^53 is exact as a string with longReturnType STRING', async () => {
    const out = await f.run(
      'SELECT 9223372036854775807::int8 AS big, 9007199254740993::int8 AS odd, ARRAY[9007199254740993::int8] AS arr',
      {
        resultSetOptions: { longReturnType: 'STRING' },
      },
    );
    expect(out.records?.[0]).toEqual([
      { stringValue: '9223372036854775807' },
      { stringValue: '9007199254740993' },
      { arrayValue: { stringValues: ['9007199254740993'] } },
    ]);
  });

  it('numeric keeps its digits as a string, or is a double/long with DOUBLE_OR_LONG', async () => {
    const sql = "SELECT 12345678901234567890.0123456789::numeric, 1.50::numeric(5,2), 42::numeric, 'NaN'::numeric";
    expect(await one(sql)).toEqual([
      { stringValue: '12345678901234567890.0123456789' },
      { stringValue: '1.50' },
      { stringValue: '42' },
      { stringValue: 'NaN' },
    ]);
    const out = await f.run(sql, { resultSetOptions: { decimalReturnType: 'DOUBLE_OR_LONG' } });
    expect(out.records?.[0]).toEqual([
      { doubleValue: Number('12345678901234567890.0123456789') },
      { doubleValue: 1.5 },
      { longValue: 42 },
      { doubleValue: Number.NaN },
    ]);
  });

  it('timestamptz is UTC without a zone suffix, microseconds kept, whatever the input zone', async () => {
    const row = await one(
      "SELECT '2026-03-14 17:09:26.123456+02'::timestamptz, '2026-01-01 00:00:00-05:30'::timestamptz, '2026-03-14 15:09:26.5'::timestamp, '2026-03-14'::date, '15:09:26.000001'::time, '15:09:26+02'::timetz, 'infinity'::timestamptz",
    );
    expect(row).toEqual([
      { stringValue: '2026-03-14 15:09:26.123456' },
      { stringValue: '2026-01-01 05:30:00' },
      { stringValue: '2026-03-14 15:09:26.5' },
      { stringValue: '2026-03-14' },
      { stringValue: '15:09:26.000001' },
      { stringValue: '15:09:26+02' },
      { stringValue: 'infinity' },
    ]);
  });

  it('text-like types, uuid, json, jsonb and enums are stringValue; bytea blobValue; NULL isNull', async () => {
    const row = await one(
      "SELECT 'a'::varchar, 'ab'::char(3), '0b7e4b36-8f25-4a2c-9c3e-5d1c7a3e0f11'::uuid, '{\"a\": [1, 2]}'::json, '{\"b\":1, \"a\":2}'::jsonb, 'happy'::mood, '\\xdeadbeef'::bytea, NULL::int4, NULL",
    );
    expect(row.slice(0, 6)).toEqual([
      { stringValue: 'a' },
      { stringValue: 'ab ' },
      { stringValue: '0b7e4b36-8f25-4a2c-9c3e-5d1c7a3e0f11' },
      { stringValue: '{"a": [1, 2]}' },
      { stringValue: '{"a": 2, "b": 1}' },
      { stringValue: 'happy' },
    ]);
    expect(Buffer.from(row[6]?.blobValue ?? []).toString('hex')).toBe('deadbeef');
    expect(row.slice(7)).toEqual([{ isNull: true }, { isNull: true }]);
  });

  it('arrays are arrayValue, nested ones arrayValues', async () => {
    const row = await one(
      `SELECT ARRAY[1,2,NULL]::int4[], ARRAY['a,b', 'say "hi"', NULL, 'NULL', '']::text[], ARRAY[[1,2],[3,4]]::int8[],
              ARRAY[true,false], ARRAY[1.5,2]::float8[], ARRAY[1.10]::numeric[], ARRAY['2026-03-14 17:00:00+02']::timestamptz[], '{}'::int4[]`,
    );
    expect(row).toEqual([
      { arrayValue: { longValues: [1, 2, null] } },
      { arrayValue: { stringValues: ['a,b', 'say "hi"', null, 'NULL', ''] } },
      { arrayValue: { arrayValues: [{ longValues: [1, 2] }, { longValues: [3, 4] }] } },
      { arrayValue: { booleanValues: [true, false] } },
      { arrayValue: { doubleValues: [1.5, 2] } },
      { arrayValue: { stringValues: ['1.10'] } },
      { arrayValue: { stringValues: ['2026-03-14 15:00:00'] } },
      { arrayValue: { longValues: [] } },
    ]);
  });
});

describe('values into PostgreSQL', () => {
  it('each Field kind binds with its Aurora type and round-trips', async () => {
    const bytes = Uint8Array.from([0, 1, 2, 127, 128, 255]);
    const out = await f.run(
      `INSERT INTO kinds (id, i2, i8, f8, b, t, by) VALUES (:id, :i2, :i8, :f8, :b, :t, :by)
       RETURNING pg_typeof(:i8)::text, pg_typeof(:f8)::text, pg_typeof(:t)::text, pg_typeof(:by)::text, pg_typeof(:b)::text`,
      {
        parameters: [
          p('id', { longValue: 1 }),
          p('i2', { longValue: -3 }),
          p('i8', { longValue: 9007199254740991 }),
          p('f8', { doubleValue: -0.125 }),
          p('b', { booleanValue: true }),
          p('t', { stringValue: "Robert'); DROP TABLE kinds;-- 😀 ünï :id $1 ''" }),
          p('by', { blobValue: bytes }),
        ],
      },
    );
    expect(out.records?.[0]).toEqual([
      { stringValue: 'bigint' },
      { stringValue: 'double precision' },
      { stringValue: 'character varying' },
      { stringValue: 'bytea' },
      { stringValue: 'boolean' },
    ]);
    const row = await one('SELECT i2, i8, f8, b, t, by FROM kinds WHERE id = 1');
    expect(row.slice(0, 5)).toEqual([
      { longValue: -3 },
      { longValue: 9007199254740991 },
      { doubleValue: -0.125 },
      { booleanValue: true },
      { stringValue: "Robert'); DROP TABLE kinds;-- 😀 ünï :id $1 ''" },
    ]);
    expect(Array.from(row[5]?.blobValue ?? [])).toEqual(Array.from(bytes));
  });

  it('isNull binds an untyped NULL into any column', async () => {
    const nulls = ['i2', 'u', 'jb', 'tz', 'ai'];
    await f.run(`INSERT INTO kinds (id, ${nulls.join(', ')}) VALUES (2, ${nulls.map((c) => `:${c}`).join(', ')})`, {
      parameters: nulls.map((c) => p(c, { isNull: true })),
    });
    expect(await one(`SELECT ${nulls.join(', ')} FROM kinds WHERE id = 2`)).toEqual(
      nulls.map(() => ({ isNull: true })),
    );
  });

  it('a plain string is varchar: a uuid or jsonb column refuses it, as in Aurora', async () => {
    const attempt = f.run('INSERT INTO kinds (id, u) VALUES (3, :u)', {
      parameters: [p('u', { stringValue: '0b7e4b36-8f25-4a2c-9c3e-5d1c7a3e0f11' })],
    });
    await expect(attempt).rejects.toMatchObject({
      name: 'DatabaseErrorException',
      message: expect.stringMatching(
        /^ERROR: column "u" is of type uuid but expression is of type character varying\n {2}Hint: .*; SQLState: 42804$/s,
      ),
    });
    const cast = await one("SELECT :u::uuid = '0b7e4b36-8f25-4a2c-9c3e-5d1c7a3e0f11'::uuid", [
      p('u', { stringValue: '0b7e4b36-8f25-4a2c-9c3e-5d1c7a3e0f11' }),
    ]);
    expect(cast).toEqual([{ booleanValue: true }]);
  });

  it('each typeHint casts the string to its type', async () => {
    const out = await f.run(
      `INSERT INTO kinds (id, u, jb, j, d, tm, ts, tz, n)
       VALUES (4, :u, :jb, :j, :d, :tm, :ts, :tz, :n)
       RETURNING pg_typeof(:u)::text, pg_typeof(:j)::text, pg_typeof(:d)::text, pg_typeof(:tm)::text, pg_typeof(:ts)::text, pg_typeof(:n)::text`,
      {
        parameters: [
          p('u', { stringValue: '0B7E4B36-8F25-4A2C-9C3E-5D1C7A3E0F11' }, 'UUID'),
          p('jb', { stringValue: '{"z": 1, "a": [true, null]}' }, 'JSON'),
          p('j', { stringValue: '{"z": 1,  "a": 2}' }, 'JSON'),
          p('d', { stringValue: '2026-03-14' }, 'DATE'),
          p('tm', { stringValue: '15:09:26.123' }, 'TIME'),
          p('ts', { stringValue: '2026-03-14 15:09:26.654321' }, 'TIMESTAMP'),
          p('tz', { stringValue: '2026-03-14 15:09:26.654321' }, 'TIMESTAMP'),
          p('n', { stringValue: '12345678901234567890.0123456789' }, 'DECIMAL'),
        ],
      },
    );
    expect(out.records?.[0]?.map((field) => field.stringValue)).toEqual([
      'uuid',
      'json',
      'date',
      'time without time zone',
      'timestamp without time zone',
      'numeric',
    ]);
    expect(await one('SELECT u, jb, j, d, tm, ts, tz, n FROM kinds WHERE id = 4')).toEqual([
      { stringValue: '0b7e4b36-8f25-4a2c-9c3e-5d1c7a3e0f11' },
      { stringValue: '{"a": [true, null], "z": 1}' },
      { stringValue: '{"z": 1,  "a": 2}' },
      { stringValue: '2026-03-14' },
      { stringValue: '15:09:26.123' },
      { stringValue: '2026-03-14 15:09:26.654321' },
      { stringValue: '2026-03-14 15:09:26.654321' },
      { stringValue: '12345678901234567890.0123456789' },
    ]);
  });

  it('a TIMESTAMP typeHint in ISO 8601 form is refused, as Aurora refuses it', async () => {
    const attempt = one('SELECT :ts', [p('ts', { stringValue: '2026-03-14T15:09:26Z' }, 'TIMESTAMP')]);
    await expect(attempt).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining('YYYY-MM-DD HH:MM:SS'),
    });
  });

  it('array parameters are refused', async () => {
    const attempt = one('SELECT :a', [p('a', { arrayValue: { longValues: [1, 2] } })]);
    await expect(attempt).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'Parameter a: array parameters are not supported.',
    });
  });
});

describe('formatRecordsAs JSON', () => {
  it('is a JSON array of objects with native types and json columns as strings', async () => {
    const out = await f.run(
      `SELECT 1::int4 AS i, 9007199254740993::int8 AS big, 1.50::numeric(5,2) AS n, 0.5::float8 AS f, true AS b, 'é"' AS t,
              '{"a": 1}'::jsonb AS jb, ARRAY[[1,2],[3,NULL]] AS arr, NULL::text AS nul, '\\x00ff'::bytea AS by,
              '2026-03-14 17:09:26.1+02'::timestamptz AS tz`,
      { formatRecordsAs: 'JSON' },
    );
    expect(out.records).toBeUndefined();
    expect(out.formattedRecords).toBe(
      '[{"i":1,"big":9007199254740993,"n":"1.50","f":0.5,"b":true,"t":"é\\"","jb":"{\\"a\\": 1}","arr":[[1,2],[3,null]],"nul":null,"by":"AP8=","tz":"2026-03-14 15:09:26.1"}]',
    );
  });

  it('applies resultSetOptions and returns [] for no rows', async () => {
    const out = await f.run('SELECT 12::int8 AS l, 2.5::numeric AS n', {
      formatRecordsAs: 'JSON',
      resultSetOptions: { longReturnType: 'STRING', decimalReturnType: 'DOUBLE_OR_LONG' },
    });
    expect(out.formattedRecords).toBe('[{"l":"12","n":2.5}]');
    expect(await f.rows('SELECT 1 AS x WHERE false')).toEqual([]);
  });
});

describe('columnMetadata', () => {
  it('describes each column as pgJDBC reports it', async () => {
    const out = await f.run('SELECT id, n, v, tz, ai, m, b AS flag, 1 + 1 AS sum FROM kinds LIMIT 0', {
      includeResultMetadata: true,
    });
    const meta = out.columnMetadata ?? [];
    expect(meta.map((c) => [c.name, c.label, c.typeName, c.type, c.tableName, c.nullable])).toEqual([
      ['id', 'id', 'int4', 4, 'kinds', 0],
      ['n', 'n', 'numeric', 2, 'kinds', 1],
      ['v', 'v', 'varchar', 12, 'kinds', 1],
      ['tz', 'tz', 'timestamptz', 93, 'kinds', 1],
      ['ai', 'ai', '_int4', 2003, 'kinds', 1],
      ['m', 'm', 'mood', 12, 'kinds', 1],
      ['flag', 'flag', 'bool', -7, 'kinds', 0],
      ['sum', 'sum', 'int4', 4, '', 1],
    ]);
    expect(meta[1]).toMatchObject({
      precision: 30,
      scale: 10,
      isSigned: true,
      isCaseSensitive: false,
      isCurrency: false,
    });
    expect(meta[2]).toMatchObject({ precision: 20, scale: 0, isSigned: false, isCaseSensitive: true });
    expect(meta[3]).toMatchObject({ precision: 35, scale: 6 });
    expect(meta[4]).toMatchObject({ arrayBaseColumnType: 4, precision: 10 });
    expect(meta[0]).toMatchObject({ schemaName: '', isAutoIncrement: false, arrayBaseColumnType: 0 });
    expect(out.records).toEqual([]);
  });
});
