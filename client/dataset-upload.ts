/**
 * Uploading a dataset version from a browser or a script: create the version, send the bytes
 * straight to S3 through the presigned URLs (one PUT, or parts in parallel with retries and
 * progress), commit, and optionally wait for profiling to end. The API calls go through the
 * caller's signed client, so the web app and scripts share this code.
 */
import type {
  CommitRequest,
  DatasetVersion,
  DatasetVersionCreate,
  DatasetVersionCreated,
  UploadPartUrls,
} from '@talaty/schemas';
import type { z } from 'zod';

/** The caller's API client: resolves the JSON body of a 2xx answer, rejects otherwise. */
export interface UploadApi {
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

export interface UploadOptions {
  readonly format: z.input<typeof DatasetVersionCreate>['format'];
  readonly delimiter?: z.input<typeof DatasetVersionCreate>['delimiter'];
  readonly as_of?: string;
  readonly target_column?: string;
  /** Parts in flight at once (default 4). */
  readonly concurrency?: number;
  /** Attempts per part before giving up (default 3). */
  readonly attempts?: number;
  /** Called after each part (or the single PUT) with bytes sent so far and the total. */
  readonly onProgress?: (sent: number, total: number) => void;
  readonly fetch?: typeof fetch;
  /**
   * Aborting it before the commit stops the upload and cancels the version (FAILED with
   * UPLOAD_CANCELLED, its bytes removed); the returned promise rejects with the abort reason.
   * Once the commit is sent, the upload completes.
   */
  readonly signal?: AbortSignal;
}

type Bytes = Blob | Uint8Array;
/** What fetch accepts as a PUT body (DOM lib types are not in every tsconfig). */
type UploadBody = NonNullable<NonNullable<Parameters<typeof fetch>[1]>['body']>;
const sizeOf = (data: Bytes) => (data instanceof Blob ? data.size : data.byteLength);
const slice = (data: Bytes, start: number, end: number): UploadBody =>
  data instanceof Blob ? data.slice(start, end) : (data.subarray(start, end) as unknown as UploadBody);

class PutError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** One PUT with retries on network errors and 5xx/408/429; answers the ETag S3 gave. */
async function put(
  send: typeof fetch,
  url: string,
  body: UploadBody,
  attempts: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    signal?.throwIfAborted();
    try {
      const answer = await send(url, { method: 'PUT', body, ...(signal === undefined ? {} : { signal }) });
      if (answer.ok) {
        await answer.arrayBuffer();
        const etag = answer.headers.get('etag');
        if (etag === null || etag === '') {
          throw new PutError('S3 answered no ETag header (is ETag exposed by the bucket CORS rule?)', 0);
        }
        return etag.replace(/^"|"$/g, '');
      }
      last = new PutError(`S3 answered ${answer.status} ${(await answer.text()).slice(0, 300)}`, answer.status);
      if (answer.status < 500 && answer.status !== 408 && answer.status !== 429) break;
    } catch (error) {
      if (error instanceof PutError || signal?.aborted) throw error;
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
  }
  throw last instanceof Error ? last : new Error(String(last));
}

/** Creates a version of the dataset, uploads `data` and commits it; answers the committed version. */
export async function uploadDatasetVersion(
  api: UploadApi,
  datasetId: string,
  data: Bytes,
  options: UploadOptions,
): Promise<DatasetVersion> {
  options.signal?.throwIfAborted();
  const send = options.fetch ?? fetch;
  const attempts = options.attempts ?? 3;
  const total = sizeOf(data);
  const base = `/datasets/${encodeURIComponent(datasetId)}/versions`;
  const created = (await api.post(base, {
    format: options.format,
    size_bytes: total,
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.as_of === undefined ? {} : { as_of: options.as_of }),
  })) as z.output<typeof DatasetVersionCreated>;
  const path = `${base}/${created.version}`;
  const commit: z.input<typeof CommitRequest> =
    options.target_column === undefined ? {} : { target_column: options.target_column };
  const { signal } = options;
  try {
    const sending = { send, attempts, signal, onProgress: options.onProgress, concurrency: options.concurrency ?? 4 };
    await sendBytes(api, path, created, data, sending, commit);
    signal?.throwIfAborted();
  } catch (error) {
    if (signal?.aborted) {
      // Given up: the version is cancelled, so nothing is left pending. A failure to cancel leaves it
      // to the sweep; the caller still hears of the abort.
      await api.post(`${path}/cancel`, undefined).catch(() => undefined);
      throw signal.reason;
    }
    throw error;
  }
  return (await api.post(`${path}/commit`, commit)) as DatasetVersion;
}

