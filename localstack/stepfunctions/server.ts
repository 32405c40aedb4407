/**
 * The local Step Functions endpoint: AWS's JSON 1.0 protocol (`POST /`, `X-Amz-Target:
 * AWSStepFunctions.<Operation>`, `Content-Type: application/x-amz-json-1.0`), SigV4-signed for
 * service `states`, errors as `{"__type", "message"}`. @aws-sdk/client-sfn and `aws stepfunctions
 * --endpoint-url` work against it unchanged.
 *
 * It listens before the functions exist (their environment names its URL); `serve(executions)`
 * hands it the state machines, and until then it answers 503.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closer, listen } from '../listen.ts';
import { readBodyWithin } from '../request-body.ts';
import { authenticateAwsJson } from '../sigv4.ts';
import { SfnError } from './errors.ts';
import type { Executions } from './executions.ts';
import { operations } from './operations.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'AWSStepFunctions.';
/** Inputs are at most 256 KiB; the rest of a request is small. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface StepFunctionsOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Access key → secret. */
  readonly credentials: Readonly<Record<string, string>>;
  readonly region: string;
  /** Receives one line per request. */
  readonly log?: (line: Record<string, unknown>) => void;
}

export interface StepFunctionsServer {
  readonly url: string;
  readonly port: number;
  /** Starts answering with these state machines and executions. */
  serve(executions: Executions): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  res.writeHead(status, { 'Content-Type': CONTENT_TYPE, 'x-amzn-RequestId': requestId });
  res.end(JSON.stringify(body));
}

export async function startStepFunctions(options: StepFunctionsOptions): Promise<StepFunctionsServer> {
  let executions: Executions | undefined;

  const answer = async (req: IncomingMessage): Promise<{ operation: string; body: unknown }> => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const body = await readBodyWithin(req, MAX_BODY_BYTES);
    if (body === undefined) {
      throw new SfnError('ValidationException', `The request is larger than ${MAX_BODY_BYTES} bytes.`);
    }
    const signed = { method: req.method, url: req.url, headers: req.headers, body };
    const auth = authenticateAwsJson(signed, 'states', options.credentials, options.region);
    if (!auth.ok) throw new SfnError(auth.type, auth.message, 403);
    const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
    if (req.method !== 'POST' || run === undefined) {
      const served = Object.keys(operations).join(', ');
      throw new SfnError(
        'UnknownOperationException',
        `The local Step Functions endpoint serves ${served}, not '${target}'.`,
      );
    }
    if (executions === undefined) {
      throw new SfnError(
        'ServiceUnavailable',
        'The local Step Functions service is starting: its state machines are not loaded yet.',
        503,
      );
    }
    let request: unknown;
    try {
      request = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      throw new SfnError('SerializationException', 'The request body is not valid JSON.');
    }
    if (request === null || typeof request !== 'object' || Array.isArray(request)) {
      throw new SfnError('SerializationException', 'The request body must be a JSON object.');
    }
    return { operation, body: run(executions, request as Record<string, unknown>) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const requestId = randomUUID();
    let line: Record<string, unknown>;
    try {
      const { operation, body } = await answer(req);
      send(res, 200, body, requestId);
      line = { level: 'INFO', operation, status: 200 };
    } catch (error) {
      const failure =
        error instanceof SfnError
          ? error
          : new SfnError('InternalFailure', `The local Step Functions service failed: ${String(error)}`, 500);
      send(res, failure.status, { __type: failure.type, message: failure.message }, requestId);
      line = {
        level: failure.status >= 500 ? 'ERROR' : 'INFO',
        status: failure.status,
        error: failure.type,
        message: failure.message,
      };
    }
    options.log?.({ ...line, target: req.headers['x-amz-target'], requestId, duration_ms: Date.now() - started });
  };

  const server = createServer((req, res) => void handle(req, res));
  const { url, port } = await listen(server, options.port, options.host);
  return {
    url,
    port,
    serve: (served) => {
      executions = served;
    },
    close: closer(server),
  };
}
