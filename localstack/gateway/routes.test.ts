import { describe, expect, it } from 'vitest';
import { matchRoute } from './routes.ts';

const routes = [
  { method: 'GET', path: '/datasets', functionName: 'd' },
  { method: 'GET', path: '/datasets/{dataset_id}', functionName: 'd' },
  { method: 'POST', path: '/feature-sets/{feature_set_id}/versions/{version}/publish', functionName: 'f' },
  { method: 'GET', path: '/schemas/v0/{name}', functionName: 'm' },
  { method: 'GET', path: '/schemas/v0/index', functionName: 'literal' },
];

describe('matchRoute', () => {
  it('matches parameters, decoding them, and prefers literal segments', () => {
    expect(matchRoute(routes, 'GET', '/datasets/a%20b')).toEqual({
      route: routes[1],
      pathParameters: { dataset_id: 'a b' },
    });
    expect(matchRoute(routes, 'GET', '/datasets/')).toEqual({ route: routes[0], pathParameters: null });
    expect(matchRoute(routes, 'GET', '/schemas/v0/index')).toMatchObject({ route: { functionName: 'literal' } });
    expect(matchRoute(routes, 'GET', '/schemas/v0/Run')).toMatchObject({ pathParameters: { name: 'Run' } });
    expect(matchRoute(routes, 'POST', '/feature-sets/x/versions/2/publish')).toMatchObject({
      pathParameters: { feature_set_id: 'x', version: '2' },
    });
  });

  it('tells a missing resource from a method that is not allowed', () => {
    expect(matchRoute(routes, 'GET', '/nothing')).toEqual({ missing: 'resource' });
    expect(matchRoute(routes, 'DELETE', '/datasets/x')).toEqual({ missing: 'method' });
  });
});