interface Sending {
  readonly send: typeof fetch;
  readonly attempts: number;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: UploadOptions['onProgress'];
  readonly concurrency: number;
}

/** The bytes to S3, with one PUT or in parts; a multipart upload's part list goes into `commit`. */
async function sendBytes(
  api: UploadApi,
  path: string,
  created: z.output<typeof DatasetVersionCreated>,
  data: Bytes,
  { send, attempts, signal, onProgress, concurrency }: Sending,
  commit: z.input<typeof CommitRequest>,
): Promise<void> {
  const total = sizeOf(data);
  if ('method' in created.upload) {
    await put(send, created.upload.url, slice(data, 0, total), attempts, signal);
    onProgress?.(total, total);
  } else {
    const { part_size, part_count } = created.upload.multipart;
    const etags = new Array<string>(part_count);
    let sent = 0;
    let next = 1;
    let failed = false;
    // Presigned part URLs by part number, fetched in batches of up to 100, one request at a time,
    // and fetched again when they are about to expire or S3 refuses one (403: expired).
    const urls = new Map<number, { url: string; expires: number }>();
    let batch: Promise<void> | null = null;
    const fetchBatch = (from: number): Promise<void> => {
      batch ??= (async () => {
        try {
          const numbers = Array.from({ length: Math.min(100, part_count - from + 1) }, (_, i) => from + i);
          const answer = (await api.post(`${path}/upload-parts`, { part_numbers: numbers })) as z.output<
            typeof UploadPartUrls
          >;
          const expires = Date.parse(answer.expires_at) - 60_000;
          for (const p of answer.parts) urls.set(p.part_number, { url: p.url, expires });
        } finally {
          batch = null;
        }
      })();
      return batch;
    };
    const urlOf = async (part: number): Promise<string> => {
      for (;;) {
        const known = urls.get(part);
        if (known !== undefined && known.expires > Date.now()) return known.url;
        urls.delete(part);
        await (batch ?? fetchBatch(part));
      }
    };
    const worker = async () => {
      for (let part = next++; part <= part_count && !failed && !signal?.aborted; part = next++) {
        const start = (part - 1) * part_size;
        const end = Math.min(total, start + part_size);
        try {
          try {
            etags[part - 1] = await put(send, await urlOf(part), slice(data, start, end), attempts, signal);
          } catch (error) {
            if (!(error instanceof PutError) || error.status !== 403) throw error;
            urls.delete(part); // expired: presign again, once
            etags[part - 1] = await put(send, await urlOf(part), slice(data, start, end), attempts, signal);
          }
        } catch (error) {
          failed = true; // the other workers stop taking parts
          throw error;
        }
        sent += end - start;
        onProgress?.(sent, total);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    commit.parts = etags.map((etag, i) => ({ part_number: i + 1, etag }));
  }
}

/** Polls a version until it leaves PENDING_UPLOAD/PROFILING (READY or FAILED), or the time is up. */
export async function waitForProfile(
  api: UploadApi,
  datasetId: string,
  version: number,
  { timeoutMs = 120_000, intervalMs = 250 } = {},
): Promise<DatasetVersion> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = (await api.get(`/datasets/${encodeURIComponent(datasetId)}/versions/${version}`)) as DatasetVersion;
    if (v.status === 'READY' || v.status === 'FAILED') return v;
    if (Date.now() > deadline) throw new Error(`version ${version} is still ${v.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
