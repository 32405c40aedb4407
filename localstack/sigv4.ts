/**
 * Verifies AWS Signature Version 4 on an incoming HTTP request, as AWS front doors do: the
 * `Authorization: AWS4-HMAC-SHA256 …` header or a presigned URL (`X-Amz-Signature` in the query).
 * The canonical request follows the AWS documentation and @smithy/signature-v4: path segments
 * normalised and URI-encoded once more (except for s3), query pairs encoded and sorted, signed
 * headers lower-cased with trimmed values, the payload hash from `x-amz-content-sha256` or the body.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SigV4Failure = 'missing' | 'malformed' | 'unknown_key' | 'expired' | 'bad_signature' | 'wrong_service';

/** The error type AWS's JSON-protocol services (Lambda, RDS Data, Step Functions) answer for each failure. */
const awsJsonSignatureErrors: Readonly<Record<SigV4Failure, string>> = {
  missing: 'MissingAuthenticationTokenException',
  malformed: 'IncompleteSignatureException',
  unknown_key: 'UnrecognizedClientException',
  expired: 'InvalidSignatureException',
  bad_signature: 'InvalidSignatureException',
  wrong_service: 'InvalidSignatureException',
};

export type SigV4Verdict =
  | { readonly ok: true; readonly accessKeyId: string; readonly region: string }
  | { readonly ok: false; readonly reason: SigV4Failure; readonly message: string };

export interface SigV4Request {
  readonly method: string;
  /** The path exactly as received (still percent-encoded), without the query. */
  readonly path: string;
  /** The raw query string, without `?`. */
  readonly query: string;
  /** Header names in any case (Node gives them lower-cased). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Uint8Array;
  /** The service the credential scope must name, e.g. `rds-data`, `execute-api`, `lambda`. */
  readonly service: string;
  /** The secret of an access key, or undefined when the key is unknown. */
  readonly secretFor: (accessKeyId: string) => string | undefined;
  /** The clock. @default new Date() */
  readonly now?: Date;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 5 * 60 * 1000;
const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const fail = (reason: SigV4Failure, message: string): SigV4Verdict => ({ ok: false, reason, message });

/** RFC 3986 encoding, as AWS wants it (encodeURIComponent leaves !'()* alone). */
const escapeUri = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalPath(path: string, service: string): string {
  if (service === 's3') return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return escapeUri(`/${segments.join('/')}${trailing}`).replace(/%2F/g, '/');
}

function canonicalQuery(query: string): string {
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of new URLSearchParams(query)) {
    if (key.toLowerCase() !== 'x-amz-signature') pairs.push([escapeUri(key), escapeUri(value)]);
  }
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(headers: SigV4Request['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(',');
  }
  return undefined;
}

const canonicalHeaderValue = (value: string) =>
  value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();

const sha256Hex = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Uint8Array | string, data: string) => createHmac('sha256', key).update(data).digest();

function amzDateToMs(value: string): number | undefined {
  const m = AMZ_DATE.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

interface SignatureParts {
  readonly credential: string;
  readonly signedHeaders: string;
  readonly signature: string;
  readonly amzDate: string | undefined;
  /** Seconds a presigned URL stays valid; undefined for the header form. */
  readonly expires: number | undefined;
}

function fromAuthorization(authorization: string, headers: SigV4Request['headers']): SignatureParts | string {
  if (!authorization.startsWith(`${ALGORITHM} `)) return `Authorization must use ${ALGORITHM}.`;
  const fields = new Map<string, string>();
  for (const part of authorization.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    return 'Authorization header requires Credential, SignedHeaders and Signature.';
  }
  return { credential, signedHeaders, signature, amzDate: headerValue(headers, 'x-amz-date'), expires: undefined };
}

function fromQuery(params: URLSearchParams): SignatureParts | string {
  const get = (name: string) => params.get(name) ?? undefined;
  if (get('X-Amz-Algorithm') !== ALGORITHM) return `X-Amz-Algorithm must be ${ALGORITHM}.`;
  const credential = get('X-Amz-Credential');
  const signedHeaders = get('X-Amz-SignedHeaders');
  const signature = get('X-Amz-Signature');
  const expires = Number(get('X-Amz-Expires') ?? Number.NaN);
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    return 'A presigned URL requires X-Amz-Credential, X-Amz-SignedHeaders and X-Amz-Signature.';
  }
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_SECONDS) {
    return `X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_PRESIGN_SECONDS}.`;
  }
  return { credential, signedHeaders, signature, amzDate: get('X-Amz-Date'), expires };
}

interface Scope {
  readonly accessKeyId: string;
  readonly day: string;
  readonly region: string;
  readonly service: string;
}

