/**
 * Reads a Parquet dataset into a Table with the reader the profiler uses (hyparquet through
 * lambdas/profile/parquet.ts, one row group at a time), so the version profiled READY is the data
 * trained on. Integer and floating-point columns become number columns (NaN or null is missing),
 * unless the run reads the column as text (categorical features, the target), when each value is
 * written as a CSV export would hold it. Booleans (`true`/`false`), dates (`YYYY-MM-DD`),
 * timestamps (ISO 8601) and strings become text.
 */
import { fileRangeSource, openParquet, type ParquetValue } from '../../../lambdas/profile/parquet.ts';
import type { Column, Table } from '../data/table.ts';

export class ParquetError extends Error {
  override readonly name = 'ParquetError';
}

export interface ParquetOptions {
  /** Columns read as text even when they hold numbers (categorical features, the target). */
  readonly textColumns?: ReadonlySet<string>;
}

const asText = (value: ParquetValue): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : String(value);

export async function readParquet(path: string, options: ParquetOptions = {}): Promise<Table> {
  let source: Awaited<ReturnType<typeof fileRangeSource>>;
  try {
    source = await fileRangeSource(path);
  } catch (error) {
    throw new ParquetError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const file = await openParquet(source);
    if (file.rowCount === 0) throw new ParquetError(`${path} has no rows`);
    const numeric = file.columns.map(
      (c) => (c.type === 'integer' || c.type === 'number') && !(options.textColumns?.has(c.name) ?? false),
    );
    const numbers = numeric.map((isNumber) => (isNumber ? new Float64Array(file.rowCount).fill(Number.NaN) : null));
    const texts = numeric.map((isNumber) => (isNumber ? null : new Array<string | null>(file.rowCount).fill(null)));
    for await (const batch of file.batches()) {
      batch.columns.forEach((values, k) => {
        const number = numbers[k];
        const text = texts[k];
        for (let i = 0; i < batch.rowCount; i++) {
          const value = values[i];
          if (number) number[batch.rowStart + i] = typeof value === 'number' ? value : Number.NaN;
          else if (text) text[batch.rowStart + i] = asText(value);
        }
      });
    }
    const columns = file.columns.map(
      ({ name }, k): Column =>
        numeric[k]
          ? { kind: 'number', name, values: numbers[k] as Float64Array }
          : { kind: 'string', name, values: texts[k] as Array<string | null> },
    );
    return { rows: file.rowCount, columns };
  } catch (error) {
    if (error instanceof ParquetError) throw error;
    throw new ParquetError(`${path}: ${(error as Error).message}`);
  } finally {
    await source.close();
  }
}
