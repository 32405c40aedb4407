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

/** Where a dataset version is on its way from upload to use; only READY is usable. */
export const DatasetVersionStatus = z
  .enum(['PENDING_UPLOAD', 'PROFILING', 'READY', 'FAILED'])
  .describe('PENDING_UPLOAD → PROFILING → READY | FAILED; only READY is usable.');

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
    latest_version: z
      .strictObject({ version: VersionNumber, status: DatasetVersionStatus })
      .nullable()
      .describe('The newest version and its status; null before the first.'),
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
        latest_version: { version: 3, status: 'READY' },
        created_by: 'alice',
        created_at: '2026-11-20T09:00:00.000Z',
        updated_by: 'alice',
        updated_at: '2026-11-20T09:00:00.000Z',
        row_version: 1,
      },
    ],
  });

const MiB = 1024 * 1024;

/** S3's multipart rules: parts of 5 MiB to 5 GiB (the last may be smaller), at most 10,000 of them. */
export const MultipartUpload = z
  .strictObject({
    upload_id: z.string().min(1).max(1024).describe("S3's id of the multipart upload."),
    part_size: z
      .int()
      .min(5 * MiB)
      .max(5 * 1024 * MiB)
      .describe('Bytes per part; every part but the last has exactly this size.'),
    part_count: z.int().min(1).max(10_000).describe('Parts to upload, numbered 1 to part_count.'),
  })
  .meta({
    id: 'MultipartUpload',
    description: 'A large upload in parts, uploaded in parallel through presigned URLs.',
  });

export const UploadPlan = z
  .union([
    z.strictObject({ method: z.literal('PUT').describe('One PUT of the whole file.') }),
    z.strictObject({ multipart: MultipartUpload }),
  ])
  .meta({
    id: 'UploadPlan',
    description:
      'How the bytes of a PENDING_UPLOAD version go to S3: one PUT, or parts whose URLs come from ' +
      'POST …/upload-parts.',
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
  upload: z.null().describe('How to upload, while PENDING_UPLOAD; null afterwards.'),
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
  upload: { method: 'PUT' },
  created_by: 'alice',
  created_at: '2026-11-22T10:00:00.000Z',
  updated_at: '2026-11-22T10:00:00.000Z',
};

const PendingDatasetVersion = z.strictObject({
  ...versionBase,
  status: z.literal('PENDING_UPLOAD'),
  upload: UploadPlan,
});

export const DatasetVersion = z
  .discriminatedUnion('status', [
    PendingDatasetVersion,
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
        upload: null,
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
        upload: null,
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
        upload: null,
        created_at: '2026-11-23T10:00:00.000Z',
        updated_at: '2026-11-23T10:00:05.000Z',
      },
    ],
  });

const ValueCount = z.strictObject({
  value: z.string().describe('The value as written in the file.'),
  count: z.int().min(1).describe('Rows with this value (a lower bound when the list is not exact).'),
});

export const NumericSummary = z
  .strictObject({
    min: z.number(),
    max: z.number(),
    mean: z.number(),
    std: z.number().min(0).describe('Population standard deviation.'),
    quantiles: z
      .strictObject({
        p01: z.number(),
        p05: z.number(),
        p25: z.number(),
        p50: z.number(),
        p75: z.number(),
        p95: z.number(),
        p99: z.number(),
      })
      .describe('Quantiles with linear interpolation between order statistics.'),
    quantiles_exact: z
      .boolean()
      .describe('True when computed from every value; otherwise from a uniform sample of 16,384 or fewer values.'),
  })
  .meta({ id: 'NumericSummary', description: 'Summary of the non-missing values of a numeric column.' });

export const ColumnProfile = z
  .strictObject({
    name: ColumnName,
    type: ColumnType,
    missing_count: z.int().min(0).describe('Rows whose cell is empty.'),
    distinct_estimate: z
      .int()
      .min(0)
      .describe('Distinct non-missing values, estimated by HyperLogLog (about 1.6% standard error).'),
    numeric: NumericSummary.nullable().describe('For integer and number columns; null otherwise.'),
    dates: z
      .strictObject({ min: z.string(), max: z.string() })
      .nullable()
      .describe('Earliest and latest value of a date column; null otherwise.'),
    top_values: z
      .array(ValueCount)
      .max(20)
      .describe(
        'The most frequent values, most frequent first: for string and boolean columns, and for ' +
          'numeric columns with at most 64 distinct values.',
      ),
    top_values_exact: z.boolean().describe('False when the column had too many distinct values to count them all.'),
  })
  .meta({ id: 'ColumnProfile', description: 'What profiling found in one column.' });

