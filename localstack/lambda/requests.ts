/**
 * What Lambda's front door does before an Invoke runs: the SigV4 check (service `lambda`), the
 * payload limit, and errors in Lambda's shape (an HTTP status, `x-amzn-ErrorType` and a JSON
 * `message`), which the SDK surfaces by name.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { awsJsonSignatureErrors, verifySigV4 } from '../sigv4.ts';

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
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit) throw tooLarge(limit);
  return Buffer.concat(chunks);
}

/** Throws the LambdaError AWS would answer unless the request is signed by a known key for `region`. */
export function authenticate(
  req: IncomingMessage,
  body: Buffer,
  credentials: Readonly<Record<string, string>>,
  region: string,
): void {
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const verdict = verifySigV4({
    method: req.method ?? 'POST',
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    headers: req.headers,
    body,
    service: 'lambda',
    secretFor: (key) => (Object.hasOwn(credentials, key) ? credentials[key] : undefined),
  });
  if (!verdict.ok) throw new LambdaError(403, awsJsonSignatureErrors[verdict.reason], verdict.message);
  if (verdict.region !== region) {
    const message = `Credential should be scoped to a valid region: this endpoint serves ${region}, not ${verdict.region}.`;
    throw new LambdaError(403, 'InvalidSignatureException', message);
  }
}
