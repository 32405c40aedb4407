/**
 * Reading an API Gateway proxy event: the JSON body (size, media type, syntax, finite numbers),
 * the query string and path parameters against zod schemas, If-Match, and the caller's identity.
 */

import { pathParameters } from '@talaty/schemas';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import { parseWith } from '../domain/validation.ts';
import { HttpError } from './errors.ts';

/** Larger bodies answer 413; API Gateway's own cap is 10 MB. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function headerOf(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/** The first path inside `value` holding a number JSON can carry but a double cannot (1e309). */
function nonFinitePath(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFinitePath(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The parsed JSON body; `undefined` when there is none. */
export function jsonBody(event: APIGatewayProxyEvent): unknown {
  if (event.body === null || event.body === undefined || event.body === '') return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `The body is ${bytes.length} bytes; the limit is ${MAX_BODY_BYTES}.`);
  }
  const type = headerOf(event, 'content-type');
  if (type !== undefined && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send JSON with Content-Type: application/json, not ${type}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HttpError(400, 'MALFORMED_JSON', `The body is not valid JSON: ${reason}`, [
      { path: '', message: reason },
    ]);
  }
  const bad = nonFinitePath(parsed, []);
  if (bad !== undefined) {
    const path = bad.join('.');
    throw new ValidationError(`${path}: number is out of range`, [
      { path, message: 'number is out of range (must be a finite double)' },
    ]);
  }
  return parsed;
}

/** The body validated by `schema`; a missing body is validated as `{}` so required fields are named. */
export function bodyOf<S extends z.ZodType>(event: APIGatewayProxyEvent, schema: S): z.output<S> {
  return parseWith(schema, jsonBody(event) ?? {}, 'The request body');
}

export function queryOf<S extends z.ZodType>(event: APIGatewayProxyEvent, schema: S): z.output<S> {
  return parseWith(schema, event.queryStringParameters ?? {}, 'The query string');
}

/** The named path parameters, each validated by its schema in the API description. */
export function pathOf(event: APIGatewayProxyEvent, names: readonly string[]): Record<string, unknown> {
  const shape = Object.fromEntries(
    names.map((name) => {
      const schema = pathParameters[name];
      if (schema === undefined) throw new Error(`path parameter ${name} has no schema in schemas/src/api.ts`);
      return [name, schema];
    }),
  );
  return parseWith(z.object(shape), event.pathParameters ?? {}, 'The path');
}

/** The row version in If-Match: `"3"`, `W/"3"` or `3`. */
export function ifMatchOf(event: APIGatewayProxyEvent): number | undefined {
  const raw = headerOf(event, 'if-match');
  if (raw === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (match?.[1] === undefined || Number(match[1]) < 1) {
    throw new ValidationError('If-Match must be the ETag of the version you read, e.g. "3".', [
      { path: 'If-Match', message: `"${raw}" is not a row version` },
    ]);
  }
  return Number(match[1]);
}
