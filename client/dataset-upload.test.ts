/**
 * The upload helper's part loop against a real HTTP server standing in for S3's presigned URLs,
 * with faults injected there (a 500, an expired URL's 403, a part that always fails) and an API
 * double that counts the presign batches: faults the real S3 server cannot be made to produce.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type UploadApi, uploadDatasetVersion } from './dataset-upload.ts';

const PART = 5 * 1024 * 1024;
let server: Server;
let base = '';
const puts: string[] = [];
const faults = new Map<string, number[]>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      puts.push(url);
      const planned = faults.get(url)?.shift();
      if (planned !== undefined) {
        res.writeHead(planned).end('injected');
        return;
      }
      res.writeHead(200, { ETag: `"etag-${url.split('/').pop()}-${Buffer.concat(chunks).length}"` }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function api(partCount: number, presigned: number[][], committed: unknown[]): UploadApi {
  let round = 0;
  return {
    get: async () => ({}),
    post: async (path, body) => {
      if (path.endsWith('/versions')) {
        return { version: 1, upload: { multipart: { upload_id: 'u', part_size: PART, part_count: partCount } } };
      }
      if (path.endsWith('/upload-parts')) {
        const numbers = (body as { part_numbers: number[] }).part_numbers;
        presigned.push(numbers);
        round += 1;
        return {
          parts: numbers.map((n) => ({ part_number: n, url: `${base}/r${round}/${n}` })),
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        };
      }
      committed.push(body);
      return { version: 1, status: 'PROFILING' };
    },
  };
}

it('presigns in batches of 100, one at a time, retries a 500 and re-presigns an expired part', async () => {
  const presigned: number[][] = [];
  const committed: unknown[] = [];
  faults.set('/r1/2', [500]);
  faults.set('/r1/3', [403]);
  const data = new Uint8Array(250 * PART).subarray(0, 249 * PART + 10);
  const progress: number[] = [];
  await uploadDatasetVersion(api(250, presigned, committed), 'd', data, {
    format: 'csv',
    concurrency: 6,
    onProgress: (sent) => progress.push(sent),
  });
  // Three batches of at most 100 cover 250 parts; the expired part's re-presign makes a fourth.
  expect(presigned.length).toBe(4);
  expect(presigned.every((b) => b.length <= 100)).toBe(true);
  expect(new Set(presigned.flat()).size).toBe(250);
  const parts = (committed[0] as { parts: Array<{ part_number: number; etag: string }> }).parts;
  expect(parts.map((p) => p.part_number)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  expect(parts[249]?.etag).toBe('etag-250-10');
  expect(progress.at(-1)).toBe(data.length);
});

it('stops taking parts after one fails for good, and commits nothing', async () => {
  puts.length = 0;
  const committed: unknown[] = [];
  faults.set('/r1/1', [400]);
  const data = new Uint8Array(40 * PART);
  await expect(
    uploadDatasetVersion(api(40, [], committed), 'd', data, { format: 'csv', concurrency: 2 }),
  ).rejects.toThrow(/400/);
  expect(committed).toEqual([]);
  expect(puts.length).toBeLessThan(5);
});
