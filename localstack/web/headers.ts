/**
 * What the local web server says about each file: its content type, whether it is worth
 * compressing, how long a browser may cache it, and the security headers CloudFront adds in AWS.
 */
import { extname } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Text formats gain from gzip or brotli; images and fonts are compressed already. */
export function compressible(type: string): boolean {
  return /^text\/|^application\/(json|manifest\+json|javascript)|^image\/svg\+xml/.test(type);
}

/** Vite's hashed output never changes under its name; everything else is revalidated on each use. */
export function cacheControl(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export interface PolicyOrigins {
  /** Origins the app calls (the API, S3 for uploads and artifacts). */
  readonly connect: readonly string[];
  /** Origins the app may frame (the run's HTML report, on S3). */
  readonly frame: readonly string[];
}

/**
 * The app's Content-Security-Policy: its own scripts and styles only (Vite emits no inline script
 * or style, and React sets style properties through the DOM, which style-src does not govern).
 */
export function contentSecurityPolicy(origins: PolicyOrigins): string {
  const list = (extra: readonly string[]) => ["'self'", ...new Set(extra)].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${list(origins.connect)}`,
    `frame-src ${list(origins.frame)}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The headers of the web construct's CloudFront response headers policy (lib/constructs/web.ts),
 * without what needs HTTPS (HSTS, upgrade-insecure-requests): the local server speaks plain HTTP.
 */
export function securityHeaders(origins: PolicyOrigins): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(origins),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