export const TargetProfile = z
  .strictObject({
    column: ColumnName,
    missing_count: z.int().min(0),
    classes: z
      .array(z.strictObject({ value: z.string(), count: z.int().min(1), rate: z.number().min(0).max(1) }))
      .max(20)
      .describe('The most frequent target values and their share of non-missing rows.'),
    positive_rate: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe('Share of 1 (or true) among non-missing rows when the target is binary 0/1 or true/false; else null.'),
  })
  .meta({ id: 'TargetProfile', description: 'The target column’s distribution, when one was named at commit.' });

export const DatasetProfile = z
  .strictObject({
    dataset_id: Uuid,
    version: VersionNumber,
    format: DatasetFormat,
    delimiter: CsvDelimiter.nullable(),
    size_bytes: z.int().min(1).describe('Bytes of the stored object.'),
    decompressed_bytes: z.int().min(0).nullable().describe('Bytes after gunzip, for csv.gz; null otherwise.'),
    sha256: Sha256.describe('SHA-256 of the stored object.'),
    row_count: z.int().min(1),
    columns: z.array(ColumnProfile).min(1),
    target: TargetProfile.nullable(),
    profiled_at: Timestamp,
    duration_ms: z.int().min(0),
  })
  .meta({
    id: 'DatasetProfile',
    title: 'DatasetProfile',
    description: 'The full profile of a READY dataset version, stored at datasets/{dataset_id}/{version}/profile.json.',
    examples: [
      {
        dataset_id: '0b5e3c1e-7f0a-4c59-9f39-2f6a4c1b8d11',
        version: 1,
        format: 'csv',
        delimiter: ',',
        size_bytes: 393267,
        decompressed_bytes: null,
        sha256: 'a3f1c9d27b4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8',
        row_count: 5960,
        columns: [
          {
            name: 'BAD',
            type: 'integer',
            missing_count: 0,
            distinct_estimate: 2,
            numeric: {
              min: 0,
              max: 1,
              mean: 0.1995,
              std: 0.3996,
              quantiles: { p01: 0, p05: 0, p25: 0, p50: 0, p75: 0, p95: 1, p99: 1 },
              quantiles_exact: true,
            },
            dates: null,
            top_values: [
              { value: '0', count: 4771 },
              { value: '1', count: 1189 },
            ],
            top_values_exact: true,
          },
          {
            name: 'REASON',
            type: 'string',
            missing_count: 252,
            distinct_estimate: 2,
            numeric: null,
            dates: null,
            top_values: [
              { value: 'DebtCon', count: 3928 },
              { value: 'HomeImp', count: 1780 },
            ],
            top_values_exact: true,
          },
        ],
        target: {
          column: 'BAD',
          missing_count: 0,
          classes: [
            { value: '0', count: 4771, rate: 0.8005 },
            { value: '1', count: 1189, rate: 0.1995 },
          ],
          positive_rate: 0.1995,
        },
        profiled_at: '2026-11-20T09:01:09.000Z',
        duration_ms: 412,
      },
    ],
  });

const PresignedUrl = z.url().describe('A presigned URL: no credentials needed until it expires.');

export const DatasetVersionCreated = z
  .strictObject({
    ...PendingDatasetVersion.shape,
    upload: z.union([
      z.strictObject({
        method: z.literal('PUT'),
        url: PresignedUrl.describe('PUT the whole file here (no extra headers needed), then commit.'),
        expires_at: Timestamp,
      }),
      z.strictObject({ multipart: MultipartUpload }),
    ]),
  })
  .meta({
    id: 'DatasetVersionCreated',
    description:
      'A new PENDING_UPLOAD version with where its bytes go: a presigned PUT URL, or a multipart upload ' +
      'whose part URLs come from POST …/upload-parts. Commit when the upload is done.',
  });

export const UploadPartUrls = z
  .strictObject({
    parts: z.array(z.strictObject({ part_number: z.int().min(1).max(10_000), url: PresignedUrl })),
    expires_at: Timestamp,
  })
  .meta({
    id: 'UploadPartUrls',
    description: 'Presigned URLs for parts of a multipart upload; each answers the part’s ETag header.',
  });

export const DatasetDownload = z
  .strictObject({
    url: PresignedUrl,
    expires_at: Timestamp,
    filename: z.string().min(1).max(300),
    size_bytes: z.int().min(1),
    sha256: Sha256,
  })
  .meta({ id: 'DatasetDownload', description: 'A short-lived link to the bytes of a READY dataset version.' });
