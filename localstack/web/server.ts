/**
 * The local web server: the built app (`web/dist`) on 127.0.0.1, as CloudFront serves it in AWS.
 * `/config.json` is the runtime configuration the local cloud hands it; hashed `/assets/*` are
 * cached for good, `index.html` and the configuration revalidated; any other path without a file
 * extension is a client-side route and gets `index.html`; a missing file is a 404. Responses carry
 * CloudFront's security headers and are gzip- or brotli-compressed when the browser accepts it.
 * Only GET and HEAD are served, and nothing outside the app's directory or starting with a dot.
 *
 * It listens first (the API and S3 need its origin for CORS before they start; its port may be 0)
 * and `serve(site)` hands it the app; until then it answers 503.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { headerLines, securityHeaders } from '../../lib/web-headers.ts';
import { closer, listen } from '../listen.ts';
import { cacheControl, compressible, contentType } from './headers.ts';

export interface WebServerOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Receives one line per request. */
  readonly log?: (line: Record<string, unknown>) => void;
}

export interface WebSite {
  /** The built app (`web/dist`). */
  readonly dir: string;
  /** The runtime configuration answered at `/config.json`. */
  readonly config: object;
  /** The API's origin (connect-src). */
  readonly apiOrigin: string;
  /** The S3 endpoint's origin (connect-src for uploads and artifacts, frame-src for the run report). */
  readonly s3Origin: string;
}

export interface WebServer {
  readonly url: string;
  readonly port: number;
  /** Starts answering with this app. */
  serve(site: WebSite): void;
  close(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  /** The version of the file that answered (path, mtime, size: the compression cache's key), when one did. */
  readonly version?: string;
}

const text = (status: number, message: string, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  body: Buffer.from(`${message}\n`),
});

/** The path's segments under the app's directory, or undefined for anything that would leave it or name a dotfile. */
function segments(pathname: string): string[] | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const parts = decoded.split(/[/\\]/).filter((part) => part !== '');
  if (parts.some((part) => part.startsWith('.') || part.includes('\0'))) return undefined;
  return parts;
}

/** The file at `parts` under `dir`, with its version (path, mtime and size: a rebuild changes it). */
async function fileAt(dir: string, parts: readonly string[]): Promise<{ path: string; version: string } | undefined> {
  const path = resolve(dir, ...parts);
  if (path !== dir && !path.startsWith(dir + sep)) return undefined;
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() === true ? { path, version: `${path}:${info.mtimeMs}:${info.size}` } : undefined;
}

/** Picks brotli or gzip from Accept-Encoding (q=0 refuses a coding). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((entry) => entry.trim().toLowerCase().split(';'))
      .filter(([, q]) => q === undefined || Number(q.trim().replace(/^q=/, '')) > 0)
      .map(([coding]) => coding),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  let site: (WebSite & { headers: Record<string, string> }) | undefined;
  /** Compressed bodies by encoding and file version: each asset is compressed once. */
  const compressed = new Map<string, Buffer>();

  const answer = async (req: IncomingMessage): Promise<Answer> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return text(405, `The web app answers GET and HEAD, not ${req.method}.`, { Allow: 'GET, HEAD' });
    }
    if (site === undefined) return text(503, 'The web app is starting.', { 'Retry-After': '1' });
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const parts = segments(pathname);
    if (parts === undefined) return text(404, 'Not found.');
    if (pathname === '/config.json') {
      const body = Buffer.from(JSON.stringify(site.config));
      return { status: 200, headers: { 'Content-Type': contentType(pathname), 'Cache-Control': 'no-cache' }, body };
    }
    const dir = resolve(site.dir);
    let file = await fileAt(dir, parts);
    let urlPath = pathname;
    if (file === undefined) {
      const last = parts.at(-1) ?? '';
      // A client-side route (no file extension) is the app's; a missing file is not.
      if (extname(last) !== '') return text(404, `${pathname} is not part of the web app.`);
      file = await fileAt(dir, ['index.html']);
      urlPath = '/index.html';
      if (file === undefined) return text(503, `The web app is not built: ${join(dir, 'index.html')} is missing.`);
    }
    const body = await readFile(file.path);
    return {
      status: 200,
      headers: { 'Content-Type': contentType(file.path), 'Cache-Control': cacheControl(urlPath) },
      body,
      version: file.version,
    };
  };

  const encode = (req: IncomingMessage, res: ServerResponse, reply: Answer): Buffer => {
    const type = reply.headers['Content-Type'] ?? '';
    if (reply.status !== 200 || !compressible(type) || reply.body.length < 1024) return reply.body;
    res.setHeader('Vary', 'Accept-Encoding');
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    if (encoding === undefined) return reply.body;
    res.setHeader('Content-Encoding', encoding);
    const key = reply.version === undefined ? undefined : `${encoding}:${reply.version}`;
    let body = key === undefined ? undefined : compressed.get(key);
    if (body === undefined) {
      body =
        encoding === 'br'
          ? brotliCompressSync(reply.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } })
          : gzipSync(reply.body, { level: 9 });
      if (key !== undefined) compressed.set(key, body);
    }
    return body;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    let reply: Answer;
    try {
      reply = await answer(req);
    } catch (error) {
      reply = text(500, `The local web server failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // CloudFront's response headers policy applies to every answer, errors included.
    for (const [name, value] of Object.entries({ ...site?.headers, ...reply.headers })) res.setHeader(name, value);
    const body = encode(req, res, reply);
    res.setHeader('Content-Length', body.length);
    res.writeHead(reply.status);
    res.end(req.method === 'HEAD' ? undefined : body);
    options.log?.({
      level: reply.status >= 500 ? 'ERROR' : 'INFO',
      method: req.method,
      path: req.url,
      status: reply.status,
      bytes: body.length,
      duration_ms: Date.now() - started,
    });
  };

  const server = createServer((req, res) => void handle(req, res));
  const { url, port } = await listen(server, options.port, options.host);
  return {
    url,
    port,
    serve: (served) => {
      // CloudFront's policy without what needs HTTPS: the local server speaks plain HTTP.
      const origins = { api: served.apiOrigin, storage: served.s3Origin, https: false };
      site = { ...served, headers: headerLines(securityHeaders(origins)) };
    },
    close: closer(server),
  };
}
