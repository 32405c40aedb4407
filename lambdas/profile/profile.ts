/**
 * Profiling a dataset object in one streaming pass: SHA-256 and size of the stored bytes, gunzip
 * under a decompressed-size limit, CSV tokenizing, and per-column profiles. Memory is bounded by
 * the chunk size, the longest record and the per-column sketches, never by the file size. Anything
 * wrong with the data is a DatasetFault with a reason a person understands.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { DatasetProfile } from '@talaty/schemas';
import { type ColumnProfile, ColumnProfiler } from './columns.ts';
import { CsvScanner, type Delimiter } from './csv-scan.ts';
import { bytes, DatasetFault } from './fault.ts';

/**
 * Float64 values kept for quantiles across all columns (16 MiB), at most 16,384 per column: a
 * uniform sample that size puts a quantile within about ±0.4% of rank of the true one.
 */
const SAMPLE_BUDGET = 2 * 1024 * 1024;
const MAX_SAMPLE = 16_384;

export type DatasetFormat = 'csv' | 'csv.gz' | 'parquet';

export interface ProfileOptions {
  readonly format: DatasetFormat;
  /** Declared delimiter; detected from the header when null. */
  readonly delimiter: Delimiter | null;
  readonly targetColumn: string | null;
  /** Stored bytes above this fail the version (FILE_TOO_LARGE). */
  readonly maxBytes: number;
  /** Decompressed bytes above this fail a csv.gz version (DECOMPRESSED_TOO_LARGE). */
  readonly maxDecompressedBytes: number;
  /**
   * The size of the object being read, when known (the committed upload): the gzip-bomb limit
   * scales with it, and a stream that ends short of it or runs past it is refused.
   */
  readonly objectBytes?: number;
}

/** What profiling found: the fields of the profile document that come from the data. */
export type ProfileFindings = Pick<
  DatasetProfile,
  'sha256' | 'size_bytes' | 'decompressed_bytes' | 'delimiter' | 'row_count' | 'columns' | 'target'
>;

export const sampleSizeFor = (columns: number): number =>
  Math.max(512, Math.min(MAX_SAMPLE, Math.floor(SAMPLE_BUDGET / Math.max(1, columns))));

/** The gzip-bomb limit for an object of `size` compressed bytes. */
export function decompressedLimit(size: number, configured: number): number {
  // Credit CSVs compress 5–20×; a bomb compresses 1000×. Allow 200× the object, at least 1 GiB.
  return Math.min(configured, Math.max(1024 ** 3, size * 200));
}

class ColumnsSink {
  profilers: ColumnProfiler[] = [];

  header(names: string[]): ColumnProfiler[] {
    const sample = sampleSizeFor(names.length);
    this.profilers = names.map((name, i) => new ColumnProfiler(name, i, sample));
    return this.profilers;
  }
}

/** The target's distribution from its column profiler. */
export function targetProfile(profiler: ColumnProfiler, rows: number): NonNullable<DatasetProfile['target']> {
  const present = rows - profiler.missing;
  const { values, exact } = profiler.valueCounts();
  const classes = values
    .slice(0, 20)
    .map(({ value, count }) => ({ value, count, rate: present === 0 ? 0 : count / present }));
  const keys = new Set(values.map((v) => v.value.toLowerCase()));
  const binary =
    exact && present > 0 && [...keys].every((k) => k === '0' || k === '1' || k === 'true' || k === 'false');
  const positives = values
    .filter((v) => v.value === '1' || v.value.toLowerCase() === 'true')
    .reduce((sum, v) => sum + v.count, 0);
  return {
    column: profiler.name,
    missing_count: profiler.missing,
    classes,
    positive_rate: binary ? positives / present : null,
  };
}

function findings(
  profilers: ColumnProfiler[],
  rows: number,
  options: ProfileOptions,
): { columns: ColumnProfile[]; target: DatasetProfile['target'] } {
  const columns = profilers.map((p) => p.result());
  if (options.targetColumn === null) return { columns, target: null };
  const target = profilers.find((p) => p.name === options.targetColumn);
  if (target === undefined) {
    const names = profilers.map((p) => `"${p.name}"`);
    throw new DatasetFault(
      'TARGET_NOT_FOUND',
      `The target column "${options.targetColumn}" is not in the file; its columns are ${names.slice(0, 30).join(', ')}${names.length > 30 ? ', …' : ''}.`,
    );
  }
  return { columns, target: targetProfile(target, rows) };
}

/**
 * Profiles a CSV or gzip-compressed CSV object, read once from `source` (chunks of the stored bytes).
 */
export async function profileCsv(source: AsyncIterable<Uint8Array>, options: ProfileOptions): Promise<ProfileFindings> {
  const hash = createHash('sha256');
  let stored = 0;
  async function* tapped(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      stored += chunk.length;
      if (options.objectBytes !== undefined && stored > options.objectBytes) {
        throw new DatasetFault(
          'OBJECT_CHANGED',
          `The object is longer than the ${options.objectBytes} bytes committed.`,
        );
      }
      if (stored > options.maxBytes) {
        throw new DatasetFault(
          'FILE_TOO_LARGE',
          `The file is larger than the ${bytes(options.maxBytes)} this platform accepts.`,
        );
      }
      hash.update(chunk);
      yield chunk;
    }
  }

  const sink = new ColumnsSink();
  const scanner = new CsvScanner(sink, options.delimiter);
  let decompressed: number | null = null;
  if (options.format === 'csv.gz') {
    const raw = Readable.from(tapped(), { objectMode: false, highWaterMark: 1 });
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    raw.on('error', (error) => gunzip.destroy(error));
    raw.pipe(gunzip);
    decompressed = 0;
    // Known size: a fixed limit. Unknown: the ratio to what has been read so far, checked per chunk.
    const known = options.objectBytes;
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        decompressed += chunk.length;
        const limit = decompressedLimit(known ?? Math.max(stored, 1), options.maxDecompressedBytes);
        if (decompressed > limit) {
          throw new DatasetFault(
            'DECOMPRESSED_TOO_LARGE',
            `The file decompresses to more than ${bytes(limit)} (${known === undefined ? `from ${bytes(stored)} compressed so far` : `${Math.round(decompressed / Math.max(stored, 1))}× its compressed size`}): ` +
              'refused as a possible gzip bomb. Split the data or upload it uncompressed.',
          );
        }
        scanner.push(chunk);
      }
    } catch (error) {
      raw.destroy();
      gunzip.destroy();
      if (error instanceof DatasetFault) throw error;
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('Z_')) {
        throw new DatasetFault(
          'GZIP_INVALID',
          `The file is not valid gzip (${(error as Error).message}${decompressed > 0 ? ` after ${bytes(decompressed)} of data` : ''}). Declare the format csv if it is not compressed.`,
        );
      }
      throw error;
    }
  } else {
    for await (const chunk of tapped()) scanner.push(chunk);
  }
  if (stored === 0) throw new DatasetFault('EMPTY_FILE', 'The file is empty.');
  if (options.objectBytes !== undefined && stored !== options.objectBytes) {
    throw new DatasetFault(
      'OBJECT_CHANGED',
      `Reading the object gave ${stored} bytes, but ${options.objectBytes} were committed: it changed or the read was cut short.`,
    );
  }
  scanner.end();
  const rows = scanner.rowCount;
  const { columns, target } = findings(sink.profilers, rows, options);
  return {
    sha256: hash.digest('hex'),
    size_bytes: stored,
    decompressed_bytes: decompressed,
    delimiter: scanner.detectedDelimiter,
    row_count: rows,
    columns,
    target,
  };
}
