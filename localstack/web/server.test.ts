import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, startWebServer, type WebServer } from './server.ts';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** A raw request (fetch would normalise the path and decompress the body). */
function get(base: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const url = new URL(base);
    const req = request(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('local web server', () => {
  let root: string;
  let dist: string;
  let server: WebServer;
  const indexHtml = '<!doctype html><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script>';
  const bigScript = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `'row ${i}'`).join(',')}];\n`;
  const config = { mode: 'local', stage: 'dev', region: 'us-east-1', apiUrl: 'http://127.0.0.1:18000/' };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'talaty-web-'));
    dist = join(root, 'dist');
    const write = (path: string, content: string) => {
      mkdirSync(dirname(join(dist, path)), { recursive: true });
      writeFileSync(join(dist, path), content);
    };
    write('index.html', indexHtml);
    write('assets/index-abc123.js', bigScript);
    write('assets/index-abc123.css', 'body{margin:0}');
    write('assets/logo-1.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    write('.build-hash', 'abc');
    write('.vite/manifest.json', '{}');
    writeFileSync(join(root, 'secret.txt'), 'outside the app');
    server = await startWebServer({ port: 0 });
    server.serve({ dir: dist, config, apiOrigin: 'http://127.0.0.1:18000', s3Origin: 'http://127.0.0.1:19000' });
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 503 until it is handed the app', async () => {
    const early = await startWebServer({ port: 0 });
    try {
      expect((await get(early.url, '/')).status).toBe(503);
    } finally {
      await early.close();
    }
  });

  it('serves index.html at / and for client-side routes, never cached', async () => {
    for (const path of ['/', '/datasets', '/runs/abc/compare?ids=a,b', '/datasets/d1/versions/2']) {
      const reply = await get(server.url, path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.headers['cache-control']).toBe('no-cache');
      expect(reply.body.toString()).toBe(indexHtml);
    }
  });

  it('answers the runtime configuration at /config.json, never cached', async () => {
    const reply = await get(server.url, '/config.json');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(JSON.parse(reply.body.toString())).toEqual(config);
  });

  it('serves hashed assets with their content type, cached for good', async () => {
    const js = await get(server.url, '/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body.toString()).toBe(bigScript);
    expect((await get(server.url, '/assets/index-abc123.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(server.url, '/assets/logo-1.svg')).headers['content-type']).toBe('image/svg+xml');
  });

  it('answers 404 for a missing file with an extension, and for dotfiles', async () => {
    for (const path of ['/assets/missing-123.js', '/favicon.ico', '/.build-hash', '/.vite/manifest.json']) {
      const reply = await get(server.url, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body.toString()).not.toContain('<div id="root">');
    }
  });

  it('never serves a file outside the app directory', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    ]) {
      const reply = await get(server.url, path);
      expect(reply.body.toString(), path).not.toContain('outside the app');
      expect(reply.body.toString(), path).not.toContain('root:');
    }
    expect((await get(server.url, '/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get(server.url, '/%E0%A4%A')).status).toBe(404);
  });

  it('answers GET and HEAD only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const reply = await get(server.url, '/datasets', { method });
      expect(reply.status, method).toBe(405);
      expect(reply.headers.allow).toBe('GET, HEAD');
    }
    const head = await get(server.url, '/assets/index-abc123.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(bigScript));
    expect(head.body.length).toBe(0);
  });

  it("carries CloudFront's security headers, with the API and S3 origins in the CSP", async () => {
    for (const path of ['/', '/config.json', '/assets/index-abc123.js', '/missing.js']) {
      const { headers } = await get(server.url, path);
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      expect(headers['permissions-policy'], path).toContain('camera=()');
      expect(headers['cross-origin-opener-policy'], path).toBe('same-origin');
      const csp = String(headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("connect-src 'self' http://127.0.0.1:18000 http://127.0.0.1:19000;");
      expect(csp).toContain("frame-src 'self' http://127.0.0.1:19000;");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe');
    }
  });

  it('compresses text with brotli or gzip when the browser accepts it', async () => {
    const br = await get(server.url, '/assets/index-abc123.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.body.length).toBeLessThan(Buffer.byteLength(bigScript) / 4);
    expect(brotliDecompressSync(br.body).toString()).toBe(bigScript);

    const gzip = await get(server.url, '/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(Number(gzip.headers['content-length'])).toBe(gzip.body.length);
    expect(gunzipSync(gzip.body).toString()).toBe(bigScript);

    const plain = await get(server.url, '/assets/index-abc123.js', {
      headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(bigScript);
  });

  it('reads Accept-Encoding with quality values', () => {
    expect(chooseEncoding(undefined)).toBeUndefined();
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeUndefined();
  });
});
