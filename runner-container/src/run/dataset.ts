/**
 * Reads the run's dataset version: from S3 into a scratch file (hashed while it streams) or from
 * a local path (hashed in one streaming pass), refuses bytes whose SHA-256 is not the manifest's,
 * and parses CSV, gzipped CSV or Parquet into a Table.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunManifest } from '@talaty/schemas';
import type { Table } from '../data/table.ts';
import { readCsv } from '../io/csv.ts';
import type { Locations } from '../io/location.ts';
import { readParquet } from '../io/parquet.ts';
import { requireColumns, textColumns } from './columns.ts';
import { RunFailure } from './failure.ts';
import type { RunLog } from './log.ts';

export interface LoadedDataset {
  readonly table: Table;
  readonly sha256: string;
  readonly bytes: number;
}

export async function loadDataset(
  manifest: RunManifest,
  locations: Locations,
  scratch: string,
  log: RunLog,
): Promise<LoadedDataset> {
  const { uri, format, sha256: pinned, columns } = manifest.dataset;
  // The profiled columns tell a missing column before any byte is read.
  if (columns !== null)
    requireColumns(
      manifest,
      columns.map((c) => c.name),
      'the profiled dataset version',
    );
  const s3 = uri.startsWith('s3://');
  const file = s3 ? join(scratch, 'dataset') : uri;
  try {
    log.info('reading the dataset', { uri, format });
    const { sha256, bytes } = s3 ? await locations.download(uri, file) : await locations.hashFile(file);
    if (pinned !== null && sha256 !== pinned) {
      throw new RunFailure(
        'DIGEST_MISMATCH',
        `the dataset ${uri} has sha256 ${sha256}, but the manifest pins ${pinned}: these are not the bytes of the dataset version`,
      );
    }
    const read = format === 'parquet' ? readParquet : readCsv;
    const table = await read(file, { textColumns: textColumns(manifest) });
    requireColumns(
      manifest,
      table.columns.map((c) => c.name),
      'the dataset',
    );
    log.info('read the dataset', { rows: table.rows, columns: table.columns.length, bytes, sha256 });
    return { table, sha256, bytes };
  } finally {
    if (s3) await rm(file, { force: true });
  }
}
