import { describe, expect, it } from 'vitest';
import { ErrorResponse, toErrorDetails } from '../src/errors.ts';
import { ModelParams } from '../src/model-params.ts';

describe('toErrorDetails', () => {
  it('gives one detail per problem, naming each unknown field and each bad value by path', () => {
    const result = ModelParams.safeParse({ eta: 0.3, nthread: 2, max_depth: 0 });
    expect(result.success).toBe(false);
    const details = result.success ? [] : toErrorDetails(result.error);
    expect(details).toEqual([
      { path: 'max_depth', message: 'Too small: expected number to be >=1' },
      { path: 'eta', message: 'unknown field' },
      { path: 'nthread', message: 'unknown field' },
    ]);
    const body = { error: { code: 'VALIDATION_FAILED', message: 'The request body is invalid.', details } };
    expect(ErrorResponse.parse(body)).toEqual(body);
  });
});
