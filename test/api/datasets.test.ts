/**
 * Dataset versions end to end on the local cloud: presigned uploads to the real S3 server (one PUT
 * and multipart), commit, asynchronous profiling through the Lambda Invoke endpoint, READY with
 * exact counts and digests, every kind of bad input ending FAILED with its reason and no profile,
 * immutability, download, cancelled uploads, and the sweep of uploads that never arrive.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DatasetProfile, DatasetVersion } from '@talaty/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type UploadApi, uploadDatasetVersion, waitForProfile } from '../../client/dataset-upload.ts';
import { LOCAL_CREDENTIALS } from '../../localstack/config.ts';
import type { ApiClient } from '../api-client.ts';
import { startTestCloud, type TestCloud } from '../local-cloud.ts';

const datasets = new URL('../fixtures/datasets/', import.meta.url);
const fixtures = new URL('../fixtures/', import.meta.url);
const MiB = 1024 * 1024;
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

let t: TestCloud;
let s3: S3Client;
let lambda: LambdaClient;

/** The test's signed client as the upload helper wants it: JSON of 2xx answers, errors otherwise. */
function uploadApi(api: ApiClient): UploadApi {
  const unwrap = (answer: { status: number; body: unknown; text: string }) => {
    if (answer.status >= 300) throw new Error(`${answer.status} ${answer.text}`);
    return answer.body;
  };
  return {
    get: async (path) => unwrap(await api.get(path)),
    post: async (path, body) => unwrap(await api.post(path, body)),
  };
}

async function newDataset(name: string): Promise<string> {
  const created = await t.api.post<{ id: string }>('/datasets', { name });
  expect(created.status, created.text).toBe(201);
  return created.body.id;
}

/** Uploads bytes as a new version of a new dataset, commits and waits for profiling to end. */
async function upload(
  name: string,
  data: Uint8Array,
  options: Parameters<typeof uploadDatasetVersion>[3],
): Promise<{ dataset: string; version: DatasetVersion }> {
  const dataset = await newDataset(name);
  const api = uploadApi(t.api);
  const committed = await uploadDatasetVersion(api, dataset, data, options);
  return { dataset, version: await waitForProfile(api, dataset, committed.version) };
}

async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: t.cloud.bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  t = await startTestCloud(
    undefined,
    {},
    {
      TALATY_UPLOAD_PART_BYTES: String(5 * MiB),
      TALATY_MAX_DATASET_BYTES: String(16 * MiB),
      TALATY_MAX_DECOMPRESSED_BYTES: String(32 * MiB),
      TALATY_UPLOAD_TTL_SECONDS: '1',
    },
  );
  const client = { region: 'us-east-1', credentials: LOCAL_CREDENTIALS };
  s3 = new S3Client({
    ...client,
    endpoint: t.cloud.s3Url,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  lambda = new LambdaClient({ ...client, endpoint: t.cloud.lambdaUrl });
}, 180_000);

afterAll(async () => {
  s3?.destroy();
  lambda?.destroy();
  await t?.dispose();
});

