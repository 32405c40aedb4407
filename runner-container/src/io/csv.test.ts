/**
 * readCsv on small fixture files written to a temporary directory, and on a large file whose
 * records are placed to straddle the 64 KiB read-stream chunks in every awkward way.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column, Table } from '../data/table.ts';
import { CsvError, type CsvOptions, readCsv } from './csv.ts';

let dir: string;
let files = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talaty-csv-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(content: string | Buffer, name = `f${files++}.csv`): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function read(content: string | Buffer, options?: CsvOptions): Promise<Table> {
  return readCsv(await fixture(content), options);
}

function column(table: Table, name: string): Column {
  const found = table.columns.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no column ${name}`);
  return found;
}

const numbers = (table: Table, name: string): number[] => {
  const c = column(table, name);
  expect(c.kind).toBe('number');
  return Array.from(c.values as Float64Array);
};

const texts = (table: Table, name: string): Array<string | null> => {
  const c = column(table, name);
  expect(c.kind).toBe('string');
  return [...(c.values as ReadonlyArray<string | null>)];
};

async function csvError(content: string | Buffer): Promise<CsvError> {
  const error = await read(content).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CsvError);
  return error as CsvError;
}

describe('readCsv: delimiters and quoting', () => {
  it.each([
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
  ])('detects a %s delimiter from the header', async (_, d) => {
    const table = await read(`id${d}amount${d}grade\n1${d}10.5${d}A\n2${d}-3${d}B\n`);
    expect(table.rows).toBe(2);
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'amount', 'grade']);
    expect(numbers(table, 'id')).toEqual([1, 2]);
    expect(numbers(table, 'amount')).toEqual([10.5, -3]);
    expect(texts(table, 'grade')).toEqual(['A', 'B']);
  });

  it('keeps commas inside fields of a semicolon file', async () => {
    const table = await read('id;rate\n1;1,5\n2;2,25\n');
    expect(texts(table, 'rate')).toEqual(['1,5', '2,25']);
  });

  it('unescapes "" inside quoted fields', async () => {
    const table = await read('id,name\n1,"say ""hi"""\n2,""""\n3,"plain"\n');
    expect(texts(table, 'name')).toEqual(['say "hi"', '"', 'plain']);
  });

  it('keeps delimiters and newlines inside quoted fields', async () => {
    const table = await read('id,address,n\n1,"12 Main St, Apt 4\nSpringfield",7\n2,"a;b\tc\r\nd",8\n');
    expect(table.rows).toBe(2);
    expect(texts(table, 'address')).toEqual(['12 Main St, Apt 4\nSpringfield', 'a;b\tc\r\nd']);
    expect(numbers(table, 'n')).toEqual([7, 8]);
  });

  it('reads quoted numbers as numbers', async () => {
    const table = await read('x,y\n"1.5",2\n"-4","3"\n');
    expect(numbers(table, 'x')).toEqual([1.5, -4]);
    expect(numbers(table, 'y')).toEqual([2, 3]);
  });

  it('handles CRLF line endings', async () => {
    const table = await read('a,b,c\r\n1,x,2.5\r\n3,y,4\r\n');
    expect(table.rows).toBe(2);
    expect(numbers(table, 'a')).toEqual([1, 3]);
    expect(texts(table, 'b')).toEqual(['x', 'y']);
    expect(numbers(table, 'c')).toEqual([2.5, 4]);
  });

  it('reads a last record without a line break', async () => {
    const table = await read('a,b\n1,x\n2,y');
    expect(numbers(table, 'a')).toEqual([1, 2]);
    expect(texts(table, 'b')).toEqual(['x', 'y']);
  });

  it('skips a UTF-8 byte order mark', async () => {
    const table = await read('\uFEFFid;name\n1;Zoë\n');
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'name']);
    expect(numbers(table, 'id')).toEqual([1]);
    expect(texts(table, 'name')).toEqual(['Zoë']);
  });

  it('reads a gzip file transparently', async () => {
    const path = await fixture(gzipSync('id,grade\n1,A\n2,B\n'), 'data.csv.gz');
    const table = await readCsv(path);
    expect(numbers(table, 'id')).toEqual([1, 2]);
    expect(texts(table, 'grade')).toEqual(['A', 'B']);
  });
});

describe('readCsv: missing values and column kinds', () => {
  const tokens = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '""', ' '];

  it('reads empty cells and NA tokens as NaN in a numeric column', async () => {
    const table = await read(`x,k\n1,a\n${tokens.map((t) => `${t},a`).join('\n')}\n2,a\n`);
    const x = numbers(table, 'x');
    expect(x).toHaveLength(tokens.length + 2);
    expect(x[0]).toBe(1);
    expect(x.at(-1)).toBe(2);
    expect(x.slice(1, -1).every(Number.isNaN)).toBe(true);
  });

  it('reads empty cells and NA tokens as null in a text column', async () => {
    const table = await read(`s,k\nyes,1\n${tokens.map((t) => `${t},1`).join('\n')}\nno,1\n`);
    expect(texts(table, 's')).toEqual(['yes', ...tokens.map(() => null), 'no']);
  });

  it('turns a column with a non-numeric value into a text column', async () => {
    const table = await read('code,n\n12,1\n,2\n7,3\nB7,4\n5,5\nNA,6\n');
    expect(texts(table, 'code')).toEqual(['12', null, '7', 'B7', '5', null]);
    expect(numbers(table, 'n')).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps the cells as written when a column turns out to be text', async () => {
    // The same cell must read the same wherever it sits relative to the first non-number.
    const table = await read('code\n007\n1.50\n1e3\nx\n007\n1.50\n1e3\n');
    expect(texts(table, 'code')).toEqual(['007', '1.50', '1e3', 'x', '007', '1.50', '1e3']);
  });

  it('reads textColumns as text even when every cell is a number', async () => {
    const table = await read('zip,amount,target\n01234,5,1\n00501,6,0\n,7,NA\n', {
      textColumns: new Set(['zip', 'target']),
    });
    expect(texts(table, 'zip')).toEqual(['01234', '00501', null]);
    expect(texts(table, 'target')).toEqual(['1', '0', null]);
    expect(numbers(table, 'amount')).toEqual([5, 6, 7]);
  });

  it('parses numbers as Number() does', async () => {
    const cells = ['0.1', '-0.25', '+3', '.5', '1.', '1e-3', '-2.5E+2', '123456789012345678', '0.30000000000000004'];
    const table = await read(`v\n${cells.join('\n')}\n`);
    expect(numbers(table, 'v')).toEqual(cells.map(Number));
  });
});

describe('readCsv: errors', () => {
  it('names the data row of a ragged record', async () => {
    const error = await csvError('a,b,c\n1,2,3\n4,5\n6,7,8\n');
    expect(error.message).toMatch(/data row 2\b/);
    expect(error.message).toMatch(/2 fields; the header has 3/);
    const long = await csvError('a,b\n1,2\n3,4\n5,6,7\n');
    expect(long.message).toMatch(/data row 3\b/);
  });

  it('rejects a duplicate column name', async () => {
    expect((await csvError('a,b,a\n1,2,3\n')).message).toMatch(/"a" twice/);
  });

  it('rejects an empty column name', async () => {
    expect((await csvError('a,,c\n1,2,3\n')).message).toMatch(/empty column name/);
    expect((await csvError('a,b,\n1,2,3\n')).message).toMatch(/empty column name/);
  });

  it('rejects an empty file', async () => {
    expect((await csvError('')).message).toMatch(/is empty: no header row/);
  });

  it('rejects a header without data rows', async () => {
    expect((await csvError('a,b\n')).message).toMatch(/header but no data rows/);
    expect((await csvError('a,b')).message).toMatch(/header but no data rows/);
  });

  it('rejects a missing file', async () => {
    const path = join(dir, 'does-not-exist.csv');
    const error = await readCsv(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).message).toMatch(/cannot read .*does-not-exist\.csv: ENOENT/);
  });

  it('rejects text after a closing quote', async () => {
    expect((await csvError('a,b\n"x"y,1\n')).message).toMatch(/after a quoted field/);
  });

  it('rejects a corrupt gzip file', async () => {
    const gz = gzipSync('a,b\n1,2\n');
    expect((await csvError(gz.subarray(0, gz.length - 12))).message).toMatch(/cannot read/);
  });

  it('rejects a quoted field that never closes', async () => {
    // Without an error the rows after the opening quote would silently disappear.
    expect((await csvError('a,b\n1,x\n2,"oops\n3,z\n')).message).toMatch(/quote/);
  });
});

describe('readCsv: a large file across stream chunks', () => {
  const CHUNK = 64 * 1024;
  const ROWS = 100_000;

  /** Builds the file and the values it should read back, placing chosen bytes at chunk ends. */
  function build() {
    const lines: string[] = ['id,text,amount,grade\r\n'];
    let bytes = Buffer.byteLength(lines[0] as string);
    const ids: number[] = [];
    const textValues: string[] = [];
    const amounts: number[] = [];
    const grades: Array<string | null> = [];
    const add = (text: string, amountCell: string, grade: string) => {
      const id = ids.length;
      const quoted = `"${text.replaceAll('"', '""')}"`;
      const line = `${id},${quoted},${amountCell},${grade}\r\n`;
      lines.push(line);
      bytes += Buffer.byteLength(line);
      ids.push(id);
      textValues.push(text);
      amounts.push(amountCell === '' ? Number.NaN : Number(amountCell));
      grades.push(grade === '' ? null : grade);
      return line;
    };
    const ordinary = () => {
      const i = ids.length;
      const text = [`row ${i}`, `row ${i}, with "quotes"`, `row ${i}\nsecond line`, `café ${i} €`][i % 4] as string;
      add(text, i % 97 === 0 ? '' : `${i % 1000}.${i % 7}5`, i % 11 === 0 ? '' : `G${i % 5}`);
    };
    /** Appends ordinary rows, then a padded row and `line`, so that `line`'s byte `at` ends a chunk. */
    const place = (chunkEnd: number, text: string, amountCell: string, at: (line: string) => number) => {
      const target = chunkEnd - 1;
      while (target - bytes > 1000) ordinary();
      const probe = `${ids.length + 1},"${text.replaceAll('"', '""')}",${amountCell},G\r\n`;
      const offset = at(probe);
      const padBase = Buffer.byteLength(`${ids.length},"",0,P\r\n`);
      add('p'.repeat(target - bytes - offset - padBase), '0', 'P');
      const line = add(text, amountCell, 'G');
      expect(Buffer.byteLength(line)).toBe(Buffer.byteLength(probe));
    };
    const byteIndex = (line: string, s: string) => Buffer.byteLength(line.slice(0, line.indexOf(s)));
    const cases: Array<[string, string, (line: string) => number, string]> = [
      // CR ends a chunk, its LF starts the next.
      ['cr', '5', (l) => l.length - 2, '\r'],
      // The first quote of a "" escape ends a chunk.
      ['a"b', '6', (l) => byteIndex(l, '""'), '"'],
      // A three-byte UTF-8 character is cut after its first byte.
      ['é€x', '7', (l) => byteIndex(l, '€'), '\xe2'],
      // A delimiter ends a chunk.
      ['delim', '8', (l) => l.lastIndexOf(','), ','],
      // An opening quote ends a chunk.
      ['open', '9', (l) => l.indexOf('"'), '"'],
      // A closing quote ends a chunk.
      ['close', '10', (l) => l.indexOf('",'), '"'],
      // A line feed ends a chunk, so the next record starts a chunk.
      ['lf', '11', (l) => l.length - 1, '\n'],
      // An unquoted number is cut in the middle.
      ['split number', '12345.5', (l) => l.indexOf('12345.5') + 2, '3'],
      // An embedded line break inside a quoted field ends a chunk.
      ['inner\nbreak', '13', (l) => l.indexOf('\n'), '\n'],
    ];
    for (const [k, [text, amount, at]] of cases.entries()) place((k + 1) * CHUNK, text, amount, at);
    while (ids.length < ROWS) ordinary();
    const content = Buffer.from(lines.join(''));
    return {
      content,
      /** The last byte of each of the first chunks, and what its case meant it to be. */
      endings: cases.map((_, k) => content.subarray((k + 1) * CHUNK - 1, (k + 1) * CHUNK).toString('latin1')),
      expectedEndings: cases.map(([, , , ending]) => ending),
      expected: { ids, textValues, amounts, grades },
    };
  }

  const built = build();

  it('places the awkward bytes at the chunk ends', () => {
    expect(built.endings).toEqual(built.expectedEndings);
    expect(built.content.length).toBeGreaterThan(40 * CHUNK);
  });

  it.each([
    ['plain', false],
    ['gzip', true],
  ])('reads every record exactly (%s)', async (_, gzip) => {
    const table = await read(gzip ? gzipSync(built.content) : built.content);
    const { ids, textValues, amounts, grades } = built.expected;
    expect(table.rows).toBe(ROWS);
    expect(numbers(table, 'id')).toEqual(ids);
    expect(texts(table, 'text')).toEqual(textValues);
    expect(numbers(table, 'amount')).toEqual(amounts);
    expect(texts(table, 'grade')).toEqual(grades);
  });
});

describe('readCsv: details', () => {
  it('counts physical lines in error messages, past quoted newlines and blank lines', async () => {
    const error = await csvError('a,b\n1,"x\ny"\n\n3\n');
    expect(error.message).toMatch(/data row 2 \(line 5\)/);
  });

  it('unescapes quoted header names', async () => {
    const table = await read('"a""b",c\n1,2\n');
    expect(table.columns.map((c) => c.name)).toEqual(['a"b', 'c']);
  });

  it('reads only decimal numbers as numbers: hex and Infinity make a column text', async () => {
    const table = await read('h,i,d\n0x1A,Infinity,1e-3\n2,3,.5\n');
    expect(texts(table, 'h')).toEqual(['0x1A', '2']);
    expect(texts(table, 'i')).toEqual(['Infinity', '3']);
    expect(numbers(table, 'd')).toEqual([0.001, 0.5]);
  });

  it('keeps an empty cell of a single-column file as a missing value', async () => {
    const table = await read('x\n1\n\n2\n');
    expect(table.rows).toBe(3);
    expect(numbers(table, 'x')).toEqual([1, Number.NaN, 2]);
  });
});
