import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, headerLines, securityHeaders } from './web-headers.ts';

const directives = (csp: string) =>
  Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as [string, string[]]));

describe('the web security headers', () => {
  it('over plain HTTP (the local cloud): no HSTS, no upgrade, forms post to the app only', () => {
    const origins = { api: 'http://127.0.0.1:8000', storage: 'http://127.0.0.1:9000', https: false };
    const lines = headerLines(securityHeaders(origins));
    expect(lines['Strict-Transport-Security']).toBeUndefined();
    const csp = directives(String(lines['Content-Security-Policy']));
    expect(csp['connect-src']).toEqual(["'self'", 'http://127.0.0.1:8000', 'http://127.0.0.1:9000']);
    expect(csp['frame-src']).toEqual(["'self'", 'http://127.0.0.1:9000']);
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
    expect(lines).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
  });

  it('over HTTPS with Cognito (AWS): HSTS for two years, sign-in origins, the managed login as form target', () => {
    const login = 'https://talaty-dev.auth.eu-west-1.amazoncognito.com';
    const origins = {
      api: 'https://abc.execute-api.eu-west-1.amazonaws.com',
      storage: 'https://bucket.s3.eu-west-1.amazonaws.com',
      signIn: { endpoints: ['https://cognito-idp.eu-west-1.amazonaws.com'], managedLogin: login },
      https: true,
    };
    const lines = headerLines(securityHeaders(origins));
    expect(lines['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
    const csp = directives(contentSecurityPolicy(origins));
    expect(csp['connect-src']).toEqual([
      "'self'",
      origins.api,
      origins.storage,
      'https://cognito-idp.eu-west-1.amazonaws.com',
      login,
    ]);
    expect(csp['form-action']).toEqual(["'self'", login]);
    expect(csp['upgrade-insecure-requests']).toEqual([]);
    expect(contentSecurityPolicy(origins)).not.toContain('unsafe');
  });

  it('names an origin once', () => {
    const csp = directives(contentSecurityPolicy({ api: 'http://a', storage: 'http://a', https: false }));
    expect(csp['connect-src']).toEqual(["'self'", 'http://a']);
  });
});
