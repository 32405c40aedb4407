/**
 * Placeholder rewriting and binding on their own: what counts as a `:name` and what is skipped,
 * and the `$n::type` each Data API value becomes.
 */
import { describe, expect, it } from 'vitest';
import { DataApiError } from './errors.ts';
import { bindStatement, type SqlParameter } from './parameters.ts';
import { findPlaceholders } from './placeholders.ts';

const names = (sql: string) => findPlaceholders(sql).map((p) => p.name);

describe('findPlaceholders', () => {
  it('finds names outside strings, identifiers, comments and dollar quotes', () => {
    expect(names('SELECT :a, :b_2 FROM t WHERE x = :a')).toEqual(['a', 'b_2', 'a']);
    expect(names("SELECT ':no', 'it''s :no', :yes")).toEqual(['yes']);
    expect(names(`SELECT "col:no", "a""b:no" FROM t WHERE c = :yes`)).toEqual(['yes']);
    expect(names("SELECT E'it\\'s :no', e'\\\\', :yes")).toEqual(['yes']);
    expect(names('SELECT 1 -- :no\n, :yes /* :no /* nested :no */ still :no */')).toEqual(['yes']);
    expect(names('SELECT $$ :no $$, $fn$ :no $$ :no $fn$, :yes')).toEqual(['yes']);
  });

  it('skips :: casts and does not take $n or identifiers with $ as dollar quotes', () => {
    expect(names('SELECT :a::int, x::text, :b::uuid[]')).toEqual(['a', 'b']);
    expect(names('SELECT $1, a$b$, :c')).toEqual(['c']);
  });

  it('an unterminated string or comment hides the rest', () => {
    expect(names("SELECT ':a")).toEqual([]);
    expect(names('SELECT /* :a')).toEqual([]);
  });
});

const param = (name: string, value: SqlParameter['value'], typeHint?: SqlParameter['typeHint']): SqlParameter =>
  typeHint === undefined ? { name, value } : { name, value, typeHint };

describe('bindStatement', () => {
  it('gives each name one $n with the type Aurora binds, in order of first use', () => {
    const bound = bindStatement('SELECT :s, :l, :s, :d, :b, :n, :h, :blob', [
      param('s', { stringValue: 'x' }),
      param('l', { longValue: '9007199254740993' }),
      param('d', { doubleValue: 1.5 }),
      param('b', { booleanValue: false }),
      param('n', { isNull: true }),
      param('h', { stringValue: '2026-03-14' }, 'DATE'),
      param('blob', { blobValue: 'AP8=' }),
      param('unused', { longValue: 1 }),
    ]);
    expect(bound.text).toBe(
      'SELECT $1::varchar, $2::bigint, $1::varchar, $3::float8, $4::boolean, $5, $6::date, $7::bytea',
    );
    expect(bound.values).toEqual(['x', '9007199254740993', '1.5', 'false', null, '2026-03-14', Buffer.from([0, 255])]);
  });

  it('leaves SQL without placeholders alone', () => {
    expect(bindStatement("SELECT ':x'", [param('x', { longValue: 1 })])).toEqual({ text: "SELECT ':x'", values: [] });
  });

  it('refuses a missing parameter, by name', () => {
    expect(() => bindStatement('SELECT :a, :missing', [param('a', { longValue: 1 })])).toThrow(
      new DataApiError(400, 'BadRequestException', 'No value specified for parameter: missing'),
    );
  });

  it('refuses values that are not one Field member', () => {
    expect(() => bindStatement('SELECT :a', [param('a', {})])).toThrow(/exactly one value/);
    expect(() => bindStatement('SELECT :a', [param('a', { stringValue: 'x', longValue: 1 })])).toThrow(
      /exactly one value/,
    );
    expect(() => bindStatement('SELECT :a', [param('a', { longValue: 1.5 })])).toThrow(/exactly one value/);
    expect(() => bindStatement('SELECT :a', [param('a', { isNull: false })])).toThrow(/exactly one value/);
  });
});
