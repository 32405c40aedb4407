/**
 * Reading an API Gateway proxy event: the JSON body (size, media type, syntax, finite numbers),
 * the query string and path parameters against zod schemas, If-Match, and the caller's identity.
 */

import { pathParameters } from '@talaty/schemas';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import { PreconditionFailedError, PreconditionRequiredError, ValidationError } from '../domain/errors.ts';
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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored verbatim (PostgreSQL text holds no NUL; UTF-8 no lone surrogate). */
function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which is not valid Unicode';
  return undefined;
}

/** The first value inside a parsed body that cannot be stored as sent, with its path. */
function unstorable(value: unknown, path: string[]): { path: string[]; message: string } | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : { path, message: 'number is out of range (must be a finite double)' };
  }
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem === undefined ? undefined : { path, message: problem };
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = textProblem(key);
    if (keyProblem !== undefined) return { path: [...path, key], message: `field name ${keyProblem}` };
    const found = unstorable(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Refuses query or path values that cannot be stored or compared as sent. */
function checkText(values: Record<string, unknown>): void {
  const bad = unstorable(values, []);
  if (bad !== undefined) {
    const path = bad.path.join('.');
    throw new ValidationError(`${path}: ${bad.message}`, [{ path, message: bad.message }]);
  }
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
  if (parsed === null) {
    throw new ValidationError('The body is null; send a JSON object.', [{ path: '', message: 'expected an object' }]);
  }
  const bad = unstorable(parsed, []);
  if (bad !== undefined) {
    const path = bad.path.join('.');
    throw new ValidationError(`${path}: ${bad.message}`, [{ path, message: bad.message }]);
  }
  return parsed;
}

/** The body validated by `schema`; a missing body is validated as `{}` so required fields are named. */
export function bodyOf<S extends z.ZodType>(event: APIGatewayProxyEvent, schema: S): z.output<S> {
  return parseWith(schema, jsonBody(event) ?? {}, 'The request body');
}

export function queryOf<S extends z.ZodType>(event: APIGatewayProxyEvent, schema: S): z.output<S> {
  const query = event.queryStringParameters ?? {};
  checkText(query);
  return parseWith(schema, query, 'The query string');
}

const pathSchemas = new Map<string, z.ZodType>();

/** The schema of a set of path parameters, built once per set. */
function pathSchema(names: readonly string[]): z.ZodType {
  const key = names.join('/');
  let schema = pathSchemas.get(key);
  if (schema === undefined) {
    const shape = Object.fromEntries(
      names.map((name) => {
        const parameter = pathParameters[name];
        if (parameter === undefined) throw new Error(`path parameter ${name} has no schema in schemas/src/api.ts`);
        return [name, parameter];
      }),
    );
    schema = z.object(shape);
    pathSchemas.set(key, schema);
  }
  return schema;
}

/** The named path parameters, each validated by its schema in the API description. */
export function pathOf(event: APIGatewayProxyEvent, names: readonly string[]): Record<string, unknown> {
  const path = event.pathParameters ?? {};
  checkText(path);
  return parseWith(pathSchema(names), path, 'The path') as Record<string, unknown>;
}

/**
 * The row version in If-Match: `"3"` (or a bare `3`). A weak tag never matches under If-Match's
 * strong comparison, so `W/"3"` is a failed precondition; so is a version that cannot exist (`"0"`).
 */
export function ifMatchOf(event: APIGatewayProxyEvent): number | undefined {
  const raw = headerOf(event, 'if-match');
  if (raw === undefined) return undefined;
  if (/^\s*(?:W\/"\d{1,9}"|"?0+"?)\s*$/.test(raw)) {
    throw new PreconditionFailedError(`If-Match ${raw} matches no row version (weak tags never match).`, [
      { path: 'If-Match', message: `${raw} matches no row version` },
    ]);
  }
  const match = /^\s*"?(\d{1,9})"?\s*$/.exec(raw);
  if (match?.[1] === undefined) {
    throw new ValidationError('If-Match must be the ETag of the version you read, e.g. "3".', [
      { path: 'If-Match', message: `"${raw}" is not a row version` },
    ]);
  }
  return Number(match[1]);
}

/** The row version an update is based on, from If-Match and/or the body's `row_version`; they must agree. */
export function expectedVersionOf(event: APIGatewayProxyEvent, inBody: number | undefined): number {
  const fromHeader = ifMatchOf(event);
  if (fromHeader !== undefined && inBody !== undefined && fromHeader !== inBody) {
    throw new ValidationError('If-Match and row_version disagree.', [
      { path: 'row_version', message: `is ${inBody}, but If-Match says ${fromHeader}` },
    ]);
  }
  const expected = fromHeader ?? inBody;
  if (expected === undefined) {
    throw new PreconditionRequiredError(
      'Updates must say which row version they change: send If-Match with the ETag you read, or row_version in the body.',
    );
  }
  return expected;
}
