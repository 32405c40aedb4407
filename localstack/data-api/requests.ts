/**
 * The request bodies of the five operations, read and checked the way the service does before
 * touching the database: JSON object, required members present and of the right type, ARN-shaped
 * resourceArn and secretArn, enum values known. `longValue` digits are kept exact (no double).
 * Anything wrong is a BadRequestException naming the member.
 */
import { badRequest } from './errors.ts';
import type { SqlParameter, TypeHint } from './parameters.ts';
import type { ResultSetOptions } from './values.ts';

export interface Target {
  readonly resourceArn: string;
  readonly secretArn: string;
  readonly database: string | undefined;
}

export interface ExecuteRequest extends Target {
  readonly sql: string;
  readonly parameters: readonly SqlParameter[];
  readonly transactionId: string | undefined;
  readonly includeResultMetadata: boolean;
  readonly continueAfterTimeout: boolean;
  readonly formatRecordsAs: 'NONE' | 'JSON';
  readonly resultSetOptions: ResultSetOptions;
}

export interface BatchRequest extends Target {
  readonly sql: string;
  readonly parameterSets: readonly (readonly SqlParameter[])[];
  readonly transactionId: string | undefined;
}

export interface EndTransactionRequest extends Target {
  readonly transactionId: string;
}

type Body = Record<string, unknown>;

/** The service's own limit on `sql`. */
const MAX_SQL = 65_536;
const RESOURCE_ARN = /^arn:[a-z-]+:rds:[^:]*:[^:]*:.+$/;
const SECRET_ARN = /^arn:[a-z-]+:secretsmanager:[^:]*:[^:]*:.+$/;
const TYPE_HINTS = new Set<string>(['DATE', 'DECIMAL', 'JSON', 'TIME', 'TIMESTAMP', 'UUID']);

/** Parses the body, keeping `"longValue": <digits>` exact by reading it as a string. */
export function parseBody(body: Buffer): Body {
  const text = body.toString('utf8').replace(/([{,]\s*"longValue"\s*:\s*)(-?\d+)(?=\s*[,}])/g, '$1"$2"');
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return parsed as Body;
}

function optional<T>(body: Body, name: string, type: 'string' | 'boolean' | 'object', fallback: T): T {
  const value = body[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== type || (type === 'object' && Array.isArray(value))) {
    throw badRequest(`${name} must be a ${type}.`);
  }
  return value as T;
}

function required(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw badRequest(`${name} is required and must be a non-empty string.`);
  }
  return value;
}

function oneOf<T extends string>(body: Body, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional<string>(body, name, 'string', fallback);
  if (!allowed.includes(value as T)) throw badRequest(`${name} must be one of ${allowed.join(', ')}, not ${value}.`);
  return value as T;
}

export function target(body: Body): Target {
  const resourceArn = required(body, 'resourceArn');
  const secretArn = required(body, 'secretArn');
  if (!RESOURCE_ARN.test(resourceArn)) {
    throw badRequest(`resourceArn ${resourceArn} is not the ARN of an Aurora cluster.`);
  }
  if (!SECRET_ARN.test(secretArn)) {
    throw badRequest(`secretArn ${secretArn} is not the ARN of a Secrets Manager secret.`);
  }
  return { resourceArn, secretArn, database: optional<string | undefined>(body, 'database', 'string', undefined) };
}

function sql(body: Body): string {
  const text = required(body, 'sql');
  if (text.length > MAX_SQL) {
    throw badRequest(`sql is ${text.length} characters long; the Data API takes at most ${MAX_SQL}.`);
  }
  return text;
}

function parameterList(value: unknown, where: string): SqlParameter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`${where} must be a list of parameters.`);
  return value.map((p: unknown, i) => {
    const item = p as { name?: unknown; value?: unknown; typeHint?: unknown } | null;
    if (item === null || typeof item !== 'object' || typeof item.name !== 'string' || item.name === '') {
      throw badRequest(`${where}[${i}] must have a name.`);
    }
    if (item.value === null || typeof item.value !== 'object' || Array.isArray(item.value)) {
      throw badRequest(`Parameter ${item.name} must have a value.`);
    }
    const hint = item.typeHint;
    if (hint !== undefined && hint !== null && !(typeof hint === 'string' && TYPE_HINTS.has(hint))) {
      throw badRequest(`Parameter ${item.name}: typeHint must be one of ${[...TYPE_HINTS].join(', ')}.`);
    }
    const value = item.value as Record<string, unknown>;
    return typeof hint === 'string'
      ? { name: item.name, value, typeHint: hint as TypeHint }
      : { name: item.name, value };
  });
}

function transactionId(body: Body): string | undefined {
  return optional<string | undefined>(body, 'transactionId', 'string', undefined);
}

export function executeRequest(body: Body): ExecuteRequest {
  const options = optional<Body>(body, 'resultSetOptions', 'object', {});
  return {
    ...target(body),
    sql: sql(body),
    parameters: parameterList(body.parameters, 'parameters'),
    transactionId: transactionId(body),
    includeResultMetadata: optional(body, 'includeResultMetadata', 'boolean', false),
    continueAfterTimeout: optional(body, 'continueAfterTimeout', 'boolean', false),
    formatRecordsAs: oneOf(body, 'formatRecordsAs', ['NONE', 'JSON'], 'NONE'),
    resultSetOptions: {
      decimalReturnType: oneOf(options, 'decimalReturnType', ['STRING', 'DOUBLE_OR_LONG'], 'STRING'),
      longReturnType: oneOf(options, 'longReturnType', ['LONG', 'STRING'], 'LONG'),
    },
  };
}

export function batchRequest(body: Body): BatchRequest {
  const sets = body.parameterSets ?? [];
  if (!Array.isArray(sets)) throw badRequest('parameterSets must be a list of parameter lists.');
  return {
    ...target(body),
    sql: sql(body),
    parameterSets: sets.map((set: unknown, i) => parameterList(set, `parameterSets[${i}]`)),
    transactionId: transactionId(body),
  };
}

export function endTransactionRequest(body: Body): EndTransactionRequest {
  return { ...target(body), transactionId: required(body, 'transactionId') };
}
