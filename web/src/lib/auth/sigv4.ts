/** SigV4 signing of API calls (service execute-api) with temporary credentials, as the AWS SDK signs. */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { OutgoingRequest } from '../api.ts';

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export async function signRequest(
  request: OutgoingRequest,
  credentials: TemporaryCredentials,
  region: string,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 'execute-api', region, sha256: Sha256, credentials });
  const query: Record<string, string> = {};
  for (const [k, v] of request.url.searchParams) query[k] = v;
  const signed = await signer.sign({
    method: request.method,
    protocol: request.url.protocol,
    hostname: request.url.hostname,
    ...(request.url.port === '' ? {} : { port: Number(request.url.port) }),
    path: request.url.pathname,
    query,
    headers: { ...request.headers, host: request.url.host },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  // The browser sets Host itself and refuses to send it.
  const { host: _host, ...headers } = signed.headers;
  return headers;
}
