/**
 * Datasets and their immutable versions. A version's bytes go straight to S3; profiling fills in
 * the digest, row count and column schema, and from READY on nothing about it changes.
 */
import { z } from 'zod';
import {
  ColumnName,
  Description,
  Failure,
  IsoDate,
  immutableAudit,
  mutableAudit,
  Name,
  S3Uri,
  Sha256,
  Tags,
  Timestamp,
  Uuid,
  uniqueBy,
  VersionNumber,
} from './common.ts';

export const DatasetFormat = z
  .enum(['csv', 'csv.gz', 'parquet'])
  .meta({ id: 'DatasetFormat', description: 'File format: CSV with a header, gzip-compressed CSV, or Parquet.' });

export const CsvDelimiter = z.enum([',', ';', '\t']).describe('CSV field delimiter: comma, semicolon or tab.');

export const ColumnType = z.enum(['integer', 'number', 'boolean', 'string', 'date']).meta({
  id: 'ColumnType',
  description:
    'Type inferred by profiling from every non-missing value: integer, number (any real), ' +
    'boolean, string (categorical text) or date (ISO 8601).',
});

export const ColumnSchema = z
  .strictObject({
    name: ColumnName,
    type: ColumnType,
    missing_count: z.int().min(0).describe('Rows whose cell is empty (missing).'),
  })
  .meta({ id: 'ColumnSchema', description: 'One column of a dataset version, as profiling found it.' });

export const Dataset = z
  .strictObject({
    id: Uuid,
    name: Name,
    description: Description,
    tags: Tags,
    ...mutableAudit,
  })
  .meta({
    id: 'Dataset',
    title: 'Dataset',
    description: 'A named, versioned table of credit data (one row per applicant or account).',
    examples: [
      {
        id: '0b5e3c1e-7f0a-4c59-9f39-2f6a4c1b8d11',
        name: 'taiwan-default',
        description: 'UCI default of credit card clients, Taiwan 2005.',
        tags: ['cards', 'public'],
        created_by: 'alice',
        created_at: '2026-11-20T09:00:00.000Z',
        updated_by: 'alice',
        updated_at: '2026-11-20T09:00:00.000Z',
        row_version: 1,
      },
    ],
  });

const versionBase = {
  id: Uuid,
  dataset_id: Uuid,
  version: VersionNumber,
  format: DatasetFormat,
  delimiter: CsvDelimiter.nullable().describe(
    'CSV delimiter, declared at creation or detected by profiling; null for Parquet or not yet detected.',
  ),
  size_bytes: z.int().min(1).describe('Size of the uploaded object in bytes, as declared at creation.'),
  storage_uri: S3Uri.describe('Where the bytes live: s3://<bucket>/datasets/{dataset_id}/{version}/data.<ext>.'),
  as_of: IsoDate.nullable().describe('The date the data describes (snapshot or observation date), if known.'),
  target_column: ColumnName.nullable().describe('Column whose rate profiling reports, if named at commit.'),
  sha256: z.null(),
  row_count: z.null(),
  columns: z.null(),
  profile_uri: z.null(),
  failure: z.null(),
  ...immutableAudit,
  updated_at: Timestamp.describe('Last status change.'),
};

export const ReadyDatasetVersion = z
  .strictObject({
    ...versionBase,
    status: z.literal('READY'),
    sha256: Sha256.describe('SHA-256 of the stored bytes, computed while profiling.'),
    row_count: z.int().min(1).describe('Data rows, header excluded.'),
    columns: z
      .array(ColumnSchema)
      .min(1)
      .superRefine(uniqueBy((c) => c.name, 'column name', 'name'))
      .describe('Columns in file order; names are unique.'),
    profile_uri: S3Uri.describe('The full profile: s3://<bucket>/datasets/{dataset_id}/{version}/profile.json.'),
  })
  .superRefine((v, ctx) => {
    if (v.target_column !== null && !v.columns.some((c) => c.name === v.target_column)) {
      ctx.addIssue({ code: 'custom', path: ['target_column'], message: `"${v.target_column}" is not a column` });
    }
    v.columns.forEach((c, i) => {
      if (c.missing_count > v.row_count) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'missing_count'],
          message: `cannot exceed row_count (${v.row_count})`,
        });
      }
    });
  })
  .meta({
    id: 'ReadyDatasetVersion',
    description:
      'A profiled, immutable dataset version: the only usable state. Its target column, if named, ' +
      'is one of its columns, and no column misses more cells than there are rows.',
  });

