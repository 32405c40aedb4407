/**
 * Sign-in in AWS: Cognito's managed login (authorization code with PKCE), then temporary AWS
 * credentials for the signed-in user from the identity pool, with which every API call is
 * SigV4-signed. Tokens live in sessionStorage (gone when the tab closes); credentials are renewed
 * five minutes before they expire, the ID token through the refresh token.
 */

import type { AwsWebConfig } from '@talaty/schemas/web-config';
import type { z } from 'zod';
import type { Session } from './session.ts';
import { signRequest, type TemporaryCredentials } from './sigv4.ts';

type Config = z.output<typeof AwsWebConfig>;

const PENDING_KEY = 'talaty.cognito.pending';
const TOKENS_KEY = 'talaty.cognito.tokens';
const RENEW_MS = 5 * 60_000;

interface Tokens {
  readonly idToken: string;
  readonly refreshToken: string | undefined;
  /** Epoch ms when the ID token expires. */
  readonly expiresAt: number;
}

const base64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomString = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));

/** RFC 7636 S256: base64url(sha256(verifier)). */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export const callbackUrl = () => `${window.location.origin}/auth/callback`;

/** Leaves for the managed login page; it comes back to /auth/callback with a code. */
export async function startCognitoSignIn(config: Config, returnTo: string): Promise<void> {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL('/oauth2/authorize', config.cognito.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.cognito.userPoolClientId,
    redirect_uri: callbackUrl(),
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

async function tokenRequest(config: Config, form: Record<string, string>): Promise<Tokens> {
  const answer = await fetch(new URL('/oauth2/token', config.cognito.domain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.cognito.userPoolClientId, ...form }).toString(),
  });
  const body = (await answer.json().catch(() => ({}))) as {
    id_token?: string;
    refresh_token?: string;
    expires_in?: number;
    error?: string;
  };
  if (!answer.ok || body.id_token === undefined) {
    throw new Error(`Cognito refused the sign-in (${body.error ?? answer.status}).`);
  }
  return {
    idToken: body.id_token,
    refreshToken: body.refresh_token ?? form.refresh_token,
    expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000,
  };
}

/** The exchange in flight for a code: a code is good for one exchange, however often the page asks. */
let exchange: { code: string; done: Promise<{ session: Session; returnTo: string }> } | undefined;

/**
 * Completes the sign-in on /auth/callback; answers the session and where to go next. Asking twice
 * for the same code (React runs a mount effect twice in development) answers the same exchange.
 */
export function completeCognitoSignIn(
  config: Config,
  search: URLSearchParams,
): Promise<{ session: Session; returnTo: string }> {
  const code = search.get('code');
  if (exchange !== undefined && code !== null && exchange.code === code) return exchange.done;
  const done = exchangeCode(config, search, code);
  if (code !== null) exchange = { code, done };
  return done;
}

async function exchangeCode(
  config: Config,
  search: URLSearchParams,
  code: string | null,
): Promise<{ session: Session; returnTo: string }> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  const failure = search.get('error_description') ?? search.get('error');
  if (failure !== null) throw new Error(`Sign-in failed: ${failure}`);
  if (pending === null || code === null || search.get('state') !== pending.state) {
    throw new Error('This sign-in link is stale or was not started here; sign in again.');
  }
  const tokens = await tokenRequest(config, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: callbackUrl(),
    code_verifier: pending.verifier,
  });
  sessionStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
  return { session: cognitoSession(config, tokens), returnTo: pending.returnTo };
}

export function restoreCognitoSession(config: Config): Session | null {
  const tokens = JSON.parse(sessionStorage.getItem(TOKENS_KEY) ?? 'null') as Tokens | null;
  if (tokens === null) return null;
  if (tokens.expiresAt < Date.now() && tokens.refreshToken === undefined) return null;
  return cognitoSession(config, tokens);
}

/** The claims of a JWT, unverified (only for display: the API verifies through IAM). */
function claimsOf(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  try {
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function identityCall<T>(config: Config, target: string, body: unknown): Promise<T> {
  const answer = await fetch(`https://cognito-identity.${config.region}.amazonaws.com/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityService.${target}`,
    },
    body: JSON.stringify(body),
  });
  const parsed = (await answer.json().catch(() => ({}))) as T & { message?: string; __type?: string };
  if (!answer.ok)
    throw new Error(`Cognito identity ${target} failed: ${parsed.message ?? parsed.__type ?? answer.status}`);
  return parsed;
}

function cognitoSession(config: Config, initial: Tokens): Session {
  let tokens = initial;
  let credentials: TemporaryCredentials | undefined;
  let identityId: string | undefined;
  const provider = `cognito-idp.${config.region}.amazonaws.com/${config.cognito.userPoolId}`;

  const freshTokens = async () => {
    if (tokens.expiresAt - RENEW_MS > Date.now()) return tokens;
    if (tokens.refreshToken === undefined) throw new Error('Your sign-in has expired; sign in again.');
    tokens = await tokenRequest(config, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
    sessionStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
    return tokens;
  };
  const fetchCredentials = async () => {
    const { idToken } = await freshTokens();
    const logins = { [provider]: idToken };
    identityId ??= (
      await identityCall<{ IdentityId: string }>(config, 'GetId', {
        IdentityPoolId: config.cognito.identityPoolId,
        Logins: logins,
      })
    ).IdentityId;
    const { Credentials: c } = await identityCall<{
      Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number };
    }>(config, 'GetCredentialsForIdentity', { IdentityId: identityId, Logins: logins });
    credentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretKey,
      sessionToken: c.SessionToken,
      expiration: new Date(c.Expiration * 1000),
    };
    return credentials;
  };
  // One renewal at a time: the calls a page makes at once all wait for the same credentials.
  let renewing: Promise<TemporaryCredentials> | undefined;
  const freshCredentials = (): Promise<TemporaryCredentials> => {
    if (credentials !== undefined && credentials.expiration.getTime() - RENEW_MS > Date.now()) {
      return Promise.resolve(credentials);
    }
    renewing ??= fetchCredentials().finally(() => {
      renewing = undefined;
    });
    return renewing;
  };
  const claims = claimsOf(initial.idToken);
  return {
    user: String(claims.email ?? claims['cognito:username'] ?? 'signed in'),
    authenticate: async (request) => signRequest(request, await freshCredentials(), config.region),
    signOut: () => {
      sessionStorage.removeItem(TOKENS_KEY);
      const url = new URL('/logout', config.cognito.domain);
      url.search = new URLSearchParams({
        client_id: config.cognito.userPoolClientId,
        logout_uri: `${window.location.origin}/login`,
      }).toString();
      return url.toString();
    },
  };
}
