/**
 * Profiling a Parquet object: the footer and then one row group at a time through ranged reads
 * (memory for a row group, not the file), while the whole object streams once through SHA-256.
 * Columns get the same profiles as CSV columns; a declared floating-point column stays `number`
 * even when every value happens to be whole.
 */
import { createHash } from 'node:crypto';
import { ColumnProfiler } from './columns.ts';
import { checkColumnNames } from './csv-scan.ts';
import { bytes, DatasetFault } from './fault.ts';
import { openParquet, type ParquetFile, ParquetFormatError, type RangeSource } from './parquet.ts';
import { type ProfileFindings, sampleSizeFor, targetProfile } from './profile.ts';

export interface ParquetObject extends RangeSource {
  /** The whole object, once, for its digest. */
  stream(): Promise<AsyncIterable<Uint8Array>>;
}

const invalid = (error: unknown): never => {
  if (error instanceof ParquetFormatError) throw new DatasetFault('PARQUET_INVALID', error.message);
  throw error;
};

async function digest(source: ParquetObject): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of await source.stream()) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { sha256: hash.digest('hex'), size };
}

export async function profileParquet(
  source: ParquetObject,
  options: { readonly targetColumn: string | null; readonly maxBytes: number },
): Promise<ProfileFindings> {
  if (source.byteLength > options.maxBytes) {
    throw new DatasetFault(
      'FILE_TOO_LARGE',
      `The file is larger than the ${bytes(options.maxBytes)} this platform accepts.`,
    );
  }
  const hashing = digest(source);
  // Attach a handler now, so a failed digest is never an unhandled rejection while rows are read.
  hashing.catch(() => undefined);
  const file: ParquetFile = await openParquet(source).catch(invalid);
  const names = file.columns.map((c) => c.name);
  checkColumnNames(names, 'Parquet schema');
  if (file.rowCount === 0) throw new DatasetFault('HEADER_ONLY', 'The Parquet file has columns but no rows.');
  const sample = sampleSizeFor(names.length);
  const profilers = names.map((name, i) => new ColumnProfiler(name, i, sample));
  try {
    for await (const batch of file.batches()) {
      batch.columns.forEach((values, j) => {
        const profiler = profilers[j] as ColumnProfiler;
        for (let k = 0; k < batch.rowCount; k++) profiler.addValue(values[k]);
      });
    }
  } catch (error) {
    invalid(error);
  }
  const { sha256, size } = await hashing;
  if (size !== source.byteLength) {
    throw new DatasetFault('OBJECT_CHANGED', 'The object changed while it was being profiled.');
  }
  const columns = profilers.map((p, i) => {
    const result = p.result();
    const declared = file.columns[i]?.type;
    return declared === 'number' && result.type === 'integer' ? { ...result, type: 'number' as const } : result;
  });
  let target = null;
  if (options.targetColumn !== null) {
    const profiler = profilers.find((p) => p.name === options.targetColumn);
    if (profiler === undefined) {
      throw new DatasetFault(
        'TARGET_NOT_FOUND',
        `The target column "${options.targetColumn}" is not in the file; its columns are ${names.map((n) => `"${n}"`).join(', ')}.`,
      );
    }
    target = targetProfile(profiler, file.rowCount);
  }
  return {
    sha256,
    size_bytes: size,
    decompressed_bytes: null,
    delimiter: null,
    row_count: file.rowCount,
    columns,
    target,
  };
}
