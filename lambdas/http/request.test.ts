import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import type { HttpError } from './errors.ts';
import { ifMatchOf, jsonBody, MAX_BODY_BYTES } from './request.ts';

const event = (body: string | null, headers: Record<string, string> = {}, isBase64Encoded = false) =>
  ({ body, headers, isBase64Encoded }) as unknown as APIGatewayProxyEvent;

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
};

describe('jsonBody', () => {
  it('parses JSON, base64 bodies, and treats an empty body as absent', () => {
    expect(jsonBody(event('{"a":[1,"é"]}'))).toEqual({ a: [1, 'é'] });
    expect(jsonBody(event(Buffer.from('{"b":true}').toString('base64'), {}, true))).toEqual({ b: true });
    expect(jsonBody(event(null))).toBeUndefined();
    expect(jsonBody(event(''))).toBeUndefined();
  });

  it('names the path of a number a double cannot hold', () => {
    const error = thrown(() => jsonBody(event('{"x":{"y":[0, 1e309]}}'))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual([{ path: 'x.y.1', message: 'number is out of range (must be a finite double)' }]);
  });

  it('answers 400 for malformed JSON, 413 over 1 MiB, 415 for another media type', () => {
    expect((thrown(() => jsonBody(event('{"a":'))) as HttpError).status).toBe(400);
    expect((thrown(() => jsonBody(event('{"a": NaN}'))) as HttpError).code).toBe('MALFORMED_JSON');
    const big = `"${'x'.repeat(MAX_BODY_BYTES)}"`;
    expect((thrown(() => jsonBody(event(big))) as HttpError).status).toBe(413);
    // multi-byte characters count as bytes, not characters
    const wide = `"${'é'.repeat(MAX_BODY_BYTES / 2)}"`;
    expect((thrown(() => jsonBody(event(wide))) as HttpError).status).toBe(413);
    const form = event('a=1', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect((thrown(() => jsonBody(form)) as HttpError).status).toBe(415);
    expect(jsonBody(event('{}', { 'content-type': 'application/merge-patch+json' }))).toEqual({});
  });
});

describe('text that cannot be stored as sent', () => {
  it('refuses NUL characters and lone surrogates in values and field names, naming the path', () => {
    const cases: Array<[string, string]> = [
      ['{"a":"x\\u0000y"}', 'a'],
      ['{"a":["ok","\\ud800"]}', 'a.1'],
      ['{"a\\u0000":1}', 'a\u0000'],
    ];
    for (const [body, path] of cases) {
      const error = thrown(() => jsonBody(event(body))) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.details[0]?.path).toBe(path);
    }
    expect(jsonBody(event('{"a":"\\ud83d\\udcb3 ok"}'))).toEqual({ a: '💳 ok' });
    expect((thrown(() => jsonBody(event('null'))) as ValidationError).details[0]?.path).toBe('');
  });
});

describe('ifMatchOf', () => {
  it('reads quoted, weak and bare row versions', () => {
    expect(ifMatchOf(event(null, { 'If-Match': '"3"' }))).toBe(3);
    expect(ifMatchOf(event(null, { 'if-match': '7' }))).toBe(7);
    expect(ifMatchOf(event(null, {}))).toBeUndefined();
  });

  it('fails the precondition for weak tags and impossible versions', () => {
    for (const value of ['W/"12"', '"0"', '0']) {
      expect(thrown(() => ifMatchOf(event(null, { 'If-Match': value })))).toBeInstanceOf(PreconditionFailedError);
    }
  });

  it('refuses anything else, naming the header', () => {
    for (const value of ['*', '"abc"', '"1", "2"']) {
      const error = thrown(() => ifMatchOf(event(null, { 'If-Match': value }))) as ValidationError;
      expect(error.details[0]?.path).toBe('If-Match');
    }
  });
});
