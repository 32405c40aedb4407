/**
 * The local S3 server with real clients: @aws-sdk/client-s3 (put, ranged get, listings past one
 * page, reads during a PUT that see the whole old or new object), presigned PUTs and presigned multipart parts sent by plain fetch, S3's checks and ETag on
 * CompleteMultipartUpload, AbortMultipartUpload,
 * the bucket's CORS for the web origin, persistence across a restart, the AWS CLI, and the child
 * process dying with its parent. s3rver verifies no checksum, so every read is hashed.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetBucketCorsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../config.ts';
import { corsRule, localS3Client, provisionBucket } from './bucket.ts';
import { type S3Server, startS3Server } from './server.ts';

const BUCKET = 'talaty-test-artifacts';
const ORIGIN = 'http://127.0.0.1:5173';
const REGION = 'us-east-1';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const execFileAsync = promisify(execFile);

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('hex');

let dir: string;
let server: S3Server;
let s3: S3Client;

const start = () =>
  startS3Server({
    port: 0,
    directory: join(dir, 's3'),
    credentials: LOCAL_CREDENTIALS,
    buckets: [{ name: BUCKET, webOrigin: ORIGIN }],
  });

async function read(key: string, range?: string): Promise<Buffer> {
  const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, ...(range ? { Range: range } : {}) }));
  return Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'talaty-s3-'));
  server = await start();
  s3 = localS3Client(server.url, LOCAL_CREDENTIALS, REGION);
});
afterAll(async () => {
  s3?.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An unsigned PUT (s3rver takes them) whose body arrives in 16 pieces, 25 ms apart; its status. */
