/**
 * The Parquet reader against files pyarrow wrote (test/fixtures/parquet, see its README): every
 * codec, page version and encoding, a real credit file checked cell by cell against its CSV, and
 * the failures a user upload can bring.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileRangeSource, openParquet, type ParquetBatch, ParquetFormatError, type RangeSource } from './parquet.ts';

const fixtures = new URL('../../test/fixtures/parquet/', import.meta.url);
const fixture = (name: string): string => new URL(name, fixtures).pathname;
const GERMAN_CSV = new URL('../../test/fixtures/datasets/german-credit/german_credit.csv', import.meta.url).pathname;

/** A RangeSource over bytes in memory that records every read. */
function memorySource(bytes: Uint8Array): RangeSource & { reads: Array<[number, number]> } {
  const reads: Array<[number, number]> = [];
  return {
    byteLength: bytes.length,
    reads,
    async read(start, end) {
      reads.push([start, end]);
      return bytes.slice(start, end);
    },
  };
}

async function readAll(source: RangeSource, columns?: readonly string[]) {
  const file = await openParquet(source);
  const batches: ParquetBatch[] = [];
  for await (const batch of file.batches(columns ? { columns } : {})) batches.push(batch);
  return { file, batches };
}

/** Each column's values over all batches, missing values as null. */
function columnValues(batches: readonly ParquetBatch[], index: number): unknown[] {
  return batches.flatMap((batch) => Array.from(batch.columns[index] ?? [], (value) => value ?? null));
}

async function formatError(bytes: Uint8Array): Promise<ParquetFormatError> {
  try {
    await readAll(memorySource(bytes));
  } catch (error) {
    if (error instanceof ParquetFormatError) return error;
    throw error;
  }
  throw new Error('expected a ParquetFormatError');
}

describe('typed columns, as pyarrow wrote them', () => {
  const expected = JSON.parse(readFileSync(fixture('types.expected.json'), 'utf8')) as {
    rowCount: number;
    columns: Record<string, unknown[]>;
  };
  const types = {
    id: 'integer',
    small: 'integer',
    count: 'integer',
    amount: 'integer',
    big: 'integer',
    ratio: 'number',
    score: 'number',
    flag: 'boolean',
    name: 'string',
    grade: 'string',
    category: 'string',
    opened: 'date',
    updated_at: 'timestamp',
    seen_at: 'timestamp',
    price: 'number',
  };
  const pyarrow = ['snappy', 'gzip', 'zstd', 'brotli', 'lz4', 'none', 'plain', 'page-v2', 'encodings'];
  const threeGroups = [
    [0, 0, 10],
    [1, 10, 10],
    [2, 20, 10],
  ];

  it.each([
    ...pyarrow.map((variant) => ({ variant, writer: /^parquet-cpp-arrow version 25\./, groups: threeGroups })),
    { variant: 'duckdb', writer: /^DuckDB version v1\.5\./, groups: [[0, 0, 30]] },
  ])('types-$variant.parquet reads back every value, one row group per batch', async ({ variant, writer, groups }) => {
    const source = await fileRangeSource(fixture(`types-${variant}.parquet`));
    const { file, batches } = await readAll(source).finally(() => source.close());

    const wantTypes = Object.entries(types).filter(([name]) => variant !== 'encodings' || name !== 'category');
    expect(file.columns).toEqual(wantTypes.map(([name, type]) => ({ name, type })));
    expect(file.rowCount).toBe(30);
    expect(file.rowGroups).toBe(groups.length);
    expect(file.createdBy).toMatch(writer);
    expect(batches.map(({ rowGroup, rowStart, rowCount }) => [rowGroup, rowStart, rowCount])).toEqual(groups);
    for (const [index, column] of file.columns.entries()) {
      expect(columnValues(batches, index), column.name).toEqual(expected.columns[column.name]);
    }
  });

  it('gives 64-bit integers beyond 2^53 as the nearest double', async () => {
    const { file, batches } = await readAll(await fileRangeSource(fixture('types-snappy.parquet')));
    const big = columnValues(
      batches,
      file.columns.findIndex((c) => c.name === 'big'),
    );
    expect(big.slice(0, 3)).toEqual([-(2 ** 60), 2 ** 53, -(2 ** 60) - 2]); // written: -2^60, 2^53+1, -2^60-2
    expect(big.every((value) => value === null || typeof value === 'number')).toBe(true);
  });

  it('marks local timestamps without Z and UTC ones with it', async () => {
    const { file, batches } = await readAll(await fileRangeSource(fixture('types-snappy.parquet')));
    const first = (name: string) => batches[0]?.columns[file.columns.findIndex((c) => c.name === name)]?.[0];
    expect(first('updated_at')).toBe('2024-03-10T23:59:58.123Z');
    expect(first('seen_at')).toBe('2024-03-10T23:59:58.123');
    expect(first('opened')).toBe('2022-12-26');
  });
});

