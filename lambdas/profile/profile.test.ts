import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DatasetFault } from './fault.ts';
import { type ProfileOptions, profileCsv } from './profile.ts';

const datasets = new URL('../../test/fixtures/datasets/', import.meta.url);
const options: ProfileOptions = {
  format: 'csv',
  delimiter: null,
  targetColumn: null,
  maxBytes: 1024 ** 3,
  maxDecompressedBytes: 1024 ** 3,
};

async function* chunks(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

const profileText = (text: string | Uint8Array, extra: Partial<ProfileOptions> = {}, chunkSize = 7) =>
  profileCsv(chunks(typeof text === 'string' ? Buffer.from(text) : text, chunkSize), { ...options, ...extra });

async function fault(text: string | Uint8Array, extra: Partial<ProfileOptions> = {}): Promise<DatasetFault> {
  try {
    await profileText(text, extra);
  } catch (error) {
    if (error instanceof DatasetFault) return error;
    throw error;
  }
  throw new Error('expected a DatasetFault');
}

describe('the shared credit datasets', () => {
  const cases = [
    { file: 'german-credit/german_credit.csv', rows: 1000, columns: 21, missing: 0, format: 'csv' as const },
    { file: 'hmeq/hmeq.csv', rows: 5960, columns: 13, missing: 5271, format: 'csv' as const },
    { file: 'taiwan-default/UCI_Credit_Card.csv', rows: 30000, columns: 25, missing: 0, format: 'csv' as const },
    {
      file: 'give-me-some-credit/cs-training.csv.gz',
      rows: 150000,
      columns: 11,
      missing: 29731 + 3924,
      format: 'csv.gz' as const,
    },
  ];
  for (const c of cases) {
    it(`profiles ${c.file}: exact rows, columns, missing cells and digest`, async () => {
      const path = new URL(c.file, datasets);
      const profile = await profileCsv(createReadStream(path), { ...options, format: c.format });
      expect(profile.row_count).toBe(c.rows);
      expect(profile.columns).toHaveLength(c.columns);
      expect(profile.columns.reduce((s, col) => s + col.missing_count, 0)).toBe(c.missing);
      expect(profile.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
      expect(profile.delimiter).toBe(',');
    });
  }

  it('reads hmeq (CRLF) with types, numeric summaries and the target rate', async () => {
    const profile = await profileCsv(createReadStream(new URL('hmeq/hmeq.csv', datasets)), {
      ...options,
      targetColumn: 'BAD',
    });
    const byName = new Map(profile.columns.map((c) => [c.name, c]));
    expect(byName.get('BAD')?.type).toBe('integer');
    expect(byName.get('DEBTINC')?.type).toBe('number');
    expect(byName.get('REASON')?.type).toBe('string');
    expect(
      byName
        .get('REASON')
        ?.top_values.map((v) => v.value)
        .sort(),
    ).toEqual(['DebtCon', 'HomeImp']);
    expect(byName.get('LOAN')?.numeric?.min).toBe(1100);
    expect(byName.get('LOAN')?.numeric?.quantiles_exact).toBe(true);
    expect(profile.target?.positive_rate).toBeCloseTo(1189 / 5960, 12);
    expect(profile.target?.classes.map((c) => c.value).sort()).toEqual(['0', '1']);
  });
});

describe('CSV dialects', () => {
  it('detects semicolons and tabs, reads quotes, doubled quotes, CRLF and a BOM', async () => {
    const semicolon = await profileText('\uFEFFa;b;c\r\n1;"x;y";"say ""hi"""\r\n2;;"multi\nline"\r\n');
    expect(semicolon.delimiter).toBe(';');
    expect(semicolon.row_count).toBe(2);
    expect(semicolon.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(semicolon.columns[1]?.missing_count).toBe(1);
    expect(semicolon.columns[2]?.top_values.map((v) => v.value).sort()).toEqual(['multi\nline', 'say "hi"']);
    const tab = await profileText('a\tb\n1\t2\n3\t4');
    expect(tab.delimiter).toBe('\t');
    expect(tab.row_count).toBe(2);
    expect(tab.columns[1]?.numeric?.max).toBe(4);
  });

  it('honours a declared delimiter', async () => {
    const p = await profileText('a,b;c\n1,2;3\n', { delimiter: ';' });
    expect(p.columns.map((c) => c.name)).toEqual(['a,b', 'c']);
  });

  it('infers integer, number, boolean, date and string, with mixed columns as strings', async () => {
    const p = await profileText(
      'i,n,b,d,s,mixed\n1,1.5,true,2024-01-31,x,1\n-2,2,FALSE,2024-02-29,y,a\n,1e3,,2023-12-01,,\n',
    );
    expect(p.columns.map((c) => c.type)).toEqual(['integer', 'number', 'boolean', 'date', 'string', 'string']);
    expect(p.columns[1]?.numeric?.max).toBe(1000);
    expect(p.columns[3]?.dates).toEqual({ min: '2023-12-01', max: '2024-02-29' });
    expect(p.columns[0]?.numeric?.mean).toBeCloseTo(-0.5, 12);
    expect(p.columns[0]?.missing_count).toBe(1);
  });

  it('gives the same answer whatever the chunk boundaries', async () => {
    const text = 'a,b,"c ""q"""\n"1\n2",x,3\r\n4,"y,z",5\n';
    const reference = await profileText(text, {}, 1 << 20);
    for (const size of [1, 2, 3, 5, 8]) expect(await profileText(text, {}, size)).toEqual(reference);
  });
});

describe('bad input gets a reason with the line', () => {
  const cases: Array<[string, string | Uint8Array, string, RegExp]> = [
    ['an empty file', '', 'EMPTY_FILE', /empty/],
    ['a header-only file', 'a,b,c\n', 'HEADER_ONLY', /no data rows/],
    ['a ragged row', 'a,b,c\n1,2,3\n4,5\n', 'RAGGED_ROW', /Line 3 has 2 fields; the header has 3/],
    ['a long row', 'a,b\n1,2\n1,2,3\n', 'RAGGED_ROW', /Line 3 has 3 fields/],
    ['no header', '1,2,3\n4,5,6\n', 'NO_HEADER', /header/],
    ['duplicate names', 'a,b,a\n1,2,3\n', 'DUPLICATE_COLUMN', /Columns 1 and 3 are both named "a"/],
    ['an empty name', 'a,,c\n1,2,3\n', 'EMPTY_COLUMN_NAME', /Column 2/],
    [
      'non-UTF-8 bytes',
      Buffer.from([...Buffer.from('a,b\n1,caf'), 0xe9, ...Buffer.from('\n')]),
      'NOT_UTF8',
      /Line 2, column "b"/,
    ],
    ['binary junk', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01, 0x02]), 'BINARY_DATA', /binary/],
    [
      'a NUL byte deep in the data',
      Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(70_000, '1,2\n'), Buffer.from([0x31, 0x00, 0x2c, 0x32, 0x0a])]),
      'BINARY_DATA',
      /Line 17,502 contains a NUL byte/,
    ],
    ['an unterminated quote', 'a,b\n1,"abc\n2,3\n', 'UNTERMINATED_QUOTE', /line 2/],
    ['text after a closing quote', 'a,b\n1,"abc"d\n', 'MALFORMED_QUOTE', /Line 2, field 2/],
    ['a blank line inside the data', 'a,b\n1,2\n\n3,4\n', 'BLANK_LINE', /Line 3/],
    ['gzip bytes declared as csv', gzipSync('a,b\n1,2\n'), 'NOT_CSV', /csv\.gz/],
  ];
  for (const [what, text, code, message] of cases) {
    it(`fails ${what} with ${code}`, async () => {
      const f = await fault(text);
      expect(f.code).toBe(code);
      expect(f.message).toMatch(message);
    });
  }

  it('tolerates blank lines at the end', async () => {
    expect((await profileText('a,b\n1,2\n\n\n')).row_count).toBe(1);
  });

  it('refuses a file over the maximum and a gzip bomb', async () => {
    expect((await fault('a,b\n1,2\n3,4\n', { maxBytes: 8 })).code).toBe('FILE_TOO_LARGE');
    const bomb = gzipSync(Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(4 * 1024 * 1024, '0,0\n')]));
    const f = await fault(bomb, { format: 'csv.gz', maxDecompressedBytes: 1024 * 1024 });
    expect(f.code).toBe('DECOMPRESSED_TOO_LARGE');
    expect(f.message).toMatch(/gzip bomb/);
    expect((await fault(Buffer.from('not gzip at all'), { format: 'csv.gz' })).code).toBe('GZIP_INVALID');
    const truncated = gzipSync('a,b\n1,2\n3,4\n').subarray(0, 15);
    expect((await fault(truncated, { format: 'csv.gz' })).code).toBe('GZIP_INVALID');
  });

  it('names a target that is not a column', async () => {
    const f = await fault('a,b\n1,2\n', { targetColumn: 'bad' });
    expect(f.code).toBe('TARGET_NOT_FOUND');
    expect(f.message).toMatch(/"bad".*"a", "b"/);
  });
});

