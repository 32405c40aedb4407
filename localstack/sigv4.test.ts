/**
 * The SigV4 verifier against requests signed by the AWS SDK's own signer and sent over real HTTP:
 * the server verifies what it received (raw path, raw query, Node's headers, body bytes).
 */
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SigV4Verdict, verifySigV4 } from './sigv4.ts';

const credentials = { accessKeyId: 'talaty-local', secretAccessKey: 'talaty-local-secret' };
const known: Record<string, string> = { [credentials.accessKeyId]: credentials.secretAccessKey };
const NOW = new Date('2026-03-14T15:09:26Z');

let server: Server;
let port = 0;
/** What the server expects; a test sets it before sending. */
let expectedService = 'execute-api';

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = req.url ?? '/';
      const q = raw.indexOf('?');
      const verdict = verifySigV4({
        method: req.method ?? 'GET',
        path: q < 0 ? raw : raw.slice(0, q),
        query: q < 0 ? '' : raw.slice(q + 1),
        headers: req.headers,
        body: Buffer.concat(chunks),
        service: expectedService,
        secretFor: (key) => known[key],
        now: NOW,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(verdict));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Query strings as the SDK's HTTP handler writes them (RFC 3986 encoding). */
const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

interface Spec {
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  service?: string;
  secret?: string;
  accessKeyId?: string;
  signingDate?: Date;
  /** Let the signer add x-amz-content-sha256 (the SDK does). @default true */
  checksum?: boolean;
}

function build(spec: Spec): HttpRequest {
  return new HttpRequest({
    method: spec.method ?? 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: spec.path ?? '/Execute',
    query: spec.query ?? {},
    headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...spec.headers },
    ...(spec.body === undefined ? {} : { body: spec.body }),
  });
}

function signer(spec: Spec) {
  return new SignatureV4({
    service: spec.service ?? 'execute-api',
    region: 'us-east-1',
    sha256: Sha256,
    applyChecksum: spec.checksum ?? true,
    credentials: {
      accessKeyId: spec.accessKeyId ?? credentials.accessKeyId,
      secretAccessKey: spec.secret ?? credentials.secretAccessKey,
    },
  });
}

async function sign(spec: Spec): Promise<HttpRequest> {
  return (await signer(spec).sign(build(spec), { signingDate: spec.signingDate ?? NOW })) as HttpRequest;
}

function send(req: HttpRequest, service = 'execute-api', body = req.body as string | undefined): Promise<SigV4Verdict> {
  expectedService = service;
  const query = Object.entries(req.query)
    .map(([k, v]) => `${encode(k)}=${encode(String(v))}`)
    .join('&');
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: query ? `${req.path}?${query}` : req.path,
        headers: req.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SigV4Verdict));
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

const ok = { ok: true, accessKeyId: 'talaty-local', region: 'us-east-1' };

describe('verifySigV4 accepts what the AWS SDK signs', () => {
  it('a JSON body with unicode', async () => {
    const body = JSON.stringify({ sql: "SELECT 'grüße 😀 — ✓'", note: 'ünïcödé' });
    expect(await send(await sign({ body }))).toEqual(ok);
  });

  it('a query string with special characters', async () => {
    const query = { 'b key': 'x y+z', a: 'é/?&=*()!', 'c~._-': "it's" };
    expect(await send(await sign({ method: 'GET', path: '/runs', query }))).toEqual(ok);
  });

  it('a path with spaces and braces, percent-encoded by the client', async () => {
    const path = `/datasets/${encode('my data {v1}')}/versions/${encode('a:b')}`;
    expect(await send(await sign({ method: 'GET', path }))).toEqual(ok);
  });

  it('an explicit x-amz-content-sha256 header and a body-less GET', async () => {
    const body = '{"x":1}';
    const hash = createHash('sha256').update(body).digest('hex');
    expect(await send(await sign({ body, headers: { 'x-amz-content-sha256': hash } }))).toEqual(ok);
    expect(await send(await sign({ method: 'GET', path: '/' }))).toEqual(ok);
  });

  it('another service name when the server expects it', async () => {
    expect(await send(await sign({ service: 'rds-data', body: '{}' }), 'rds-data')).toEqual(ok);
  });

  it('a presigned URL', async () => {
    const spec: Spec = { method: 'GET', path: '/files/a%20b.csv', query: { versionId: '3' } };
    const presigned = await signer(spec).presign(build(spec), {
      signingDate: new Date(NOW.getTime() - 60_000),
      expiresIn: 300,
    });
    expect(presigned.headers.authorization).toBeUndefined();
    expect(await send(presigned as HttpRequest)).toEqual(ok);
  });
});

describe('verifySigV4 refuses', () => {
  const body = '{"sql":"SELECT 1"}';

  it('an unsigned request as missing', async () => {
    const verdict = await send(build({ body }));
    expect(verdict).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('a tampered body, with or without x-amz-content-sha256', async () => {
    const tampered = '{"sql":"SELECT 2"}';
    expect(await send(await sign({ body }), 'execute-api', tampered)).toMatchObject({ reason: 'bad_signature' });
    const bare = await sign({ body, checksum: false });
    expect(bare.headers['x-amz-content-sha256']).toBeUndefined();
    expect(await send(bare)).toEqual(ok);
    expect(await send(bare, 'execute-api', tampered)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('a tampered signed header', async () => {
    const req = await sign({ body, headers: { 'x-amz-target': 'A' } });
    req.headers['x-amz-target'] = 'B';
    expect(await send(req)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('a tampered query string', async () => {
    const req = await sign({ method: 'GET', path: '/runs', query: { limit: '10' } });
    req.query = { limit: '11' };
    expect(await send(req)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('a wrong secret', async () => {
    const verdict = await send(await sign({ body, secret: 'not-the-secret' }));
    expect(verdict).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('an unknown access key', async () => {
    const verdict = await send(await sign({ body, accessKeyId: 'AKIDUNKNOWN' }));
    expect(verdict).toMatchObject({ ok: false, reason: 'unknown_key' });
  });

  it('a signature for another service', async () => {
    const verdict = await send(await sign({ body, service: 'lambda' }), 'rds-data');
    expect(verdict).toMatchObject({ ok: false, reason: 'wrong_service' });
    expect((verdict as { message: string }).message).toContain("'rds-data'");
  });

  it('a request signed 6 minutes ago or 6 minutes ahead', async () => {
    const old = await sign({ body, signingDate: new Date(NOW.getTime() - 6 * 60_000) });
    const ahead = await sign({ body, signingDate: new Date(NOW.getTime() + 6 * 60_000) });
    expect(await send(old)).toMatchObject({ ok: false, reason: 'expired' });
    expect(await send(ahead)).toMatchObject({ ok: false, reason: 'expired' });
    const recent = await sign({ body, signingDate: new Date(NOW.getTime() - 4 * 60_000) });
    expect(await send(recent)).toEqual(ok);
  });

  it('an expired presigned URL', async () => {
    const spec: Spec = { method: 'GET', path: '/files/x' };
    const presigned = await signer(spec).presign(build(spec), {
      signingDate: new Date(NOW.getTime() - 600_000),
      expiresIn: 300,
    });
    expect(await send(presigned as HttpRequest)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('a malformed Authorization header', async () => {
    const req = await sign({ body });
    req.headers.authorization = 'AWS4-HMAC-SHA256 Credential=talaty-local/20260314/us-east-1/execute-api';
    expect(await send(req)).toMatchObject({ ok: false, reason: 'malformed' });
    req.headers.authorization = 'Bearer abc';
    expect(await send(req)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