describe('german-credit.parquet', () => {
  it('equals its CSV twin cell by cell, in three row groups', async () => {
    const [header = '', ...lines] = readFileSync(GERMAN_CSV, 'utf8').trimEnd().split('\n');
    const rows = lines.map((line) => line.split(','));
    const { file, batches } = await readAll(await fileRangeSource(fixture('german-credit.parquet')));

    expect(file.columns.map((c) => c.name)).toEqual(header.split(','));
    expect(file.rowCount).toBe(1000);
    expect(batches.map((b) => b.rowCount)).toEqual([400, 400, 200]);
    for (const [index, column] of file.columns.entries()) {
      const want = rows.map((row) => (column.type === 'integer' ? Number(row[index]) : row[index]));
      expect(columnValues(batches, index), column.name).toEqual(want);
    }
    expect(file.columns.filter((c) => c.type === 'integer')).toHaveLength(8);
    expect(file.columns.filter((c) => c.type === 'string')).toHaveLength(13);
  });
});

describe('shapes that need care', () => {
  it('keeps column names with spaces, dots, quotes and non-ASCII letters', async () => {
    const { file, batches } = await readAll(await fileRangeSource(fixture('odd-names.parquet')));
    expect(file.columns).toEqual([
      { name: 'credit amount', type: 'integer' },
      { name: 'età (anni) ✓', type: 'number' },
      { name: '名前', type: 'string' },
      { name: 'dotted.name', type: 'boolean' },
      { name: 'quote"and,comma', type: 'string' },
    ]);
    expect(file.columns.map((_, index) => columnValues(batches, index))).toEqual([
      [1500, 2300, null],
      [31.5, null, 47],
      ['Ana', 'Bo', null],
      [true, null, false],
      ['x', 'y', 'z'],
    ]);
  });

  it('reads a 0-row file as its columns and no batch', async () => {
    const { file, batches } = await readAll(await fileRangeSource(fixture('empty.parquet')));
    expect(file.rowCount).toBe(0);
    expect(file.columns).toHaveLength(15);
    expect(batches).toEqual([]);
  });

  it('reads only the columns asked for, in the order asked', async () => {
    const { batches } = await readAll(await fileRangeSource(fixture('german-credit.parquet')), ['AGE', 'PURPOSE']);
    expect(batches[0]?.columns.map((values) => values[0])).toEqual([67, 'A43']);
  });
});

describe('ranged reads', () => {
  const bytes = new Uint8Array(readFileSync(fixture('row-groups.parquet')));

  it('reads the footer, then each row group once: about the file size in all', async () => {
    const source = memorySource(bytes);
    const file = await openParquet(source);
    const footerStart = bytes.length - 64 * 1024;
    expect(source.reads).toEqual([[footerStart, bytes.length]]);

    const groupReads: Array<Array<[number, number]>> = [];
    let seen = source.reads.length;
    for await (const batch of file.batches()) {
      groupReads[batch.rowGroup] = source.reads.slice(seen);
      seen = source.reads.length;
    }
    expect(file.rowGroups).toBe(4);
    // One read for each row group that starts before the footer read; the rest come from it.
    expect(groupReads[0]).toHaveLength(1);
    expect(groupReads.every((reads) => reads.length <= 1)).toBe(true);
    const ranges = groupReads.flat();
    expect(ranges[0]?.[0]).toBe(4);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.[0]).toBe(ranges[i - 1]?.[1]);
    expect(ranges.at(-1)?.[1]).toBeGreaterThan(footerStart);
    const total = source.reads.reduce((sum, [start, end]) => sum + end - start, 0);
    expect(total).toBeGreaterThanOrEqual(bytes.length - 4);
    expect(total).toBeLessThan(bytes.length * 1.25);
  });

  it('splits row groups into batches of maxRows, fetching each row group once', async () => {
    const whole = await readAll(memorySource(bytes));
    const source = memorySource(bytes);
    const file = await openParquet(source);
    const batches: ParquetBatch[] = [];
    for await (const batch of file.batches({ maxRows: 300 })) batches.push(batch);

    const perGroup = [0, 300, 600, 900, 1200, 1500, 1800];
    expect(batches.map((b) => [b.rowGroup, b.rowStart, b.rowCount])).toEqual(
      [0, 1, 2, 3].flatMap((group) => perGroup.map((at) => [group, group * 2000 + at, at === 1800 ? 200 : 300])),
    );
    for (const index of [0, 1, 2, 3]) {
      expect(columnValues(batches, index)).toEqual(columnValues(whole.batches, index));
    }
    const total = source.reads.reduce((sum, [start, end]) => sum + end - start, 0);
    expect(total).toBeLessThan(bytes.length * 1.25);
  });

  it('slices v2 pages and dictionaries as well', async () => {
    const source = await fileRangeSource(fixture('types-page-v2.parquet'));
    const file = await openParquet(source);
    const batches: ParquetBatch[] = [];
    for await (const batch of file.batches({ maxRows: 4, columns: ['category', 'amount', 'opened'] })) {
      batches.push(batch);
    }
    expect(batches.map((b) => b.rowCount)).toEqual([4, 4, 2, 4, 4, 2, 4, 4, 2]);
    const expected = JSON.parse(readFileSync(fixture('types.expected.json'), 'utf8')).columns;
    expect([0, 1, 2].map((index) => columnValues(batches, index))).toEqual([
      expected.category,
      expected.amount,
      expected.opened,
    ]);
  });

  it('reads a small file once', async () => {
    const source = memorySource(new Uint8Array(readFileSync(fixture('german-credit.parquet'))));
    await readAll(source);
    expect(source.reads).toHaveLength(1);
  });

  it('fetches only the chunks of the columns asked for', async () => {
    const all = memorySource(bytes);
    await readAll(all);
    const one = memorySource(bytes);
    const { batches } = await readAll(one, ['flag']);
    const sum = (reads: Array<[number, number]>) => reads.slice(1).reduce((s, [start, end]) => s + end - start, 0);
    expect(sum(one.reads)).toBeLessThan(sum(all.reads) / 20);
    expect(columnValues(batches, 0).filter((flag) => flag === true)).toHaveLength(Math.ceil(8000 / 7));
  });
});

