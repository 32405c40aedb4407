/**
 * The AWS sign-in path in the browser: with an `aws` runtime config the app sends the user to
 * Cognito's managed login (authorization code + PKCE), exchanges the code on /auth/callback, takes
 * temporary credentials from the identity pool and SigV4-signs every API call with them, against
 * the real local API gateway, which verifies each signature. Only Cognito's own endpoints (the
 * managed login, the token endpoint, the identity service) are answered by the test: nothing here
 * can run them, and their wire shapes are what the test pins. The page runs without the local
 * server's CSP, which does not name Cognito (the AWS policy does; lib/web-headers.test.ts).
 */
import { createHash } from 'node:crypto';
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../localstack/config.ts';
import { screenshot } from './browser.ts';
import { useE2eCloud } from './cloud.ts';
import { heading } from './pages.ts';

const e2e = useE2eCloud();

const REGION = 'us-east-1';
const DOMAIN = 'https://talaty-e2e.auth.us-east-1.amazoncognito.com';
const IDENTITY = `https://cognito-identity.${REGION}.amazonaws.com`;
const CLIENT_ID = 'e2e-web-client';
const POOL = `${REGION}_E2Epool`;
const IDENTITY_POOL = `${REGION}:00000000-0000-4000-8000-000000000001`;
const EMAIL = 'reviewer@example.com';

const base64Url = (value: string) => Buffer.from(value).toString('base64url');
/** An ID token the app only reads for display (the API trusts IAM, not this token). */
const ID_TOKEN = [
  base64Url(JSON.stringify({ alg: 'RS256', kid: 'e2e' })),
  base64Url(JSON.stringify({ sub: 'c0ffee00-0000-4000-8000-000000000002', email: EMAIL, token_use: 'id' })),
  base64Url('not-a-real-signature'),
].join('.');

const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };

