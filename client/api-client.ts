/**
 * A small HTTP client for the Talaty API (tests, the demo, scripts): requests signed with SigV4 exactly as the AWS SDK
 * signs them (service execute-api), or sent with the dev X-User header, or not authenticated at all.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { LOCAL_CREDENTIALS } from '../localstack/config.ts';

export type Auth =
  | {
      readonly kind: 'sigv4';
      readonly accessKeyId?: string;
      readonly secretAccessKey?: string;
      readonly at?: Date;
      readonly region?: string;
    }
  | { readonly kind: 'x-user'; readonly user: string }
  | { readonly kind: 'none' };

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Sent as is instead of JSON-encoding `body`. */
  readonly rawBody?: string | Buffer;
  readonly headers?: Record<string, string>;
  readonly auth?: Auth;
  /** Sent in place of the signed body, to prove a changed body breaks the signature. */
  readonly bodyAfterSigning?: string;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly defaultAuth: Auth = { kind: 'sigv4' },
  ) {}

  get<T = unknown>(path: string, options: RequestOptions = {}) {
    return this.request<T>('GET', path, options);
  }
  post<T = unknown>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T = unknown>(path: string, body: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
    const url = new URL(path, this.baseUrl);
    const payload =
      options.rawBody !== undefined
        ? Buffer.from(options.rawBody)
        : options.body === undefined
          ? undefined
          : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string> = {
      host: url.host,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    };
    const auth = options.auth ?? this.defaultAuth;
    if (auth.kind === 'x-user') headers['x-user'] = auth.user;
    if (auth.kind === 'sigv4') {
      const signer = new SignatureV4({
        service: 'execute-api',
        region: auth.region ?? 'us-east-1',
        sha256: Sha256,
        credentials: {
          accessKeyId: auth.accessKeyId ?? LOCAL_CREDENTIALS.accessKeyId,
          secretAccessKey: auth.secretAccessKey ?? LOCAL_CREDENTIALS.secretAccessKey,
        },
      });
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = v;
      const signed = await signer.sign(
        new HttpRequest({
          method,
          protocol: url.protocol,
          hostname: url.hostname,
          port: Number(url.port),
          path: url.pathname,
          query,
          headers,
          ...(payload === undefined ? {} : { body: payload }),
        }),
        auth.at === undefined ? {} : { signingDate: auth.at },
      );
      Object.assign(headers, signed.headers);
    }
    delete headers.host;
    const sent = options.bodyAfterSigning === undefined ? payload : Buffer.from(options.bodyAfterSigning);
    if (options.bodyAfterSigning !== undefined) delete headers['content-length'];
    const response = await fetch(url, { method, headers, ...(sent === undefined ? {} : { body: sent }) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: body as T, text };
  }
}
