/**
 * The local Lambda endpoint: Invoke (`POST /2015-03-31/functions/{FunctionName}/invocations`) for
 * @aws-sdk/client-lambda and `aws lambda invoke`, SigV4-signed for service `lambda`. Invocation
 * types as AWS: RequestResponse (200 with the payload; a function error is still 200, with
 * `X-Amz-Function-Error: Unhandled`), Event (202, then the asynchronous queue with retries and
 * destinations) and DryRun (204). Errors carry `x-amzn-ErrorType` and a JSON `message`, as Lambda's.
 *
 * It listens before the functions exist (their environment names its URL); `serve(host)` hands it
 * the functions, and until then it answers 503.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { LocalAccount } from '../cdk-out/intrinsics.ts';
import type { AsyncConfigInTemplate } from '../cdk-out/reader.ts';
import { listen } from '../listen.ts';
import { AsyncInvocations, type AsyncSettings, DEFAULT_ASYNC_SETTINGS } from './async-invocations.ts';
import type { FunctionHost } from './functions.ts';
import { functionArn, resolveFunction } from './names.ts';
import { authenticate, LambdaError, readBody, sendError, tooLarge } from './requests.ts';

/** Lambda's payload limits: 6 MB for a synchronous request or response, 256 KB for an event. */
const SYNC_LIMIT = 6 * 1024 * 1024;
const ASYNC_LIMIT = 256 * 1024;
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export interface LambdaApiOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Access key → secret. */
  readonly credentials: Readonly<Record<string, string>>;
  readonly account: LocalAccount;
  /** The template's EventInvokeConfigs; functions without one get Lambda's defaults. */
  readonly asyncConfigs?: readonly AsyncConfigInTemplate[];
  /** Delay before the first retry of a failed event, doubling after. @default 1000 */
  readonly retryBaseDelayMs?: number;
  /** How long `close()` lets running invocations finish. @default 5000 */
  readonly shutdownGraceMs?: number;
  /** Receives one line per request, and asynchronous failures. */
  readonly log?: (line: Record<string, unknown>) => void;
}

