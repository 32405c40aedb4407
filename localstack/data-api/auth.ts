/**
 * SigV4 (service `rds-data`) on every request, refused the way AWS's front door refuses it:
 * HTTP 403 with MissingAuthenticationTokenException, IncompleteSignatureException,
 * UnrecognizedClientException or InvalidSignatureException, which the SDK surfaces by name.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { awsJsonSignatureErrors, verifySigV4 } from '../sigv4.ts';
import { DataApiError } from './errors.ts';

export interface SignedRequest {
  readonly method: string;
  /** The request target as received: raw path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The caller's access key, or a DataApiError to answer with. */
export function authenticate(
  request: SignedRequest,
  credentials: Readonly<Record<string, string>>,
  region: string,
): string {
  const q = request.url.indexOf('?');
  const verdict = verifySigV4({
    method: request.method,
    path: q < 0 ? request.url : request.url.slice(0, q),
    query: q < 0 ? '' : request.url.slice(q + 1),
    headers: request.headers,
    body: request.body,
    service: 'rds-data',
    secretFor: (key) => (Object.hasOwn(credentials, key) ? credentials[key] : undefined),
  });
  if (!verdict.ok) throw new DataApiError(403, awsJsonSignatureErrors[verdict.reason], verdict.message);
  if (verdict.region !== region) {
    throw new DataApiError(
      403,
      'InvalidSignatureException',
      `Credential should be scoped to a valid region: this endpoint serves ${region}, not ${verdict.region}.`,
    );
  }
  return verdict.accessKeyId;
}
