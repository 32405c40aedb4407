import { describe, expect, it } from 'vitest';
import { failureOf } from './run-pipeline.ts';

const lambdaError = (name: string, message: string) => ({
  error: { Error: name, Cause: JSON.stringify({ errorType: name, errorMessage: message, trace: [] }) },
});

describe('failureOf', () => {
  it('takes a step error’s message from the Lambda cause and maps its name to a code', () => {
    expect(failureOf(lambdaError('DatasetVersionNotReady', 'Dataset version 2 is PROFILING.'), undefined)).toEqual({
      code: 'DATASET_NOT_READY',
      message: 'Dataset version 2 is PROFILING.',
    });
    expect(failureOf(lambdaError('TypeError', 'x is undefined'), undefined)).toEqual({
      code: 'PIPELINE_ERROR',
      message: 'x is undefined',
    });
    expect(failureOf({ error: { Error: 'States.Timeout', Cause: '' } }, undefined).code).toBe('TRAINING_TIMED_OUT');
  });

  it('prefers the runner’s own failure when it left a result', () => {
    const result = {
      run_id: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
      outcome: 'failed',
      failure: {
        code: 'MISSING_COLUMN',
        message: 'Feature "age" reads column "AGE", which the dataset does not have.',
      },
    } as never;
    const state = { train: { Containers: [{ ExitCode: 1 }], StoppedReason: 'Essential container in task exited' } };
    expect(failureOf(state, result)).toEqual({
      code: 'MISSING_COLUMN',
      message: 'Feature "age" reads column "AGE", which the dataset does not have.',
    });
  });

  it('reads the exit code from the task description AWS puts in a States.TaskFailed cause', () => {
    const cause = JSON.stringify({
      StoppedReason: 'Essential container in task exited',
      Containers: [{ ExitCode: 137 }],
    });
    const failure = failureOf({ error: { Error: 'States.TaskFailed', Cause: cause } }, undefined);
    expect(failure.code).toBe('RUNNER_EXITED');
    expect(failure.message).toContain('SIGKILL, exit code 137');
    expect(failure.message).toContain('Essential container in task exited');
    expect(failureOf({ error: { Error: 'States.TaskFailed', Cause: 'not json' } }, undefined)).toEqual({
      code: 'TASK_FAILED',
      message: 'not json',
    });
  });

  it('names a signal-killed runner and its exit code', () => {
    const failure = failureOf({ train: { Containers: [{ ExitCode: 137 }], StoppedReason: 'killed' } }, undefined);
    expect(failure.code).toBe('RUNNER_EXITED');
    expect(failure.message).toContain('SIGKILL, exit code 137');
    expect(failureOf({ train: { Containers: [{ ExitCode: 3 }] } }, undefined).message).toContain('exited with code 3');
    expect(failureOf({ train: { Containers: [{}], StoppedReason: 'CannotPullContainerError' } }, undefined)).toEqual({
      code: 'TASK_FAILED',
      message: 'The runner task stopped without an exit code: CannotPullContainerError',
    });
  });
});