describe('the shared credit datasets upload and profile to READY', () => {
  const cases = [
    {
      file: 'german-credit/german_credit.csv',
      format: 'csv' as const,
      rows: 1000,
      columns: 21,
      target: 'CLASSIFICATION',
    },
    { file: 'hmeq/hmeq.csv', format: 'csv' as const, rows: 5960, columns: 13, target: 'BAD' },
    {
      file: 'taiwan-default/UCI_Credit_Card.csv',
      format: 'csv' as const,
      rows: 30000,
      columns: 25,
      target: 'default.payment.next.month',
    },
    {
      file: 'give-me-some-credit/cs-training.csv.gz',
      format: 'csv.gz' as const,
      rows: 150000,
      columns: 11,
      target: 'SeriousDlqin2yrs',
    },
  ];
  for (const c of cases) {
    it(`${c.file}: exact rows and columns, the file's sha256, a profile and a download`, async () => {
      const bytes = readFileSync(new URL(c.file, datasets));
      const header = (c.format === 'csv' ? bytes.toString('utf8', 0, 4096) : '').split('\n')[0] ?? '';
      const target = c.format === 'csv' && !header.includes(c.target) ? undefined : c.target;
      const { dataset, version } = await upload(c.file.split('/')[0] as string, bytes, {
        format: c.format,
        ...(target === undefined ? {} : { target_column: target }),
      });
      expect(version.status, JSON.stringify(version.failure)).toBe('READY');
      expect(version.row_count).toBe(c.rows);
      expect(version.columns).toHaveLength(c.columns);
      expect(version.sha256).toBe(sha256(bytes));
      expect(version.size_bytes).toBe(bytes.length);

      const profile = await t.api.get<DatasetProfile>(`/datasets/${dataset}/versions/1/profile`);
      expect(profile.status).toBe(200);
      expect(profile.body.row_count).toBe(c.rows);
      expect(profile.body.sha256).toBe(sha256(bytes));
      if (target !== undefined) expect(profile.body.target?.positive_rate).toBeGreaterThan(0);

      const link = await t.api.get<{ url: string; sha256: string }>(`/datasets/${dataset}/versions/1/download`);
      expect(link.status).toBe(200);
      const downloaded = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
      expect(sha256(downloaded)).toBe(version.sha256);
    });
  }
});

describe('multipart uploads', () => {
  it('uploads a 12 MiB file in three parallel parts with progress, and commits them', async () => {
    const rows = ['id,score,grade'];
    let size = rows[0]?.length ?? 0;
    for (let i = 1; size < 12 * MiB; i++) {
      const row = `${i},${(i * 7919) % 1000}.${i % 100},${'ABCDE'[i % 5]}`;
      rows.push(row);
      size += row.length + 1;
    }
    const bytes = Buffer.from(`${rows.join('\n')}\n`);
    const progress: number[] = [];
    const { dataset, version } = await upload('multipart', bytes, {
      format: 'csv',
      concurrency: 3,
      onProgress: (sent) => progress.push(sent),
    });
    expect(version.status, JSON.stringify(version.failure)).toBe('READY');
    expect(version.row_count).toBe(rows.length - 1);
    expect(version.sha256).toBe(sha256(bytes));
    expect(progress).toHaveLength(3);
    expect(progress.at(-1)).toBe(bytes.length);
    // A READY version takes no more parts and no second commit.
    const parts = await t.api.post(`/datasets/${dataset}/versions/1/upload-parts`, { part_numbers: [1] });
    expect(parts.status).toBe(409);
    const again = await t.api.post(`/datasets/${dataset}/versions/1/commit`, {});
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/READY/);
  });

  it('checks part numbers and the part list', async () => {
    const dataset = await newDataset('parts-checked');
    const created = await t.api.post<{ upload: { multipart: { part_count: number } } }>(
      `/datasets/${dataset}/versions`,
      { format: 'csv', size_bytes: 11 * MiB },
    );
    expect(created.status).toBe(201);
    expect(created.body.upload.multipart.part_count).toBe(3);
    const tooHigh = await t.api.post<{ error: { details: Array<{ path: string }> } }>(
      `/datasets/${dataset}/versions/1/upload-parts`,
      { part_numbers: [1, 4] },
    );
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error.details[0]?.path).toBe('part_numbers.1');
    const noParts = await t.api.post(`/datasets/${dataset}/versions/1/commit`, {});
    expect(noParts.status).toBe(400);
    expect(noParts.text).toMatch(/parts/);
  });
});

