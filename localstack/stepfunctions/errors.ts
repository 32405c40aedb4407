/**
 * Errors of the local Step Functions endpoint, as AWS's JSON 1.0 services answer them: an HTTP
 * status and `{"__type": "<Name>", "message": "..."}`, which the SDK surfaces by name.
 */
export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** `1 validation error detected: ...` as AWS words a bad or missing member. */
export const validation = (member: string, value: unknown, constraint: string): SfnError =>
  new SfnError(
    'ValidationException',
    `1 validation error detected: Value ${value === undefined || value === null ? 'null' : `'${String(value)}'`} at '${member}' failed to satisfy constraint: ${constraint}`,
  );

export const executionDoesNotExist = (arn: string): SfnError =>
  new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);

export const stateMachineDoesNotExist = (arn: string): SfnError =>
  new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);

export const invalidArn = (arn: string, what: string): SfnError =>
  new SfnError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${what}': '${arn}'`);
