/**
 * The web app's security headers, written once for both places that serve it: CloudFront's response
 * headers policy in AWS (`lib/constructs/web.ts`) and the local web server (`localstack/web/server.ts`).
 * Plain strings in and out, no CDK: in AWS the origins are tokens that CloudFormation resolves.
 */

export interface WebOrigins {
  /** The API's origin: the app calls it (connect-src). */
  readonly api: string;
  /**
   * The artifact bucket's origin: uploads and downloads with presigned URLs (connect-src), and the
   * run's HTML report in a frame (frame-src).
   */
  readonly storage: string;
  /** In AWS, sign-in: the Cognito endpoints the app calls, and the managed login it calls and posts forms to. */
  readonly signIn?: { readonly endpoints: readonly string[]; readonly managedLogin: string } | undefined;
  /** Served over HTTPS only (CloudFront): HSTS, and plain-HTTP subresources upgraded. The local server speaks HTTP. */
  readonly https: boolean;
}

/** HSTS: two years, subdomains included. */
export const HSTS = { maxAgeSeconds: 730 * 86_400, includeSubdomains: true } as const;

export interface SecurityHeaders {
  readonly contentSecurityPolicy: string;
  /** Only over HTTPS. */
  readonly strictTransportSecurity: typeof HSTS | undefined;
  readonly contentTypeOptions: 'nosniff';
  readonly frameOptions: 'DENY';
  readonly referrerPolicy: 'strict-origin-when-cross-origin';
  /** Headers CloudFront's security headers have no field for (it sends them as custom headers). */
  readonly custom: Readonly<Record<string, string>>;
}

/**
 * The app's Content-Security-Policy: its own scripts and styles only (Vite's build emits no inline
 * script or style, and React sets style properties through the DOM, which style-src does not
 * govern), calls to the named origins only, never framed.
 */
export function contentSecurityPolicy(origins: WebOrigins): string {
  const sources = (...extra: string[]) => ["'self'", ...new Set(extra)].join(' ');
  const login = origins.signIn === undefined ? [] : [origins.signIn.managedLogin];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${sources(origins.api, origins.storage, ...(origins.signIn?.endpoints ?? []), ...login)}`,
    `frame-src ${sources(origins.storage)}`,
    `form-action ${sources(...login)}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    ...(origins.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function securityHeaders(origins: WebOrigins): SecurityHeaders {
  return {
    contentSecurityPolicy: contentSecurityPolicy(origins),
    strictTransportSecurity: origins.https ? HSTS : undefined,
    contentTypeOptions: 'nosniff',
    frameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    custom: {
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
      'Cross-Origin-Opener-Policy': 'same-origin',
    },
  };
}

/** The headers as an HTTP response carries them (what CloudFront sends for the policy). */
export function headerLines(headers: SecurityHeaders): Record<string, string> {
  const hsts = headers.strictTransportSecurity;
  return {
    'Content-Security-Policy': headers.contentSecurityPolicy,
    ...(hsts === undefined
      ? {}
      : {
          'Strict-Transport-Security': `max-age=${hsts.maxAgeSeconds}${hsts.includeSubdomains ? '; includeSubDomains' : ''}`,
        }),
    'X-Content-Type-Options': headers.contentTypeOptions,
    'X-Frame-Options': headers.frameOptions,
    'Referrer-Policy': headers.referrerPolicy,
    ...headers.custom,
  };
}