describe('bad input ends FAILED with a reason and no profile', () => {
  const bad: Array<[string, Uint8Array, 'csv' | 'csv.gz', string, RegExp]> = [
    ['ragged', Buffer.from('a,b,c\n1,2,3\n4,5\n'), 'csv', 'RAGGED_ROW', /Line 3 has 2 fields; the header has 3/],
    ['no-header', Buffer.from('1,2,3\n4,5,6\n'), 'csv', 'NO_HEADER', /header/],
    ['duplicate-names', Buffer.from('a,b,a\n1,2,3\n'), 'csv', 'DUPLICATE_COLUMN', /both named "a"/],
    ['empty-name', Buffer.from('a,,c\n1,2,3\n'), 'csv', 'EMPTY_COLUMN_NAME', /Column 2/],
    ['not-utf8', Buffer.from([...Buffer.from('a,b\n1,caf'), 0xe9, 0x0a]), 'csv', 'NOT_UTF8', /Line 2/],
    ['header-only', Buffer.from('a,b,c\n'), 'csv', 'HEADER_ONLY', /no data rows/],
    [
      'binary-junk',
      Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131 + 7) % 256)),
      'csv',
      'BINARY_DATA',
      /NUL|binary/,
    ],
    [
      'gzip-bomb',
      gzipSync(Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(48 * MiB, '0,0\n')])),
      'csv.gz',
      'DECOMPRESSED_TOO_LARGE',
      /gzip bomb/,
    ],
  ];
  for (const [name, bytes, format, code, message] of bad) {
    it(`${name} → ${code}`, async () => {
      const { dataset, version } = await upload(`bad-${name}`, bytes, { format });
      expect(version.status).toBe('FAILED');
      expect(version.failure?.code).toBe(code);
      expect(version.failure?.message).toMatch(message);
      expect(version.sha256).toBeNull();
      expect(await objectExists(`datasets/${dataset}/1/profile.json`)).toBe(false);
      expect((await t.api.get(`/datasets/${dataset}/versions/1/profile`)).status).toBe(409);
      expect((await t.api.get(`/datasets/${dataset}/versions/1/download`)).status).toBe(409);
    });
  }

  it('an empty upload and an upload of another size fail at commit', async () => {
    const dataset = await newDataset('wrong-size');
    for (const [declared, sent, code] of [
      [10, Buffer.alloc(0), 'EMPTY_FILE'],
      [10, Buffer.from('a,b\n1,2\n3,4\n5,6\n'), 'SIZE_MISMATCH'],
    ] as const) {
      const created = await t.api.post<{ version: number; upload: { url: string } }>(`/datasets/${dataset}/versions`, {
        format: 'csv',
        size_bytes: declared,
      });
      expect((await fetch(created.body.upload.url, { method: 'PUT', body: sent })).ok).toBe(true);
      const committed = await t.api.post<DatasetVersion>(
        `/datasets/${dataset}/versions/${created.body.version}/commit`,
        {},
      );
      expect(committed.status).toBe(200);
      expect(committed.body.status).toBe('FAILED');
      expect(committed.body.failure?.code).toBe(code);
    }
  });

  it('a file over the maximum: refused when declared, FAILED when uploaded anyway', async () => {
    const dataset = await newDataset('too-large');
    const declared = await t.api.post<{ error: { details: Array<{ path: string }> } }>(
      `/datasets/${dataset}/versions`,
      {
        format: 'csv',
        size_bytes: 17 * MiB,
      },
    );
    expect(declared.status).toBe(400);
    expect(declared.body.error.details[0]?.path).toBe('size_bytes');
    const created = await t.api.post<{ version: number; upload: { url: string } }>(`/datasets/${dataset}/versions`, {
      format: 'csv',
      size_bytes: 1000,
    });
    const big = Buffer.alloc(17 * MiB, 'x');
    expect((await fetch(created.body.upload.url, { method: 'PUT', body: big })).ok).toBe(true);
    const committed = await t.api.post<DatasetVersion>(
      `/datasets/${dataset}/versions/${created.body.version}/commit`,
      {},
    );
    expect(committed.body.failure?.code).toBe('FILE_TOO_LARGE');
  });

  it('a target that is not a column', async () => {
    const { version } = await upload('no-such-target', Buffer.from('a,b\n1,2\n'), {
      format: 'csv',
      target_column: 'bad',
    });
    expect(version.failure?.code).toBe('TARGET_NOT_FOUND');
  });

  it('the failure destination records a profiler that crashed on every attempt', async () => {
    const dataset = await newDataset('crashed');
    const created = await t.api.post<DatasetVersion & { upload: { url: string } }>(`/datasets/${dataset}/versions`, {
      format: 'csv',
      size_bytes: 8,
    });
    await fetch(created.body.upload.url, { method: 'PUT', body: 'a,b\n1,2\n' });
    // Profiling is started by the commit; the destination record then arrives as if it had crashed.
    await t.db.execute(
      "UPDATE dataset_versions SET status = 'PROFILING', object_etag = 'x' WHERE id = CAST(:id AS uuid)",
      {
        id: created.body.id,
      },
    );
    const record = {
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: { requestId: 'r', functionArn: 'arn', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { dataset_version_id: created.body.id },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: signal: killed' },
    };
    const failedFn = t.cloud.app.functions.find(
      (f) => f.file.includes('DatasetProfileFailed') || f.name.includes('DatasetProfileFailed'),
    );
    expect(failedFn).toBeDefined();
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: failedFn?.name, Payload: new TextEncoder().encode(JSON.stringify(record)) }),
    );
    expect(answer.FunctionError).toBeUndefined();
    const version = await t.api.get<DatasetVersion>(`/datasets/${dataset}/versions/1`);
    expect(version.body.status).toBe('FAILED');
    expect(version.body.failure?.code).toBe('PROFILING_FAILED');
    expect(version.body.failure?.message).toMatch(/signal: killed \(3 attempts\)/);
  });
});