function slowPut(key: string, data: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/${BUCKET}/${key}`, {
      method: 'PUT',
      headers: { 'Content-Length': data.length },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    const piece = Math.ceil(data.length / 16);
    const send = (offset: number) => {
      if (offset >= data.length) {
        req.end();
        return;
      }
      req.write(data.subarray(offset, offset + piece));
      setTimeout(() => send(offset + piece), 25);
    };
    send(0);
  });
}

describe('the local S3 server', () => {
  it('stores objects through the SDK and reads them whole and by range', async () => {
    const data = randomBytes(1024 * 1024 + 17);
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'data/one.bin', Body: data }));
    expect(put.ETag).toBe(`"${md5(data)}"`);
    expect(sha256(await read('data/one.bin'))).toBe(sha256(data));
    expect(sha256(await read('data/one.bin', 'bytes=1000-1999'))).toBe(sha256(data.subarray(1000, 2000)));
    expect(sha256(await read('data/one.bin', 'bytes=1048000-'))).toBe(sha256(data.subarray(1048000)));
  });

  it('lists more keys than one page holds', async () => {
    // Seeded over plain HTTP (s3rver takes unsigned PUTs): the SDK's signing would only slow this down.
    const keys = Array.from({ length: 1050 }, (_, i) => `many/${String(i).padStart(5, '0')}.txt`);
    for (let i = 0; i < keys.length; i += 32) {
      await Promise.all(
        keys.slice(i, i + 32).map(async (key) => {
          const res = await fetch(`${server.url}/${BUCKET}/${key}`, { method: 'PUT', body: key });
          expect(res.status).toBe(200);
        }),
      );
    }
    const listed: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: BUCKET, Prefix: 'many/' })) {
      pages += 1;
      listed.push(...(page.Contents ?? []).map((o) => o.Key as string));
    }
    expect(pages).toBe(2);
    expect(listed).toEqual(keys);
  });

  it('shows a reader the whole old object or the whole new one while a PUT is arriving, never a part', async () => {
    const hashesSeenDuring = async (key: string, data: Buffer): Promise<Set<string>> => {
      const seen = new Set<string>();
      let arrived = false;
      const put = slowPut(key, data).finally(() => {
        arrived = true;
      });
      while (!arrived) {
        seen.add(await read(key).then(sha256, (error: Error) => error.name));
      }
      expect(await put).toBe(200);
      // Once the PUT is answered, the object is there whole.
      expect(sha256(await read(key))).toBe(sha256(data));
      return seen;
    };
    const first = randomBytes(2 * 1024 * 1024);
    const created = await hashesSeenDuring('atomic/object.bin', first);
    expect(created.size).toBeGreaterThan(0);
    expect([...created].filter((h) => h !== 'NoSuchKey' && h !== sha256(first))).toEqual([]);
    const second = randomBytes(3 * 1024 * 1024 + 5);
    const replaced = await hashesSeenDuring('atomic/object.bin', second);
    expect(replaced.has(sha256(first))).toBe(true);
    expect([...replaced].filter((h) => h !== sha256(first) && h !== sha256(second))).toEqual([]);
  });

  it('copies an object whole, with its metadata or with new metadata', async () => {
    const data = randomBytes(300_000);
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'copy/source.bin', Body: data, ContentType: 'application/x-test' }),
    );
    await s3.send(
      new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy/kept.bin', CopySource: `${BUCKET}/copy/source.bin` }),
    );
    expect(sha256(await read('copy/kept.bin'))).toBe(sha256(data));
    const kept = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'copy/kept.bin' }));
    expect(kept).toMatchObject({
      ContentLength: data.length,
      ContentType: 'application/x-test',
      ETag: `"${md5(data)}"`,
    });
    await s3.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: 'copy/replaced.bin',
        CopySource: `${BUCKET}/copy/source.bin`,
        MetadataDirective: 'REPLACE',
        ContentType: 'text/plain',
      }),
    );
    const replaced = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'copy/replaced.bin' }));
    expect(replaced.ContentType).toBe('text/plain');
    expect(sha256(await read('copy/replaced.bin'))).toBe(sha256(data));
  });

  it('accepts a presigned PUT sent by plain fetch', async () => {
    const data = randomBytes(300_000);
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: BUCKET, Key: 'uploads/presigned.csv', ContentType: 'text/csv' }),
      { expiresIn: 300 },
    );
    const res = await fetch(url, { method: 'PUT', body: data, headers: { 'Content-Type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${md5(data)}"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'uploads/presigned.csv' }));
    expect(head).toMatchObject({ ContentLength: data.length, ContentType: 'text/csv' });
    expect(sha256(await read('uploads/presigned.csv'))).toBe(sha256(data));
  });

  it('completes a multipart upload whose parts went to presigned URLs', async () => {
    const Key = 'uploads/multipart.bin';
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(5 * 1024 * 1024), randomBytes(12_345)];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
    const etags: string[] = [];
    for (const [i, part] of parts.entries()) {
      const url = await getSignedUrl(s3, new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: i + 1 }), {
        expiresIn: 300,
      });
      const res = await fetch(url, { method: 'PUT', body: part });
      expect(res.status).toBe(200);
      etags.push(res.headers.get('etag') as string);
    }
    expect(etags).toEqual(parts.map((p) => `"${md5(p)}"`));
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    // S3's multipart ETag: the MD5 of the parts' binary MD5s, then the part count.
    const md5OfMd5s = md5(Buffer.concat(parts.map((p) => createHash('md5').update(p).digest())));
    expect(done.ETag).toBe(`"${md5OfMd5s}-3"`);
    const whole = Buffer.concat(parts);
    expect(sha256(await read(Key))).toBe(sha256(whole));
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key }));
    expect(head).toMatchObject({ ETag: done.ETag, ContentLength: whole.length });
  });

  it('refuses to complete a multipart upload as S3 does, and keeps serving', async () => {
    const Key = 'uploads/refused.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
    const small = randomBytes(1000);
    const uploaded = await Promise.all(
      [small, small].map((Body, i) =>
        s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: i + 1, Body })),
      ),
    );
    const complete = (Parts: Array<{ ETag: string; PartNumber: number }>, uploadId = UploadId) =>
      s3.send(
        new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId: uploadId, MultipartUpload: { Parts } }),
      );
    const [one, two] = uploaded.map((u) => u.ETag as string) as [string, string];
    await expect(
      complete([
        { ETag: one, PartNumber: 1 },
        { ETag: one, PartNumber: 3 },
      ]),
    ).rejects.toMatchObject({
      name: 'InvalidPart',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(complete([{ ETag: `"${md5(randomBytes(8))}"`, PartNumber: 1 }])).rejects.toMatchObject({
      name: 'InvalidPart',
    });
    await expect(
      complete([
        { ETag: two, PartNumber: 2 },
        { ETag: one, PartNumber: 1 },
      ]),
    ).rejects.toMatchObject({
      name: 'InvalidPartOrder',
    });
    await expect(
      complete([
        { ETag: one, PartNumber: 1 },
        { ETag: two, PartNumber: 2 },
      ]),
    ).rejects.toMatchObject({
      name: 'EntityTooSmall',
    });
    await expect(complete([{ ETag: one, PartNumber: 1 }], 'f'.repeat(32))).rejects.toMatchObject({
      name: 'NoSuchUpload',
      $metadata: { httpStatusCode: 404 },
    });
    const done = await complete([{ ETag: one, PartNumber: 1 }]);
    expect(done.ETag).toBe(`"${md5(createHash('md5').update(small).digest())}-1"`);
    expect(sha256(await read(Key))).toBe(sha256(small));
  });

  it('lets one of a Complete and an Abort of the same upload win, and keeps serving', async () => {
    const Key = 'uploads/raced.bin';
    const data = randomBytes(5 * 1024 * 1024 + 10);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
    const part = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: data }));
    const parts = { Parts: [{ ETag: part.ETag, PartNumber: 1 }] };
    const [completed, aborted] = await Promise.allSettled([
      s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: parts })),
      s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId })),
    ]);
    const outcomes = [completed.status, aborted.status];
    expect(outcomes).toContain('fulfilled');
    expect(outcomes).toContain('rejected');
    const loser = completed.status === 'rejected' ? completed.reason : (aborted as PromiseRejectedResult).reason;
    expect(loser).toMatchObject({ name: 'NoSuchUpload' });
    if (completed.status === 'fulfilled') expect(sha256(await read(Key))).toBe(sha256(data));
    else await expect(read(Key)).rejects.toMatchObject({ name: 'NoSuchKey' });
    // Still serving.
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'uploads/after-race.txt', Body: 'ok' }));
    expect((await read('uploads/after-race.txt')).toString()).toBe('ok');
  });

  it('aborts a multipart upload', async () => {
    const Key = 'uploads/aborted.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
    await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: randomBytes(1000) }));
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId }));
    await expect(s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId }))).rejects.toMatchObject({
      name: 'NoSuchUpload',
    });
    // A part for an upload that is gone, or for an upload id that is no id, is S3's NoSuchUpload.
    const part = (uploadId: string) =>
      s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId: uploadId, PartNumber: 1, Body: 'x' }));
    await expect(part(UploadId as string)).rejects.toMatchObject({ name: 'NoSuchUpload' });
    await expect(part('../../escape')).rejects.toMatchObject({ name: 'NoSuchUpload' });
  });

  it('refuses a part number outside 1 to 10000', async () => {
    const Key = 'uploads/numbered.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
    for (const PartNumber of [0, 10_001]) {
      await expect(
        s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber, Body: 'x' })),
      ).rejects.toMatchObject({ name: 'InvalidArgument', $metadata: { httpStatusCode: 400 } });
    }
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId }));
  });

  it("answers the web origin's CORS preflight and exposes ETag to it", async () => {
    const url = `${server.url}/${BUCKET}/uploads/from-browser.csv`;
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type,x-amz-date',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('PUT, GET, HEAD');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, x-amz-date');
    expect(['*', ORIGIN]).toContain(preflight.headers.get('access-control-allow-origin'));

    const put = await fetch(url, { method: 'PUT', body: 'a,b\n1,2\n', headers: { Origin: ORIGIN } });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(put.headers.get('access-control-expose-headers')).toBe('ETag');

    const foreign = await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('works with the AWS CLI', async () => {
    const file = join(dir, 'cli.bin');
    const data = randomBytes(200_000);
    writeFileSync(file, data);
    const aws = (...args: string[]) =>
      execFileAsync('aws', ['--endpoint-url', server.url, '--region', REGION, ...args], {
        encoding: 'buffer',
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
          AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
          AWS_RESPONSE_CHECKSUM_VALIDATION: 'when_required',
        },
      });
    await aws('s3', 'cp', '--only-show-errors', file, `s3://${BUCKET}/cli/data.bin`);
    const [listing, download] = await Promise.all([
      aws('s3', 'ls', `s3://${BUCKET}/cli/`),
      aws('s3', 'cp', '--only-show-errors', `s3://${BUCKET}/cli/data.bin`, '-'),
    ]);
    expect(listing.stdout.toString()).toMatch(/ 200000 data\.bin\n/);
    expect(sha256(download.stdout)).toBe(sha256(data));
  });

  it('keeps buckets, objects and CORS across a restart', async () => {
    const data = randomBytes(4096);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'durable.bin', Body: data }));
    await server.close();
    s3.destroy();
    server = await start();
    s3 = localS3Client(server.url, LOCAL_CREDENTIALS, REGION);
    expect(sha256(await read('durable.bin'))).toBe(sha256(data));
    const cors = await s3.send(new GetBucketCorsCommand({ Bucket: BUCKET }));
    expect(cors.CORSRules?.[0]).toMatchObject({ AllowedOrigins: [ORIGIN], ExposeHeaders: ['ETag'] });
  });

  it('stops when the process that started it dies', async () => {
    const script = join(dir, 'parent.mts');
    const serverModule = pathToFileURL(fileURLToPath(new URL('./server.ts', import.meta.url))).href;
    writeFileSync(
      script,
      [
        `import { startS3Server } from ${JSON.stringify(serverModule)};`,
        `const s = await startS3Server({ port: 0, directory: ${JSON.stringify(join(dir, 'orphan'))}, credentials: { accessKeyId: 'k', secretAccessKey: 's' }, buckets: [] });`,
        'process.stdout.write(String(s.port) + "\\n");',
        'setInterval(() => undefined, 1000);',
      ].join('\n'),
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      parent.stdout.setEncoding('utf8');
      parent.stdout.once('data', (line: string) => resolve(Number(line.trim())));
      parent.once('exit', (code) => reject(new Error(`the parent exited (${code}) before the server listened`)));
    });
    const listening = () =>
      new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    expect(await listening()).toBe(true);
    parent.kill('SIGKILL');
    let stillListening = true;
    for (let i = 0; i < 50 && stillListening; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stillListening = await listening();
    }
    expect(stillListening).toBe(false);
  });
});

describe('an external S3 endpoint', () => {
  it('gets the bucket and its CORS rule when missing, and again without harm', async () => {
    const external = await startS3Server({
      port: 0,
      directory: join(dir, 'external'),
      credentials: LOCAL_CREDENTIALS,
      buckets: [],
    });
    const client = localS3Client(external.url, LOCAL_CREDENTIALS, REGION);
    try {
      const options = {
        endpoint: external.url,
        bucket: 'talaty-external',
        webOrigin: ORIGIN,
        credentials: LOCAL_CREDENTIALS,
        region: REGION,
      };
      await expect(client.send(new HeadBucketCommand({ Bucket: 'talaty-external' }))).rejects.toMatchObject({
        $metadata: { httpStatusCode: 404 },
      });
      await provisionBucket(options);
      await provisionBucket(options);
      await client.send(new HeadBucketCommand({ Bucket: 'talaty-external' }));
      const cors = await client.send(new GetBucketCorsCommand({ Bucket: 'talaty-external' }));
      expect(cors.CORSRules).toEqual([corsRule(ORIGIN)]);
    } finally {
      client.destroy();
      await external.close();
    }
  });
});
