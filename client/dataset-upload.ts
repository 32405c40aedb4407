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
}

type Bytes = Blob | Uint8Array;
/** What fetch accepts as a PUT body (DOM lib types are not in every tsconfig). */
type UploadBody = NonNullable<NonNullable<Parameters<typeof fetch>[1]>['body']>;
const sizeOf = (data: Bytes) => (data instanceof Blob ? data.size : data.byteLength);
const slice = (data: Bytes, start: number, end: number): UploadBody =>
  data instanceof Blob ? data.slice(start, end) : (data.subarray(start, end) as unknown as UploadBody);

async function put(send: typeof fetch, url: string, body: UploadBody, attempts: number): Promise<string> {
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const answer = await send(url, { method: 'PUT', body });
      if (answer.ok) {
        await answer.arrayBuffer();
        return (answer.headers.get('etag') ?? '').replace(/^"|"$/g, '');
      }
      last = new Error(`S3 answered ${answer.status} ${(await answer.text()).slice(0, 300)}`);
      if (answer.status < 500 && answer.status !== 408 && answer.status !== 429) break;
    } catch (error) {
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

  if ('method' in created.upload) {
    await put(send, created.upload.url, slice(data, 0, total), attempts);
    options.onProgress?.(total, total);
  } else {
    const { part_size, part_count } = created.upload.multipart;
    const etags = new Array<string>(part_count);
    let sent = 0;
    let next = 1;
    const urls = new Map<number, string>();
    const urlOf = async (part: number): Promise<string> => {
      if (!urls.has(part)) {
        // Presign the next batch of up to 100 parts from this one.
        const numbers = Array.from({ length: Math.min(100, part_count - part + 1) }, (_, i) => part + i);
        const batch = (await api.post(`${path}/upload-parts`, { part_numbers: numbers })) as z.output<
          typeof UploadPartUrls
        >;
        for (const p of batch.parts) urls.set(p.part_number, p.url);
      }
      return urls.get(part) as string;
    };
    const worker = async () => {
      for (let part = next++; part <= part_count; part = next++) {
        const start = (part - 1) * part_size;
        const end = Math.min(total, start + part_size);
        etags[part - 1] = await put(send, await urlOf(part), slice(data, start, end), attempts);
        sent += end - start;
        options.onProgress?.(sent, total);
      }
    };
    // The first batch of URLs before the workers start, so they do not all ask for it at once.
    await urlOf(1);
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
    commit.parts = etags.map((etag, i) => ({ part_number: i + 1, etag }));
  }
  return (await api.post(`${path}/commit`, commit)) as DatasetVersion;
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
