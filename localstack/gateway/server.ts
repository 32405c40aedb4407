/**
 * The local API Gateway: routes from the synthesized template, SigV4 (service execute-api) on every
 * route but CORS preflights, the dev X-User header while dev auth is on, proxy events to the local
 * functions, and its own errors in the API's error body with CORS headers, as the stack configures.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DEV_USER_PATTERN } from '@talaty/schemas';
import type { FunctionHost } from '../lambda/functions.ts';
import { listen } from '../listen.ts';
import { verifySigV4 } from '../sigv4.ts';
import { proxyEvent, type VerifiedCaller } from './proxy-event.ts';
import { type LocalRoute, matchResources, matchRoute } from './routes.ts';

/** A synchronous Lambda invocation carries at most 6 MB (API Gateway's own cap is 10 MB). */
const MAX_PAYLOAD = 6 * 1024 * 1024;

export interface GatewayOptions {
  readonly host?: string;
  readonly port: number;
  readonly routes: readonly LocalRoute[];
  readonly functions: FunctionHost;
  /** Access key → secret. */
  readonly credentials: Readonly<Record<string, string>>;
  /** Accept `X-User: <name>` in place of a signature (local development only). */
  readonly devAuth: boolean;
  readonly cors: { readonly allowOrigin: string; readonly allowHeaders: string; readonly allowMethods: string };
  readonly stage: string;
  /** The region signatures must be scoped to. */
  readonly region: string;
  /** Called with one line per request. */
  readonly log?: (line: Record<string, unknown>) => void;
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD) {
      throw new GatewayError(413, 'REQUEST_TOO_LARGE', 'The request is larger than a Lambda invocation allows (6 MB).');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  // As the stack's gateway responses: CORS headers on API Gateway's own errors too.
  const corsHeaders = {
    'Access-Control-Allow-Origin': options.cors.allowOrigin,
    'Access-Control-Expose-Headers': 'ETag, Location',
    Vary: 'Origin',
  };
  const missingToken = (detail: string) =>
    new GatewayError(403, 'MISSING_AUTHENTICATION_TOKEN', `Missing Authentication Token (${detail}).`);

  const sendError = (res: ServerResponse, error: GatewayError) => {
    res.writeHead(error.status, { 'Content-Type': 'application/json', ...corsHeaders });
    res.end(JSON.stringify({ error: { code: error.code, message: error.message, details: [] } }));
  };

  /** API Gateway's IAM authorization, mirrored: its statuses and response types (the error `code`). */
  const authenticate = (req: IncomingMessage, url: URL, body: Buffer): VerifiedCaller => {
    const signed = req.headers.authorization !== undefined || url.searchParams.has('X-Amz-Signature');
    if (!signed) {
      const user = req.headers['x-user'];
      if (options.devAuth && typeof user === 'string') {
        if (!DEV_USER_PATTERN.test(user))
          throw new GatewayError(403, 'ACCESS_DENIED', 'X-User must be a plain user name.');
        return { accessKey: null, userArn: user };
      }
      throw missingToken('sign the request with SigV4');
    }
    const verdict = verifySigV4({
      method: req.method ?? 'GET',
      // The path exactly as sent: WHATWG URL would re-encode characters such as "{" and spaces.
      path: (req.url ?? '/').split('?')[0] as string,
      query: url.search.slice(1),
      headers: req.headers,
      body,
      service: 'execute-api',
      // Own properties only: a key named "constructor" must not find Object's.
      secretFor: (key) => (Object.hasOwn(options.credentials, key) ? options.credentials[key] : undefined),
    });
    if (!verdict.ok) {
      if (verdict.reason === 'missing') throw missingToken(verdict.message);
      const message =
        verdict.reason === 'unknown_key'
          ? `The security token included in the request is invalid. ${verdict.message}`
          : verdict.message;
      throw new GatewayError(403, 'INVALID_SIGNATURE', message);
    }
    if (verdict.region !== options.region) {
      throw new GatewayError(
        403,
        'INVALID_SIGNATURE',
        `Credential should be scoped to a valid region: the signature names ${verdict.region}, this API is in ${options.region}.`,
      );
    }
    return { accessKey: verdict.accessKeyId, userArn: verdict.accessKeyId };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';
    let status = 500;
    try {
      const body = await readBody(req);
      if (method === 'OPTIONS') {
        if (matchResources(options.routes, url.pathname).length === 0)
          throw missingToken(`no resource ${url.pathname}`);
        status = 204;
        res.writeHead(204, {
          ...corsHeaders,
          'Access-Control-Allow-Headers': options.cors.allowHeaders,
          'Access-Control-Allow-Methods': options.cors.allowMethods,
        });
        res.end();
        return;
      }
      // API Gateway answers an unknown resource or method as it answers an unsigned request.
      const match = matchRoute(options.routes, method, url.pathname);
      if ('missing' in match) throw missingToken(`no route ${method} ${url.pathname}`);
      const caller: VerifiedCaller =
        match.route.authorizationType === 'NONE' ? { accessKey: null, userArn: null } : authenticate(req, url, body);
      const event = proxyEvent(
        {
          method,
          path: url.pathname,
          resource: match.route.path,
          pathParameters: match.pathParameters,
          search: url.searchParams,
          headers: req.headers,
          body,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          stage: options.stage,
        },
        caller,
      );
      const outcome = await options.functions.invoke(match.route.functionName, event);
      const reply = outcome.ok ? (outcome.result as Partial<LambdaReply> | null) : null;
      if (reply === null || typeof reply.statusCode !== 'number') {
        if (!outcome.ok) {
          options.log?.({
            level: 'ERROR',
            message: 'function failed',
            function: match.route.functionName,
            ...outcome.error,
          });
        }
        throw new GatewayError(502, 'BAD_GATEWAY', 'Internal server error: the function failed or answered malformed.');
      }
      status = reply.statusCode;
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name] = String(value);
      for (const [name, values] of Object.entries(reply.multiValueHeaders ?? {})) headers[name] = values.map(String);
      res.writeHead(status, headers);
      res.end(reply.body === undefined ? '' : Buffer.from(reply.body, reply.isBase64Encoded ? 'base64' : 'utf8'));
    } catch (error) {
      const failure =
        error instanceof GatewayError ? error : new GatewayError(500, 'INTERNAL_ERROR', 'The local gateway failed.');
      if (!(error instanceof GatewayError)) options.log?.({ level: 'ERROR', message: String(error) });
      status = failure.status;
      if (!res.headersSent) sendError(res, failure);
      else res.end();
    } finally {
      options.log?.({ level: 'INFO', method, path: url.pathname, status, duration_ms: Date.now() - started });
    }
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  const { url, port } = await listen(server, options.port, options.host);
  return {
    url,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface LambdaReply {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, Array<string | number | boolean>>;
  body?: string;
  isBase64Encoded?: boolean;
}
