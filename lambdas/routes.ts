/**
 * The HTTP API: every route and the Lambda function (handler group) that serves it. The CDK API
 * construct builds API Gateway from this table, each handler dispatches on it, and the local
 * gateway reads the routes back from the synthesized template, so there is no second route table.
 */

/** One Lambda function per resource group; its entry point is `lambdas/handlers/<group>.ts`. */
export const handlerGroups = [
  'meta',
  'datasets',
  'features',
  'feature-sets',
  'run-specs',
  'runs',
  'models',
] as const;

export type HandlerGroup = (typeof handlerGroups)[number];

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiRoute {
  readonly method: HttpMethod;
  /** API Gateway resource path, with `{param}` placeholders. */
  readonly path: string;
  readonly group: HandlerGroup;
}

const route = (method: HttpMethod, path: string, group: HandlerGroup): ApiRoute => ({ method, path, group });

export const apiRoutes: readonly ApiRoute[] = [
  route('GET', '/health', 'meta'),
  route('GET', '/version', 'meta'),
  route('GET', '/schemas/v0', 'meta'),
  route('GET', '/schemas/v0/{name}', 'meta'),
  route('GET', '/openapi.json', 'meta'),

  route('GET', '/datasets', 'datasets'),
  route('POST', '/datasets', 'datasets'),
  route('GET', '/datasets/{dataset_id}', 'datasets'),
  route('PATCH', '/datasets/{dataset_id}', 'datasets'),

  route('GET', '/features', 'features'),
  route('POST', '/features', 'features'),
  route('GET', '/features/{feature_id}', 'features'),
  route('PATCH', '/features/{feature_id}', 'features'),

  route('GET', '/feature-sets', 'feature-sets'),
  route('POST', '/feature-sets', 'feature-sets'),
  route('GET', '/feature-sets/{feature_set_id}', 'feature-sets'),
  route('PATCH', '/feature-sets/{feature_set_id}', 'feature-sets'),
  route('GET', '/feature-sets/{feature_set_id}/versions', 'feature-sets'),
  route('POST', '/feature-sets/{feature_set_id}/versions', 'feature-sets'),
  route('GET', '/feature-sets/{feature_set_id}/versions/{version}', 'feature-sets'),
  route('PATCH', '/feature-sets/{feature_set_id}/versions/{version}', 'feature-sets'),
  route('POST', '/feature-sets/{feature_set_id}/versions/{version}/publish', 'feature-sets'),

  route('GET', '/run-specs', 'run-specs'),
  route('POST', '/run-specs', 'run-specs'),
  route('GET', '/run-specs/{run_spec_id}', 'run-specs'),

  route('GET', '/runs', 'runs'),
  route('GET', '/runs/{run_id}', 'runs'),

  route('GET', '/models', 'models'),
  route('GET', '/models/{model_id}', 'models'),
  route('GET', '/models/{model_id}/versions', 'models'),
  route('GET', '/models/{model_id}/versions/{version}', 'models'),
];

/** The key a handler dispatches on: API Gateway's `httpMethod` and `resource`. */
export const routeKey = (method: string, path: string): string => `${method} ${path}`;
