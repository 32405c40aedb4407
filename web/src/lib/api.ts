/**
 * The API client of the web app: JSON over fetch, each request authenticated by the signed-in
 * session (X-User locally, SigV4 with Cognito identity-pool credentials in AWS). Every non-2xx
 * answer becomes an ApiError carrying the API's error body, so forms can show each problem next to
 * the field it names.
 */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one field (`name`, `params.learning_rate`), or undefined. */
  fieldMessage(path: string): string | undefined {
    return this.details.find((d) => d.path === path)?.message;
  }
}

export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** What a session adds to a request: headers (X-User, or a SigV4 signature). */
export interface RequestAuthenticator {
  authenticate(request: OutgoingRequest): Promise<Record<string, string>>;
}

export interface RequestOptions {
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal | undefined;
}

/** One page of a list answer (`pageOf` in the API): newest first, and the cursor of the next page. */
export interface Page<T> {
  readonly items: T[];
  readonly next_cursor: string | null;
}

/** Lists cap a page at 200 items (fewer when the rows are large). */
const MAX_PAGE = 200;

/**
 * Every item of a list, page after page (`path` may carry filters): for catalogs a picker or a
 * table shows whole. The answer is one page with no next cursor.
 */
export async function allPages<T>(api: Api, path: string, signal?: AbortSignal): Promise<Page<T>> {
  const items: T[] = [];
  let cursor: string | null = null;
  const [base, filters] = path.split('?');
  do {
    const query = new URLSearchParams(filters);
    query.set('limit', String(MAX_PAGE));
    if (cursor !== null) query.set('cursor', cursor);
    const page: Page<T> = await api.get(`${base}?${query}`, { signal });
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return { items, next_cursor: null };
}

/** The options of an update based on `rowVersion`: the API's ETag is the quoted row version. */
export const ifMatch = (rowVersion: number): RequestOptions => ({ headers: { 'If-Match': `"${rowVersion}"` } });

export interface Api {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
}

const isErrorBody = (body: unknown): body is { error: { code: string; message: string; details?: ErrorDetail[] } } =>
  typeof body === 'object' &&
  body !== null &&
  'error' in body &&
  typeof (body as { error: unknown }).error === 'object' &&
  (body as { error: object | null }).error !== null;

export function createApi(baseUrl: string, auth: RequestAuthenticator): Api {
  const request = async <T>(method: string, path: string, body: unknown, options: RequestOptions = {}) => {
    const url = new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    };
    Object.assign(headers, await auth.authenticate({ method, url, headers, body: payload }));
    let answer: Response;
    try {
      answer = await fetch(url, {
        method,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'NETWORK_ERROR', `The API at ${url.origin} cannot be reached.`);
    }
    const text = await answer.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!answer.ok) {
      if (isErrorBody(parsed)) {
        throw new ApiError(answer.status, parsed.error.code, parsed.error.message, parsed.error.details ?? []);
      }
      throw new ApiError(answer.status, 'HTTP_ERROR', `${method} ${url.pathname} answered ${answer.status}.`);
    }
    return parsed as T;
  };
  return {
    get: (path, options) => request('GET', path, undefined, options),
    post: (path, body, options) => request('POST', path, body, options),
    patch: (path, body, options) => request('PATCH', path, body, options),
  };
}

/** A readable sentence for any error a query or mutation throws. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const rest = error.details.filter((d) => d.path !== '').map((d) => `${d.path}: ${d.message}`);
    return rest.length === 0 ? error.message : `${error.message} (${rest.join('; ')})`;
  }
  return error instanceof Error ? error.message : String(error);
}