describe('binary files', () => {
  it('refuses control bytes at the start as binary, not as bad UTF-8', async () => {
    const junk = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131 + 7) % 256));
    const f = await fault(junk);
    expect(f.code).toBe('BINARY_DATA');
    expect(f.message).toMatch(/binary data/);
  });
});

describe('answers that do not depend on chunking', () => {
  it('detects the delimiter and binary data from the whole start of the file', async () => {
    for (const size of [1, 2, 4, 5, 1 << 20]) {
      expect((await profileText('a,b;c;d\n1,2;3;4\n', {}, size)).delimiter).toBe(';');
      const control = `a,b\n${'1,2\n'.repeat(12)}\u0001,2\n`;
      expect((await fault(Buffer.from(control))).code).toBe('BINARY_DATA');
      await expect(profileText(control, {}, size)).rejects.toThrow(/binary data/);
    }
  });

  it('names a stray quote in a big file rather than the length of a line', async () => {
    const body = Array.from({ length: 300_000 }, (_, i) => `${i},x`).join('\n');
    const text = `id,height\n1,5'10"\n${body}\n`;
    const f = await profileText(text, {}, 65_536).catch((e: unknown) => e as DatasetFault);
    expect(f).toBeInstanceOf(DatasetFault);
    expect((f as DatasetFault).code).toBe('MALFORMED_QUOTE');
    expect((f as DatasetFault).message).toMatch(/Line 2, field 2/);
  });

  it('refuses a read that ends short of the committed size, and scales the bomb limit with it', async () => {
    const short = await profileText('a,b\n1,2\n', { objectBytes: 100 }).catch((e: unknown) => e);
    expect((short as DatasetFault).code).toBe('OBJECT_CHANGED');
    // 1.2 GiB of real-looking data from a large object is no bomb; the same ratio from a tiny one is.
    const { decompressedLimit } = await import('./profile.ts');
    expect(decompressedLimit(100 * 1024 ** 2, 50 * 1024 ** 3)).toBe(20_000 * 1024 ** 2);
    expect(decompressedLimit(300 * 1024 ** 2, 50 * 1024 ** 3)).toBe(50 * 1024 ** 3);
    expect(decompressedLimit(1024, 50 * 1024 ** 3)).toBe(1024 ** 3);
  });
});

describe('numbers', () => {
  it('parse exactly as Number() does, and whole numbers with exponents are integers', async () => {
    const { parseNumber } = await import('./columns.ts');
    const literals = [
      '-0',
      '1.',
      '.5',
      '+3',
      '1e5',
      '00012',
      '.00000000000000000000002',
      '123456789012345678',
      '0.1',
      '94.36666667',
    ];
    for (const literal of literals) {
      const bytes = Buffer.from(literal);
      expect(parseNumber(bytes, 0, bytes.length), literal).toBe(Number(literal));
    }
    const p = await profileText('income\n1e+05\n2500\n');
    expect(p.columns[0]?.type).toBe('integer');
  });

  it('keeps a value more frequent than 1/256 of a column among its top values', async () => {
    const rows = ['v'];
    for (let i = 0; i < 100_000; i++) rows.push(i % 300 === 0 ? 'frequent' : `u${i}`);
    const p = await profileText(`${rows.join('\n')}\n`, {}, 1 << 16);
    const top = p.columns[0]?.top_values[0];
    expect(top?.value).toBe('frequent');
    expect(p.columns[0]?.top_values_exact).toBe(false);
  });
});
