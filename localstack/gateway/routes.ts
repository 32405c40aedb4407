/** Matching a request path against API Gateway resource paths: literal segments beat `{param}`s. */

export interface LocalRoute {
  readonly method: string;
  /** The resource path, e.g. `/datasets/{dataset_id}`. */
  readonly path: string;
  /** The local function that serves it. */
  readonly functionName: string;
  /** As in the template: AWS_IAM (the default here) or NONE. */
  readonly authorizationType?: string;
}

export interface RouteMatch {
  readonly route: LocalRoute;
  readonly pathParameters: Record<string, string> | null;
}

const segments = (path: string) => path.split('/').filter((s) => s !== '');

/** The resource paths matching `path` (any method), most specific first, with their parameters. */
export function matchResources(
  routes: readonly LocalRoute[],
  path: string,
): Array<{ resource: string; params: Record<string, string> }> {
  const parts = segments(path);
  const byResource = new Map<string, { params: Record<string, string>; literals: number }>();
  for (const route of routes) {
    if (byResource.has(route.path)) continue;
    const pattern = segments(route.path);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const ok = pattern.every((p, i) => {
      const actual = parts[i] as string;
      const param = /^\{(\w+)\}$/.exec(p)?.[1];
      if (param === undefined) {
        literals++;
        return p === actual;
      }
      let decoded: string;
      try {
        decoded = decodeURIComponent(actual);
      } catch {
        decoded = actual;
      }
      params[param] = decoded;
      return true;
    });
    if (ok) byResource.set(route.path, { params, literals });
  }
  return [...byResource.entries()]
    .sort(([, a], [, b]) => b.literals - a.literals)
    .map(([resource, { params }]) => ({ resource, params }));
}

/** The route for a method and path, or why there is none (no resource / method not allowed). */
export function matchRoute(
  routes: readonly LocalRoute[],
  method: string,
  path: string,
): RouteMatch | { readonly missing: 'resource' | 'method' } {
  const resources = matchResources(routes, path);
  if (resources.length === 0) return { missing: 'resource' };
  for (const { resource, params } of resources) {
    const route = routes.find((r) => r.path === resource && r.method === method);
    if (route !== undefined) {
      return { route, pathParameters: Object.keys(params).length === 0 ? null : params };
    }
  }
  return { missing: 'method' };
}