describe('immutability and integrity', () => {
  it('a READY version whose object is replaced is detected, and the version never changes', async () => {
    const bytes = Buffer.from('x,y\n1,2\n3,4\n');
    const { dataset, version } = await upload('replaced', bytes, { format: 'csv' });
    expect(version.status).toBe('READY');
    await s3.send(
      new PutObjectCommand({ Bucket: t.cloud.bucket, Key: `datasets/${dataset}/1/data.csv`, Body: 'x,y\n9,9\n3,4\n' }),
    );
    const link = await t.api.get<{ error: { message: string } }>(`/datasets/${dataset}/versions/1/download`);
    expect(link.status).toBe(409);
    expect(link.body.error.message).toMatch(/changed after it was profiled/);
    const still = await t.api.get<DatasetVersion>(`/datasets/${dataset}/versions/1`);
    expect(still.body).toEqual(version);
    expect((await t.api.post(`/datasets/${dataset}/versions/1/commit`, {})).status).toBe(409);
  });

  it('commit before upload is refused and leaves the version pending; wrong commit shapes are 400', async () => {
    const dataset = await newDataset('early-commit');
    const created = await t.api.post<DatasetVersion>(`/datasets/${dataset}/versions`, {
      format: 'csv',
      size_bytes: 100,
    });
    const early = await t.api.post(`/datasets/${dataset}/versions/1/commit`, {});
    expect(early.status).toBe(409);
    expect(early.text).toMatch(/Nothing has been uploaded/);
    expect((await t.api.get<DatasetVersion>(`/datasets/${dataset}/versions/1`)).body.status).toBe('PENDING_UPLOAD');
    const parts = await t.api.post(`/datasets/${dataset}/versions/1/commit`, {
      parts: [{ part_number: 1, etag: 'x' }],
    });
    expect(parts.status).toBe(400);
    expect(created.body.version).toBe(1);
    const parquetDelimiter = await t.api.post(`/datasets/${dataset}/versions`, {
      format: 'parquet',
      size_bytes: 100,
      delimiter: ';',
    });
    expect(parquetDelimiter.status).toBe(400);
    expect(parquetDelimiter.text).toMatch(/delimiter/);
    const list = await t.api.get<{ items: DatasetVersion[] }>(`/datasets/${dataset}/versions?status=PENDING_UPLOAD`);
    expect(list.body.items.map((v) => v.version)).toEqual([1]);
    expect((await t.api.get(`/datasets/${dataset}/versions/2`)).status).toBe(404);
  });

  it('a cancelled upload ends FAILED with who cancelled it, its bytes and parts removed', async () => {
    const dataset = await newDataset('cancelled');
    const base = `/datasets/${dataset}/versions`;
    // One PUT, uploaded whole but never committed.
    const bytes = new TextEncoder().encode('BAD,LOAN\n1,100\n0,200\n');
    const single = await t.api.post<{ upload: { url: string } }>(base, { format: 'csv', size_bytes: bytes.length });
    expect((await fetch(single.body.upload.url, { method: 'PUT', body: bytes })).status).toBe(200);
    const key = `datasets/${dataset}/1/data.csv`;
    expect(await objectExists(key)).toBe(true);
    const cancelled = await t.api.post<DatasetVersion>(`${base}/1/cancel`, undefined);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'FAILED',
      failure: { code: 'UPLOAD_CANCELLED', message: expect.stringMatching(/cancelled by talaty-local/) },
    });
    expect(await objectExists(key)).toBe(false);
    // Nothing more happens to it: no commit, no second cancel.
    expect((await t.api.post(`${base}/1/commit`, {})).status).toBe(409);
    const again = await t.api.post(`${base}/1/cancel`, undefined);
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/has FAILED/);

    // Multipart, one part uploaded: the upload is aborted, so the part can no longer be completed.
    await t.api.post(base, { format: 'csv', size_bytes: 11 * MiB });
    const urls = await t.api.post<{ parts: Array<{ url: string }> }>(`${base}/2/upload-parts`, { part_numbers: [1] });
    const part = await fetch(urls.body.parts[0]?.url ?? '', { method: 'PUT', body: new Uint8Array(5 * MiB) });
    expect(part.status).toBe(200);
    expect((await t.api.post<DatasetVersion>(`${base}/2/cancel`, undefined)).body.status).toBe('FAILED');
    const late = await fetch(urls.body.parts[0]?.url ?? '', { method: 'PUT', body: new Uint8Array(5 * MiB) });
    expect(late.status).toBe(404);
    expect(await late.text()).toContain('NoSuchUpload');
    expect((await t.api.get<{ latest_version: unknown }>(`/datasets/${dataset}`)).body.latest_version).toEqual({
      version: 2,
      status: 'FAILED',
    });
  });

  it('the upload helper, aborted between parts, sends no more parts and leaves the version cancelled', async () => {
    const dataset = await newDataset('aborted-helper');
    const controller = new AbortController();
    const progress: number[] = [];
    const uploading = uploadDatasetVersion(uploadApi(t.api), dataset, new Uint8Array(12 * MiB), {
      format: 'csv',
      concurrency: 1,
      signal: controller.signal,
      onProgress: (sent) => {
        progress.push(sent);
        controller.abort();
      },
    });
    await expect(uploading).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual([5 * MiB]);
    const version = await t.api.get<DatasetVersion>(`/datasets/${dataset}/versions/1`);
    expect(version.body).toMatchObject({ status: 'FAILED', failure: { code: 'UPLOAD_CANCELLED' } });
  });

  it('the sweep expires an upload that never arrives and aborts its multipart upload', async () => {
    const dataset = await newDataset('never-uploaded');
    await t.api.post(`/datasets/${dataset}/versions`, { format: 'csv', size_bytes: 11 * MiB });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sweep = t.cloud.app.functions.find((f) => f.name.includes('DatasetSweep'));
    const answer = await lambda.send(
      new InvokeCommand({
        FunctionName: sweep?.name,
        Payload: new TextEncoder().encode(JSON.stringify({ 'detail-type': 'Scheduled Event', source: 'aws.events' })),
      }),
    );
    expect(answer.FunctionError).toBeUndefined();
    const version = await t.api.get<DatasetVersion>(`/datasets/${dataset}/versions/1`);
    expect(version.body.status).toBe('FAILED');
    expect(version.body.failure?.code).toBe('UPLOAD_EXPIRED');
    expect(version.body.failure?.message).toMatch(/create a new version/);
  });
});

describe('Parquet', () => {
  it('profiles a Parquet file written by another implementation', async () => {
    const file = new URL('parquet/german-credit.parquet', fixtures);
    const bytes = readFileSync(file);
    const { version } = await upload('parquet-german', bytes, { format: 'parquet', target_column: 'CLASSIFICATION' });
    expect(version.status, JSON.stringify(version.failure)).toBe('READY');
    expect(version.row_count).toBe(1000);
    expect(version.columns).toHaveLength(21);
    expect(version.sha256).toBe(sha256(bytes));
  });
});
