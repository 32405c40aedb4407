/**
 * The browser's SigV4 signing, verified over real HTTP by the local gateway's verifier: temporary
 * credentials (with their session token), a JSON body, a query string, and no Host header sent by hand.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SigV4Verdict, verifySigV4 } from '../../../../localstack/sigv4.ts';
import { createApi } from '../api.ts';
import { signRequest, type TemporaryCredentials } from './sigv4.ts';

const credentials: TemporaryCredentials = {
  accessKeyId: 'ASIATEMPORARYKEY',
  secretAccessKey: 'temporary-secret',
  sessionToken: 'session-token-from-cognito',
  expiration: new Date(Date.now() + 3_600_000),
};

let server: Server;
let baseUrl = '';
const seen: Array<{ verdict: SigV4Verdict; token: string | undefined; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = req.url ?? '/';
      const q = raw.indexOf('?');
      const body = Buffer.concat(chunks);
      const verdict = verifySigV4({
        method: req.method ?? 'GET',
        path: q < 0 ? raw : raw.slice(0, q),
        query: q < 0 ? '' : raw.slice(q + 1),
        headers: req.headers,
        body,
        service: 'execute-api',
        secretFor: (key) => (key === credentials.accessKeyId ? credentials.secretAccessKey : undefined),
        now: new Date(),
      });
      const token = req.headers['x-amz-security-token'];
      seen.push({ verdict, token: Array.isArray(token) ? token[0] : token, body: body.toString() });
      res.writeHead(verdict.ok ? 200 : 403, { 'content-type': 'application/json' });
      res.end(JSON.stringify(verdict.ok ? { ok: true } : { error: { code: 'SIGNATURE', message: verdict.reason } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dev/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('signRequest', () => {
  it('signs a POST with a JSON body and a query so the gateway verifier accepts it, token included', async () => {
    const signed = createApi(baseUrl, { authenticate: (r) => signRequest(r, credentials, 'eu-west-1') });
    await expect(signed.post('runs/execute?dry=1', { run_spec_id: 'a b/ü' })).resolves.toEqual({ ok: true });
    const last = seen.at(-1);
    expect(last?.verdict.ok).toBe(true);
    expect(last?.token).toBe(credentials.sessionToken);
    expect(JSON.parse(last?.body ?? '')).toEqual({ run_spec_id: 'a b/ü' });
  });

  it('a request whose body changed after signing is refused', async () => {
    const tampered = createApi(baseUrl, {
      authenticate: (r) => signRequest({ ...r, body: '{"run_spec_id":"other"}' }, credentials, 'eu-west-1'),
    });
    await expect(tampered.post('runs/execute', { run_spec_id: 'x' })).rejects.toMatchObject({
      status: 403,
      code: 'SIGNATURE',
    });
    expect(seen.at(-1)?.verdict.ok).toBe(false);
  });

  it('never sets Host, which browsers refuse', async () => {
    const headers = await signRequest(
      { method: 'GET', url: new URL('https://api.example.com/dev/runs'), headers: {}, body: undefined },
      credentials,
      'eu-west-1',
    );
    expect(Object.keys(headers).map((k) => k.toLowerCase())).not.toContain('host');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIATEMPORARYKEY\/\d{8}\/eu-west-1\/execute-api\//,
    );
  });
});