describe('signing in through Cognito (AWS mode)', () => {
  it('runs PKCE sign-in, gets identity-pool credentials and signs API calls the gateway verifies', async () => {
    const { webUrl, cloud } = e2e();
    // The local server's CSP names the local API and S3 only; the AWS one also names Cognito
    // (lib/web-headers.ts, tested there), so this page runs without the local policy.
    const { page, expectClean, close } = await e2e().openPage({ bypassCSP: true });
    const seen: {
      authorize?: URL;
      token?: URLSearchParams;
      identity: Array<{ target: string; body: Record<string, unknown> }>;
      logout?: URL;
    } = { identity: [] };
    try {
      // The app reads its runtime config from the server: this one says AWS.
      await page.route(`${webUrl}/config.json`, (route) =>
        route.fulfill({
          json: {
            mode: 'aws',
            stage: 'dev',
            region: REGION,
            apiUrl: `${cloud.cloud.apiUrl}/`,
            cognito: { userPoolId: POOL, userPoolClientId: CLIENT_ID, identityPoolId: IDENTITY_POOL, domain: DOMAIN },
          },
        }),
      );
      await page.route(`${DOMAIN}/**`, async (route: Route) => {
        const request = route.request();
        const url = new URL(request.url());
        if (url.pathname === '/oauth2/authorize') {
          seen.authorize = url;
          const back = new URL('/auth/callback', webUrl);
          back.search = new URLSearchParams({
            code: 'the-code',
            state: url.searchParams.get('state') ?? '',
          }).toString();
          // The managed login signs the user in and sends them back (a page, so the app's load is routed anew).
          return route.fulfill({
            contentType: 'text/html',
            body: `<!doctype html><title>Sign in</title><script>location.replace(${JSON.stringify(back.toString())})</script>`,
          });
        }
        if (url.pathname === '/oauth2/token' && request.method() === 'POST') {
          seen.token = new URLSearchParams(request.postData() ?? '');
          return route.fulfill({
            headers: cors,
            json: { id_token: ID_TOKEN, access_token: 'access', refresh_token: 'refresh', expires_in: 3600 },
          });
        }
        if (url.pathname === '/logout') {
          seen.logout = url;
          const back = JSON.stringify(url.searchParams.get('logout_uri') ?? webUrl);
          return route.fulfill({
            contentType: 'text/html',
            body: `<!doctype html><script>location.replace(${back})</script>`,
          });
        }
        return route.fulfill({ status: 404, headers: cors, body: 'not found' });
      });
      await page.route(`${IDENTITY}/`, async (route: Route) => {
        const request = route.request();
        if (request.method() === 'OPTIONS') return route.fulfill({ status: 200, headers: cors });
        const target = (request.headers()['x-amz-target'] ?? '').replace('AWSCognitoIdentityService.', '');
        const body = JSON.parse(request.postData() ?? '{}') as Record<string, unknown>;
        seen.identity.push({ target, body });
        if (target === 'GetId') return route.fulfill({ headers: cors, json: { IdentityId: `${REGION}:identity-1` } });
        return route.fulfill({
          headers: cors,
          json: {
            IdentityId: `${REGION}:identity-1`,
            // The local gateway's one key stands in for the identity pool role's temporary credentials.
            Credentials: {
              AccessKeyId: LOCAL_CREDENTIALS.accessKeyId,
              SecretKey: LOCAL_CREDENTIALS.secretAccessKey,
              SessionToken: 'session-token-of-the-authenticated-role',
              Expiration: Math.floor(Date.now() / 1000) + 3600,
            },
          },
        });
      });
      const apiCalls: Array<{ url: string; headers: Record<string, string>; status: number }> = [];
      page.on('response', async (response) => {
        if (!response.url().startsWith(cloud.cloud.apiUrl) || response.request().method() === 'OPTIONS') return;
        apiCalls.push({
          url: response.url(),
          headers: await response.request().allHeaders(),
          status: response.status(),
        });
      });

      await page.goto('/datasets');
      await page.waitForURL((url) => url.pathname === '/login');
      await heading(page, 'Sign in to Talaty').waitFor();
      expect(await page.getByLabel('User name').count()).toBe(0);
      await screenshot(page, 'cognito-login');
      await page.getByRole('button', { name: 'Sign in' }).click();

      // Back from the managed login, on the page asked for first, signed in as the token's email.
      await page.waitForURL((url) => url.pathname === '/datasets');
      await heading(page, 'Datasets').waitFor();
      await page.getByText(EMAIL).waitFor();

      const authorize = seen.authorize as URL;
      expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
        response_type: 'code',
        client_id: CLIENT_ID,
        redirect_uri: `${webUrl}/auth/callback`,
        scope: 'openid email profile',
        code_challenge_method: 'S256',
      });
      const token = seen.token as URLSearchParams;
      expect(Object.fromEntries(token)).toMatchObject({
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code: 'the-code',
        redirect_uri: `${webUrl}/auth/callback`,
      });
      // The verifier sent with the code is the one whose S256 challenge went to the login page.
      const verifier = token.get('code_verifier') ?? '';
      expect(createHash('sha256').update(verifier).digest('base64url')).toBe(
        authorize.searchParams.get('code_challenge'),
      );

      const logins = { [`cognito-idp.${REGION}.amazonaws.com/${POOL}`]: ID_TOKEN };
      await expect
        .poll(() => seen.identity)
        .toEqual([
          { target: 'GetId', body: { IdentityPoolId: IDENTITY_POOL, Logins: logins } },
          { target: 'GetCredentialsForIdentity', body: { IdentityId: `${REGION}:identity-1`, Logins: logins } },
        ]);

      // A signed write: the gateway verified the signature, or the dataset would not exist.
      await page.getByRole('button', { name: 'New dataset' }).click();
      await page.getByLabel('Name', { exact: true }).fill('signed-in-aws-mode');
      await page.getByRole('button', { name: 'Create dataset' }).click();
      await heading(page, 'signed-in-aws-mode').waitFor();
      const listed = await cloud.api.get<{ items: Array<{ name: string }> }>('/datasets');
      expect(listed.body.items.map((d) => d.name)).toContain('signed-in-aws-mode');
      expect(apiCalls.length).toBeGreaterThan(1);
      for (const call of apiCalls) {
        expect(call.status, call.url).toBeLessThan(400);
        expect(call.headers.authorization).toMatch(
          new RegExp(`^AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/\\d{8}/${REGION}/execute-api/`),
        );
        expect(call.headers['x-amz-security-token']).toBe('session-token-of-the-authenticated-role');
        expect(call.headers['x-user']).toBeUndefined();
      }
      await screenshot(page, 'cognito-signed-in');

      // Signing out leaves through Cognito's logout and comes back to the sign-in page.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      expect(Object.fromEntries((seen.logout as URL).searchParams)).toEqual({
        client_id: CLIENT_ID,
        logout_uri: `${webUrl}/login`,
      });
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
      expectClean();
    } finally {
      await close();
    }
  });
});
