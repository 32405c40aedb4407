/**
 * What Lambda's front door does before an Invoke runs: the SigV4 check (service `lambda`), the
 * payload limit, and errors in Lambda's shape (an HTTP status, `x-amzn-ErrorType` and a JSON
 * `message`), which the SDK surfaces by name.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBodyWithin } from '../request-body.ts';
import { authenticateAwsJson } from '../sigv4.ts';

export class LambdaError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendError(res: ServerResponse, error: LambdaError, requestId: string): void {
  res.writeHead(error.status, {
    'Content-Type': 'application/json',
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': error.type,
  });
  res.end(JSON.stringify({ Type: error.status < 500 ? 'User' : 'Service', message: error.message }));
}

export const tooLarge = (limit: number): LambdaError =>
  new LambdaError(
    413,
    'RequestEntityTooLargeException',
    `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
  );

/** Reads the body; past the limit it keeps draining (so the client sees the answer) and refuses. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const body = await readBodyWithin(req, limit);
  if (body === undefined) throw tooLarge(limit);
  return body;
}

/** Throws the LambdaError AWS would answer unless the request is signed by a known key for `region`. */
export function authenticate(
  req: IncomingMessage,
  body: Buffer,
  credentials: Readonly<Record<string, string>>,
  region: string,
): void {
  const signed = { method: req.method, url: req.url, headers: req.headers, body };
  const auth = authenticateAwsJson(signed, 'lambda', credentials, region);
  if (!auth.ok) throw new LambdaError(403, auth.type, auth.message);
}
