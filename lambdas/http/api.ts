/**
 * A handler group: the routes of `routes.ts` that belong to it, each a function from the proxy
 * event to a JSON reply, wrapped in the shared middleware. Dispatch is on API Gateway's
 * `httpMethod` and `resource`, so the route table stays the only one.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { apiRoutes, type HandlerGroup, routeKey } from '../routes.ts';
import { HttpError } from './errors.ts';
import { http } from './middleware.ts';

export interface Reply {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteHandler = (event: APIGatewayProxyEvent) => Promise<Reply>;

export interface ApiOptions {
  readonly group: HandlerGroup;
  readonly webOrigin: string;
  /** One handler per route of the group, keyed `METHOD /path`. */
  readonly routes: Readonly<Record<string, RouteHandler>>;
}

/** The ETag of a versioned document: its row version, quoted. */
export const etagOf = (document: { row_version: number }): Record<string, string> => ({
  ETag: `"${document.row_version}"`,
});

export function createApi(options: ApiOptions) {
  const expected = apiRoutes.filter((r) => r.group === options.group).map((r) => routeKey(r.method, r.path));
  const missing = expected.filter((key) => options.routes[key] === undefined);
  const extra = Object.keys(options.routes).filter((key) => !expected.includes(key));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `handler group ${options.group}: missing ${missing.join(', ')}; not in routes.ts ${extra.join(', ')}`,
    );
  }
  const dispatch = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const route = options.routes[routeKey(event.httpMethod, event.resource)];
    if (route === undefined) {
      throw new HttpError(404, 'NOT_FOUND', `No route ${event.httpMethod} ${event.resource} in ${options.group}.`);
    }
    const reply = await route(event);
    return {
      statusCode: reply.status ?? 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...reply.headers },
      body: JSON.stringify(reply.body),
    };
  };
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(http({ webOrigin: options.webOrigin, group: options.group }))
    .handler(dispatch);
}