export interface LambdaApi {
  readonly url: string;
  readonly port: number;
  /** Starts answering with these functions. */
  serve(functions: FunctionHost): void;
  /** Queues an asynchronous invocation as `InvocationType: Event` would (for local event sources). */
  invokeAsync(functionName: string, payload: unknown): string;
  /** Resolves once no asynchronous event is queued, running or waiting for a retry. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Waits for the promises to settle, or for `ms`, whichever comes first. */
async function within(ms: number, promises: Promise<unknown>[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([Promise.allSettled(promises), timeout]);
  clearTimeout(timer);
}

export async function startLambdaApi(options: LambdaApiOptions): Promise<LambdaApi> {
  const { account } = options;
  let functions: FunctionHost | undefined;
  const configs = new Map((options.asyncConfigs ?? []).map((c) => [c.functionName, c]));
  const settings = new Map<string, AsyncSettings>();
  /** A function's asynchronous settings, resolved once it is served (a destination not run here is logged once). */
  const settingsFor = (name: string): AsyncSettings => {
    const known = settings.get(name);
    if (known !== undefined) return known;
    const c = configs.get(name);
    const local = (d: { functionName: string | null; arn: string } | null) => {
      if (d === null) return null;
      if (d.functionName !== null && functions?.has(d.functionName)) return d.functionName;
      options.log?.({ level: 'WARN', message: `destination ${d.arn} of ${name} is not run locally` });
      return null;
    };
    const resolved: AsyncSettings = {
      maximumRetryAttempts: c?.maximumRetryAttempts ?? DEFAULT_ASYNC_SETTINGS.maximumRetryAttempts,
      maximumEventAgeInSeconds: c?.maximumEventAgeInSeconds ?? DEFAULT_ASYNC_SETTINGS.maximumEventAgeInSeconds,
      onFailure: local(c?.onFailure ?? null),
      onSuccess: local(c?.onSuccess ?? null),
    };
    settings.set(name, resolved);
    return resolved;
  };
  const queue = new AsyncInvocations({
    invoke: (name, event) => {
      if (functions === undefined) throw new Error('no functions are served yet');
      return functions.invoke(name, event);
    },
    settingsFor,
    arnOf: (name) => functionArn(account, name),
    retryBaseDelayMs: options.retryBaseDelayMs ?? 1000,
    ...(options.log === undefined ? {} : { log: options.log }),
  });

  const invoke = async (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) => {
    const match = INVOKE_PATH.exec(url.pathname);
    if (req.method !== 'POST' || match === null) {
      throw new LambdaError(400, 'UnknownOperationException', `The local Lambda endpoint serves Invoke only.`);
    }
    const body = await readBody(req, SYNC_LIMIT);
    authenticate(req, body, options.credentials, account.region);
    if (functions === undefined) {
      throw new LambdaError(
        503,
        'ServiceException',
        'The local Lambda service is starting: its functions are not loaded yet.',
      );
    }
    let identifier: string;
    try {
      identifier = decodeURIComponent(match[1] as string);
    } catch {
      throw new LambdaError(400, 'ValidationException', 'FunctionName is not a valid URI component.');
    }
    const qualifier = url.searchParams.get('Qualifier') ?? undefined;
    const name = resolveFunction(account, functions.names(), identifier, qualifier);
    if (name === undefined) {
      const arn = identifier.startsWith('arn:')
        ? identifier
        : `arn:aws:lambda:${account.region}:${account.accountId}:function:${identifier}`;
      throw new LambdaError(404, 'ResourceNotFoundException', `Function not found: ${arn}`);
    }
    const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
      const message = `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`;
      throw new LambdaError(400, 'ValidationException', message);
    }
    if (type === 'Event' && body.length > ASYNC_LIMIT) throw tooLarge(ASYNC_LIMIT);
    let payload: unknown = {};
    if (body.length > 0) {
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        throw new LambdaError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
      }
    }
    if (type === 'DryRun') {
      res.writeHead(204, { 'x-amzn-RequestId': requestId });
      res.end();
      return { function: name, type, status: 204 };
    }
    if (type === 'Event') {
      queue.enqueue(name, payload, requestId);
      res.writeHead(202, { 'x-amzn-RequestId': requestId });
      res.end();
      return { function: name, type, status: 202 };
    }
    const outcome = await functions.invoke(name, payload);
    let text = outcome.ok ? JSON.stringify(outcome.result ?? null) : JSON.stringify(outcome.error);
    let failed = !outcome.ok;
    if (Buffer.byteLength(text) > SYNC_LIMIT) {
      failed = true;
      text = JSON.stringify({
        errorType: 'Function.ResponseSizeTooLarge',
        errorMessage: `Response payload size exceeded maximum allowed payload size (${SYNC_LIMIT} bytes).`,
        trace: [],
      });
    }
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'x-amzn-RequestId': requestId,
      'X-Amz-Executed-Version': '$LATEST',
      ...(failed ? { 'X-Amz-Function-Error': 'Unhandled' } : {}),
    });
    res.end(text);
    return { function: name, type, status: 200, ...(failed ? { functionError: 'Unhandled' } : {}) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://local');
    let line: Record<string, unknown> = { status: 500 };
    try {
      line = await invoke(req, res, url, requestId);
    } catch (error) {
      const failure =
        error instanceof LambdaError
          ? error
          : new LambdaError(500, 'ServiceException', `The local Lambda service failed: ${String(error)}`);
      line = { status: failure.status, error: failure.type, message: failure.message };
      if (!res.headersSent) sendError(res, failure, requestId);
      else res.end();
    } finally {
      options.log?.({
        level: 'INFO',
        method: req.method,
        path: url.pathname,
        requestId,
        ...line,
        duration_ms: Date.now() - started,
      });
    }
  };

  const inflight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const request = handle(req, res).finally(() => inflight.delete(request));
    inflight.add(request);
  });
  const { url, port } = await listen(server, options.port, options.host);
  let closing: Promise<void> | undefined;
  const stop = async () => {
    const grace = options.shutdownGraceMs ?? 5_000;
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.all([queue.close(grace), within(grace, [...inflight])]);
    if (inflight.size > 0) {
      const message = `dropped ${inflight.size} running synchronous invocation(s): the local cloud is stopping`;
      options.log?.({ level: 'WARN', message });
    }
    server.closeAllConnections();
    await stopped;
  };
  return {
    url,
    port,
    serve: (host) => {
      functions = host;
    },
    invokeAsync: (name, payload) => {
      if (!functions?.has(name)) throw new Error(`no local function named ${name}`);
      return queue.enqueue(name, payload);
    },
    idle: () => queue.idle(),
    close: () => {
      closing ??= stop();
      return closing;
    },
  };
}
