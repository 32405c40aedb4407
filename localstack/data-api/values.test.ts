/**
 * The text-level conversions behind results: PostgreSQL's array literal, timestamptz to UTC
 * without a suffix, and exact numbers in the wire JSON.
 */
import { describe, expect, it } from 'vitest';
import { parseArrayLiteral, utcTimestamp } from './values.ts';
import { JsonNumber, writeJson } from './wire-json.ts';

describe('parseArrayLiteral', () => {
  it('reads quoted, unquoted, NULL and nested elements', () => {
    expect(parseArrayLiteral('{1,NULL,3}')).toEqual(['1', null, '3']);
    expect(parseArrayLiteral('{"a,b","say \\"hi\\"","back\\\\slash","NULL",""}')).toEqual([
      'a,b',
      'say "hi"',
      'back\\slash',
      'NULL',
      '',
    ]);
    expect(parseArrayLiteral('{{1,2},{3,4}}')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseArrayLiteral('{}')).toEqual([]);
    expect(parseArrayLiteral('[0:1]={7,8}')).toEqual(['7', '8']);
  });
});

describe('utcTimestamp', () => {
  it('drops a zero offset and converts others, keeping the fraction as written', () => {
    expect(utcTimestamp('2026-03-14 15:09:26.123456+00')).toBe('2026-03-14 15:09:26.123456');
    expect(utcTimestamp('2026-03-14 01:00:00.5+02')).toBe('2026-03-13 23:00:00.5');
    expect(utcTimestamp('2026-12-31 23:30:00-05:30')).toBe('2027-01-01 05:00:00');
    expect(utcTimestamp('0044-03-15 12:00:00+00 BC')).toBe('0044-03-15 12:00:00 BC');
    expect(utcTimestamp('infinity')).toBe('infinity');
  });
});

describe('writeJson', () => {
  it('writes PostgreSQL digits exactly and non-finite doubles as Smithy strings', () => {
    expect(
      writeJson({ a: new JsonNumber('9007199254740993'), b: [new JsonNumber('NaN'), new JsonNumber('-Infinity')] }),
    ).toBe('{"a":9007199254740993,"b":["NaN","-Infinity"]}');
    expect(writeJson({ s: 'é"\n', n: null, skip: undefined, t: true, x: 1.5 })).toBe(
      '{"s":"é\\"\\n","n":null,"t":true,"x":1.5}',
    );
  });
});
