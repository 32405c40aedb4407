import { createReadStream, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DatasetFault } from './fault.ts';
import { fileRangeSource } from './parquet.ts';
import { profileParquet } from './parquet-profile.ts';
import { profileCsv } from './profile.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/parquet/${name}`, import.meta.url));
const GERMAN_CSV = fileURLToPath(
  new URL('../../test/fixtures/datasets/german-credit/german_credit.csv', import.meta.url),
);

async function profileFile(name: string, targetColumn: string | null = null) {
  const path = fixture(name);
  const source = await fileRangeSource(path);
  try {
    return await profileParquet(
      { ...source, byteLength: source.byteLength, read: source.read, stream: async () => createReadStream(path) },
      { targetColumn, maxBytes: 1024 ** 3 },
    );
  } finally {
    await source.close();
  }
}

describe('Parquet profiles', () => {
  it('match the CSV twin of the same data written by pyarrow', async () => {
    const parquet = await profileFile('german-credit.parquet', 'CLASSIFICATION');
    const csv = await profileCsv(createReadStream(GERMAN_CSV), {
      format: 'csv',
      delimiter: null,
      targetColumn: 'CLASSIFICATION',
      maxBytes: 1024 ** 3,
      maxDecompressedBytes: 1024 ** 3,
    });
    expect(parquet.row_count).toBe(1000);
    expect(parquet.size_bytes).toBe(statSync(fixture('german-credit.parquet')).size);
    expect(parquet.delimiter).toBeNull();
    const strip = (c: (typeof csv.columns)[number]) => ({ ...c, distinct_estimate: 0 });
    expect(parquet.columns.map(strip)).toEqual(csv.columns.map(strip));
    expect(parquet.target).toEqual(csv.target);
    expect(parquet.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fail with a reason on a corrupt or non-Parquet file', async () => {
    for (const name of ['truncated.parquet', 'not-parquet.parquet']) {
      const error = await profileFile(name).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(DatasetFault);
      expect((error as DatasetFault).code).toBe('PARQUET_INVALID');
    }
    const empty = await profileFile('empty.parquet').catch((e: unknown) => e);
    expect((empty as DatasetFault).code).toBe('HEADER_ONLY');
  });

  it('reads every codec fixture to the same profile', async () => {
    const reference = await profileFile('types-none.parquet');
    for (const codec of ['snappy', 'gzip', 'zstd', 'brotli', 'lz4', 'page-v2']) {
      const p = await profileFile(`types-${codec}.parquet`);
      expect(p.columns, codec).toEqual(reference.columns);
      expect(p.row_count).toBe(reference.row_count);
    }
    expect(readFileSync(fixture('types.expected.json'), 'utf8').length).toBeGreaterThan(0);
  });
});