/** The signature's parts and credential scope, checked for form, service and clock. */
function readSignature(request: SigV4Request): { parts: SignatureParts; scope: Scope } | SigV4Verdict {
  const params = new URLSearchParams(request.query);
  const authorization = headerValue(request.headers, 'authorization');
  let parts: SignatureParts | string;
  if (authorization !== undefined) parts = fromAuthorization(authorization, request.headers);
  else if (params.has('X-Amz-Signature')) parts = fromQuery(params);
  else return fail('missing', 'Missing Authentication Token: the request carries no AWS signature.');
  if (typeof parts === 'string') return fail('malformed', parts);

  const [accessKeyId, day, region, service, terminal, ...rest] = parts.credential.split('/');
  if (!accessKeyId || !day || !region || !service || terminal !== 'aws4_request' || rest.length > 0) {
    const form = '<key>/<yyyymmdd>/<region>/<service>/aws4_request';
    return fail('malformed', `Credential must be ${form}, not ${parts.credential}.`);
  }
  const signedAt = parts.amzDate === undefined ? undefined : amzDateToMs(parts.amzDate);
  if (parts.amzDate === undefined || signedAt === undefined) {
    return fail('malformed', 'The request must carry X-Amz-Date of the form yyyymmddThhmmssZ.');
  }
  if (!parts.amzDate.startsWith(day)) {
    return fail('malformed', `The credential's date ${day} does not match X-Amz-Date ${parts.amzDate}.`);
  }
  if (service !== request.service) {
    const message = `Credential should be scoped to correct service: '${request.service}', not '${service}'.`;
    return fail('wrong_service', message);
  }
  if (!parts.signedHeaders.split(';').includes('host')) return fail('malformed', 'SignedHeaders must include host.');

  const now = (request.now ?? new Date()).getTime();
  if (parts.expires === undefined && Math.abs(now - signedAt) > MAX_SKEW_MS) {
    return fail('expired', `Signature expired: ${parts.amzDate} is more than 5 minutes away from the server's clock.`);
  }
  if (parts.expires !== undefined && (now > signedAt + parts.expires * 1000 || signedAt - now > MAX_SKEW_MS)) {
    return fail('expired', `The presigned URL signed at ${parts.amzDate} for ${parts.expires} s is no longer valid.`);
  }
  return { parts, scope: { accessKeyId, day, region, service } };
}

/** The canonical request of AWS's documentation, or a failure when it cannot be built honestly. */
function canonicalRequest(request: SigV4Request, parts: SignatureParts): string | SigV4Verdict {
  const headerLines: string[] = [];
  for (const name of parts.signedHeaders.split(';')) {
    const value = headerValue(request.headers, name);
    if (value === undefined) return fail('malformed', `Signed header ${name} is missing from the request.`);
    headerLines.push(`${name}:${canonicalHeaderValue(value)}`);
  }
  const bodyHash = sha256Hex(request.body);
  const declaredHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (declaredHash !== undefined && /^[0-9a-f]{64}$/i.test(declaredHash) && declaredHash.toLowerCase() !== bodyHash) {
    return fail('bad_signature', 'The x-amz-content-sha256 header does not match the SHA-256 of the body received.');
  }
  return [
    request.method.toUpperCase(),
    canonicalPath(request.path, request.service),
    canonicalQuery(request.query),
    `${headerLines.join('\n')}\n`,
    parts.signedHeaders,
    // Only S3 signs a declared payload hash (or UNSIGNED-PAYLOAD); every other service hashes the body it got.
    request.service === 's3' ? (declaredHash ?? bodyHash) : bodyHash,
  ].join('\n');
}

export function verifySigV4(request: SigV4Request): SigV4Verdict {
  const read = readSignature(request);
  if ('ok' in read) return read;
  const { parts, scope } = read;
  const secret = request.secretFor(scope.accessKeyId);
  if (secret === undefined) {
    const message = `The security token included in the request is invalid: unknown access key ${scope.accessKeyId}.`;
    return fail('unknown_key', message);
  }
  const canonical = canonicalRequest(request, parts);
  if (typeof canonical !== 'string') return canonical;

  const credentialScope = `${scope.day}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, parts.amzDate, credentialScope, sha256Hex(canonical)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, scope.day), scope.region), scope.service), 'aws4_request');
  const expected = Buffer.from(hmac(signingKey, stringToSign).toString('hex'));
  const given = Buffer.from(parts.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    const message =
      'The request signature we calculated does not match the signature you provided. ' +
      'Check your AWS Secret Access Key and signing method.';
    return fail('bad_signature', message);
  }
  return { ok: true, accessKeyId: scope.accessKeyId, region: scope.region };
}

export interface AwsJsonRequest {
  /** @default 'POST' */
  readonly method: string | undefined;
  /** The request target as received: raw path and query. @default '/' */
  readonly url: string | undefined;
  readonly headers: SigV4Request['headers'];
  readonly body: Uint8Array;
}

export type AwsJsonAuthentication =
  | { readonly ok: true; readonly accessKeyId: string }
  | { readonly ok: false; readonly type: string; readonly message: string };

/**
 * The SigV4 check of AWS's JSON-protocol front doors (Lambda, RDS Data, Step Functions): signed for
 * `service` by a known key for `region`, or the error type and message AWS answers (with HTTP 403).
 */
export function authenticateAwsJson(
  request: AwsJsonRequest,
  service: string,
  credentials: Readonly<Record<string, string>>,
  region: string,
): AwsJsonAuthentication {
  const target = request.url ?? '/';
  const q = target.indexOf('?');
  const verdict = verifySigV4({
    method: request.method ?? 'POST',
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    headers: request.headers,
    body: request.body,
    service,
    // Own properties only: a key named "constructor" must not find Object's.
    secretFor: (key) => (Object.hasOwn(credentials, key) ? credentials[key] : undefined),
  });
  if (!verdict.ok) return { ok: false, type: awsJsonSignatureErrors[verdict.reason], message: verdict.message };
  if (verdict.region !== region) {
    const message = `Credential should be scoped to a valid region: this endpoint serves ${region}, not ${verdict.region}.`;
    return { ok: false, type: 'InvalidSignatureException', message };
  }
  return { ok: true, accessKeyId: verdict.accessKeyId };
}