describe('files that cannot be read', () => {
  const snappy = new Uint8Array(readFileSync(fixture('types-snappy.parquet')));

  it('says a cut-short upload is truncated', async () => {
    const error = await formatError(new Uint8Array(readFileSync(fixture('truncated.parquet'))));
    expect(error.message).toMatch(/^truncated: the file starts like Parquet but does not end with PAR1/);
  });

  it('says a CSV named .parquet is not Parquet', async () => {
    const error = await formatError(new Uint8Array(readFileSync(fixture('not-parquet.parquet'))));
    expect(error.message).toBe('not a Parquet file: the file does not end with PAR1');
  });

  it('says an empty file is empty', async () => {
    expect((await formatError(new Uint8Array())).message).toBe('not a Parquet file: the file is empty');
  });

  it('names a nested column it cannot read', async () => {
    const error = await formatError(new Uint8Array(readFileSync(fixture('nested.parquet'))));
    expect(error.message).toMatch(/^unsupported nested column "tags"/);
  });

  it('says an encrypted file is not supported', async () => {
    const bytes = snappy.slice();
    bytes.set(new TextEncoder().encode('PARE'), bytes.length - 4);
    expect((await formatError(bytes)).message).toBe('encrypted Parquet files are not supported');
  });

  it('names a column whose type it cannot show', async () => {
    const error = await formatError(new Uint8Array(readFileSync(fixture('time-column.parquet'))));
    expect(error.message).toBe('unsupported type TIME in column "at"');
  });

  it('says when a date is beyond what JavaScript can show', async () => {
    const error = await formatError(new Uint8Array(readFileSync(fixture('far-date.parquet'))));
    expect(error.message).toMatch(/^a date or timestamp lies beyond year 275760/);
  });

  it('says when the footer claims more metadata than the file holds', async () => {
    const bytes = snappy.slice();
    new DataView(bytes.buffer).setUint32(bytes.length - 8, bytes.length, true);
    expect((await formatError(bytes)).message).toMatch(/^truncated or corrupt: the footer says \d+ bytes of metadata/);
  });

  it('turns damaged bytes anywhere into a ParquetFormatError, never another error', async () => {
    for (let at = 0; at < snappy.length - 16; at += 61) {
      const bytes = snappy.slice();
      bytes.fill(0xa7, at, at + 16);
      try {
        await readAll(memorySource(bytes));
      } catch (error) {
        expect(error, `damage at ${at}: ${String(error)}`).toBeInstanceOf(ParquetFormatError);
      }
    }
  });

  it('passes a failure of the source on untouched', async () => {
    const failure = new Error('S3 said no');
    const source = memorySource(new Uint8Array(readFileSync(fixture('row-groups.parquet'))));
    const file = await openParquet(source);
    source.read = async () => {
      throw failure;
    };
    await expect(readAll(source)).rejects.toBe(failure);
    const batches = file.batches()[Symbol.asyncIterator]();
    await expect(batches.next()).rejects.toBe(failure);
  });

  it('rejects an unknown or repeated column name and a maxRows that is not a positive integer', async () => {
    const file = await openParquet(await fileRangeSource(fixture('odd-names.parquet')));
    const first = (options: Parameters<typeof file.batches>[0]) => file.batches(options)[Symbol.asyncIterator]().next();
    await expect(first({ columns: ['nope'] })).rejects.toThrow('no column named "nope"');
    await expect(first({ columns: ['名前', '名前'] })).rejects.toThrow('a column is asked for twice');
    await expect(first({ maxRows: 0 })).rejects.toThrow('maxRows must be a positive integer');
  });
});