const pendingVersionExample = {
  id: '7c3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
  dataset_id: '0b5e3c1e-7f0a-4c59-9f39-2f6a4c1b8d11',
  version: 3,
  status: 'PENDING_UPLOAD',
  format: 'csv.gz',
  delimiter: null,
  size_bytes: 7564965,
  storage_uri: 's3://talaty-artifacts/datasets/0b5e3c1e-7f0a-4c59-9f39-2f6a4c1b8d11/3/data.csv.gz',
  as_of: '2026-10-31',
  target_column: null,
  sha256: null,
  row_count: null,
  columns: null,
  profile_uri: null,
  failure: null,
  created_by: 'alice',
  created_at: '2026-11-22T10:00:00.000Z',
  updated_at: '2026-11-22T10:00:00.000Z',
};

export const DatasetVersion = z
  .discriminatedUnion('status', [
    z.strictObject({ ...versionBase, status: z.literal('PENDING_UPLOAD') }),
    z.strictObject({ ...versionBase, status: z.literal('PROFILING') }),
    ReadyDatasetVersion,
    z.strictObject({ ...versionBase, status: z.literal('FAILED'), failure: Failure }),
  ])
  .superRefine((v, ctx) => {
    if (v.format === 'parquet' && v.delimiter !== null) {
      ctx.addIssue({ code: 'custom', path: ['delimiter'], message: 'must be null for parquet' });
    }
  })
  .meta({
    id: 'DatasetVersion',
    title: 'DatasetVersion',
    description:
      'One immutable upload of a dataset. Status moves PENDING_UPLOAD → PROFILING → READY | FAILED. ' +
      'Digest, row count, columns and profile are set only when READY; a FAILED version carries ' +
      'its failure. A READY version never changes: new data is a new version.',
    examples: [
      {
        id: '5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
        dataset_id: '0b5e3c1e-7f0a-4c59-9f39-2f6a4c1b8d11',
        version: 1,
        status: 'READY',
        format: 'csv',
        delimiter: ',',
        size_bytes: 2862995,
        storage_uri: 's3://talaty-artifacts/datasets/0b5e3c1e-7f0a-4c59-9f39-2f6a4c1b8d11/1/data.csv',
        as_of: '2005-09-30',
        target_column: 'default.payment.next.month',
        sha256: 'a3f1c9d27b4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8',
        row_count: 30000,
        columns: [
          { name: 'LIMIT_BAL', type: 'number', missing_count: 0 },
          { name: 'EDUCATION', type: 'integer', missing_count: 0 },
          { name: 'default.payment.next.month', type: 'integer', missing_count: 0 },
        ],
        profile_uri: 's3://talaty-artifacts/datasets/0b5e3c1e-7f0a-4c59-9f39-2f6a4c1b8d11/1/profile.json',
        failure: null,
        created_by: 'alice',
        created_at: '2026-11-20T09:01:00.000Z',
        updated_at: '2026-11-20T09:01:09.000Z',
      },
      {
        id: '6b2d3e4f-5061-4b7c-9d8e-0f1a2b3c4d5e',
        dataset_id: '0b5e3c1e-7f0a-4c59-9f39-2f6a4c1b8d11',
        version: 2,
        status: 'FAILED',
        format: 'csv',
        delimiter: null,
        size_bytes: 1024,
        storage_uri: 's3://talaty-artifacts/datasets/0b5e3c1e-7f0a-4c59-9f39-2f6a4c1b8d11/2/data.csv',
        as_of: null,
        target_column: null,
        sha256: null,
        row_count: null,
        columns: null,
        profile_uri: null,
        failure: { code: 'RAGGED_ROW', message: 'Line 17 has 22 fields; the header has 24.' },
        created_by: 'alice',
        created_at: '2026-11-21T10:00:00.000Z',
        updated_at: '2026-11-21T10:00:02.000Z',
      },
      pendingVersionExample,
      {
        ...pendingVersionExample,
        id: '8d4f5a6b-7c8d-4e9f-8a0b-2c3d4e5f6a7b',
        version: 4,
        status: 'PROFILING',
        format: 'parquet',
        size_bytes: 1843300,
        storage_uri: 's3://talaty-artifacts/datasets/0b5e3c1e-7f0a-4c59-9f39-2f6a4c1b8d11/4/data.parquet',
        as_of: null,
        target_column: 'default.payment.next.month',
        created_at: '2026-11-23T10:00:00.000Z',
        updated_at: '2026-11-23T10:00:05.000Z',
      },
    ],
  });
