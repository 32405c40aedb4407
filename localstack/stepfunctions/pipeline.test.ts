/**
 * Executions of a RunPipeline-shaped state machine through the local Step Functions endpoint, with
 * real SDK clients: Lambda tasks (success, failure caught by name with AWS's cause, retry), the ECS
 * task as a child process (environment, captured logs in S3, exit codes through the Choice, a kill
 * → 137, StopExecution killing the child, the state's timeout), and resources the local cloud
 * does not run.
 */
import { DescribeExecutionCommand, GetExecutionHistoryCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  finished,
  historyOf,
  payloadOf,
  readObject,
  type SfnFixture,
  startFixture,
  startRun,
  TIMED_ARN,
  UNSUPPORTED_ARN,
  until,
} from './testing.ts';

let f: SfnFixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

/** The running task of a run, once its child has started. */
const taskOf = (runId: string) => until(() => f.ecs.tasks().find((t) => t.runId === runId));

/** The log object of the run's one task, whose key carries the task id. */
async function taskLog(runId: string, taskArn: string): Promise<string> {
  const taskId = taskArn.slice(taskArn.lastIndexOf('/') + 1);
  return readObject(f.s3Server.url, `runs/${runId}/logs/task-${taskId}.log`);
}

const isGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

describe('a run that succeeds', () => {
  it('runs Prepare, the container, the Choice and Record, with AWS history events', async () => {
    const { executionArn, runId } = await startRun(f.client, {
      command: ['env', 'TALATY_ARTIFACT_BUCKET', 'AWS_ENDPOINT_URL_S3', 'TALATY_S3_FORCE_PATH_STYLE', 'HOME'],
    });
    const done = await finished(f.client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output ?? '{}');
    expect(output.record).toEqual({ status: 'SUCCEEDED' });
    expect(output.prepare.manifest_uri).toBe(`s3://talaty-sfn-test/runs/${runId}/manifest.json`);
    expect(output.train).toMatchObject({
      LastStatus: 'STOPPED',
      StopCode: 'EssentialContainerExited',
      StoppedReason: 'Essential container in task exited',
      Containers: [{ Name: 'runner', ExitCode: 0, LastStatus: 'STOPPED' }],
    });
    expect(output.train.TaskArn).toMatch(
      /^arn:aws:ecs:us-east-1:000000000000:task\/talaty-test-cluster\/[0-9a-f]{32}$/,
    );

    const events = await historyOf(f.client, executionArn);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      ...['TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited'],
      ...['TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited'],
      ...['ChoiceStateEntered', 'ChoiceStateExited'],
      ...['TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited'],
      ...['SucceedStateEntered', 'SucceedStateExited'],
      'ExecutionSucceeded',
    ]);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[1]?.stateEnteredEventDetails?.name).toBe('Prepare');
    const scheduled = events.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails;
    expect(scheduled).toMatchObject({ resourceType: 'lambda', resource: 'invoke', region: 'us-east-1' });
    // $$.Execution.Id reached the function.
    expect(JSON.parse(scheduled?.parameters ?? '{}').Payload.execution_arn).toBe(executionArn);
    expect(payloadOf(events, 'Prepare').execution_arn).toBe(executionArn);

    // The container saw its template environment and the local endpoints, and nothing of ours.
    const log = await taskLog(runId, output.train.TaskArn);
    expect(JSON.parse(log)).toEqual({
      TALATY_ARTIFACT_BUCKET: 'talaty-sfn-test',
      AWS_ENDPOINT_URL_S3: f.s3Server.url,
      TALATY_S3_FORCE_PATH_STYLE: '1',
      HOME: null,
    });
  });

  it('pages the history forwards and backwards, with or without execution data', async () => {
    const { executionArn } = await startRun(f.client);
    await finished(f.client, executionArn);
    const all = await historyOf(f.client, executionArn);
    for (const reverseOrder of [false, true]) {
      const paged: number[] = [];
      let nextToken: string | undefined;
      do {
        const page = await f.client.send(
          new GetExecutionHistoryCommand({ executionArn, maxResults: 4, reverseOrder, nextToken }),
        );
        expect(page.events?.length).toBeLessThanOrEqual(4);
        paged.push(...(page.events ?? []).map((e) => e.id as number));
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
      const ids = all.map((e) => e.id as number);
      expect(paged).toEqual(reverseOrder ? ids.reverse() : ids);
    }
    const withoutData = await f.client.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1, includeExecutionData: false }),
    );
    expect(all[0]?.executionStartedEventDetails?.input).toContain('"run_id"');
    expect(withoutData.events?.[0]?.executionStartedEventDetails?.input).toBeUndefined();
  });
});

describe('Lambda tasks', () => {
  it('surface a function error by its name and AWS cause, caught into MarkFailed', async () => {
    const { executionArn } = await startRun(f.client, { fail: 'DatasetNotReady' });
    const done = await finished(f.client, executionArn);
    expect(done).toMatchObject({
      status: 'FAILED',
      error: 'RunFailed',
      cause: 'The run failed; its failure is recorded on the run.',
    });
    const events = await historyOf(f.client, executionArn);
    const failed = events.find((e) => e.type === 'TaskFailed')?.taskFailedEventDetails;
    expect(failed?.error).toBe('DatasetNotReady');
    const cause = JSON.parse(failed?.cause ?? '{}');
    expect(Object.keys(cause)).toEqual(['errorMessage', 'errorType', 'trace']);
    expect(cause).toMatchObject({ errorMessage: 'dataset version is not READY', errorType: 'DatasetNotReady' });
    // MarkFailed got the caught error at $.error, and the Train state never ran.
    expect(payloadOf(events, 'MarkFailed').error).toEqual({ Error: 'DatasetNotReady', Cause: failed?.cause });
    expect(events.some((e) => e.stateEnteredEventDetails?.name === 'Train')).toBe(false);
    expect(events.at(-2)?.type).toBe('FailStateEntered');
  });

  it('are retried on the errors Retry names', async () => {
    const { executionArn } = await startRun(f.client, { flaky: true });
    expect((await finished(f.client, executionArn)).status).toBe('SUCCEEDED');
    const prepare = (await historyOf(f.client, executionArn)).slice(0, 9).map((e) => e.type);
    expect(prepare).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      ...['TaskScheduled', 'TaskStarted', 'TaskFailed'],
      ...['TaskScheduled', 'TaskStarted', 'TaskSucceeded'],
      'TaskStateExited',
    ]);
  });
});

describe('the ECS task', () => {
  it('reports a non-zero exit code, which the Choice sends to MarkFailed', async () => {
    const { executionArn, runId } = await startRun(f.client, { command: ['exit', '3'] });
    expect((await finished(f.client, executionArn)).status).toBe('FAILED');
    const events = await historyOf(f.client, executionArn);
    expect(payloadOf(events, 'MarkFailed')).toEqual({
      error: null,
      exit_code: 3,
      stopped_reason: 'Essential container in task exited',
    });
    const submitted = events.find((e) => e.type === 'TaskSubmitted')?.taskSubmittedEventDetails;
    const task = JSON.parse(submitted?.output ?? '{}').Tasks[0];
    expect(task.LastStatus).toBe('PENDING');
    expect(await taskLog(runId, task.TaskArn)).toBe('hello stdout\nhello stderr\n');
    expect(f.sink.join('')).toContain(`[${task.TaskArn.slice(-32, -24)}] hello stderr\n`);
  });

  it('reports 137 for a child killed with SIGKILL, and still uploads its logs', async () => {
    const { executionArn, runId } = await startRun(f.client, { command: ['sleep'] });
    const task = await taskOf(runId);
    // The child has printed before it is killed, so its log has a line to keep.
    await until(() => (f.sink.join('').includes(`[${task.taskArn.slice(-32, -24)}] sleeping`) ? true : undefined));
    process.kill(task.pid, 'SIGKILL');
    expect((await finished(f.client, executionArn)).status).toBe('FAILED');
    const marked = payloadOf(await historyOf(f.client, executionArn), 'MarkFailed');
    expect(marked.exit_code).toBe(137);
    expect(await taskLog(runId, task.taskArn)).toBe('sleeping\n');
  });

  it('is stopped with the execution: ABORTED at once, the child gone (SIGKILL after an ignored SIGTERM)', async () => {
    const { executionArn, runId } = await startRun(f.client, { command: ['stubborn'] });
    const task = await taskOf(runId);
    await until(() => (f.sink.join('').includes(`[${task.taskArn.slice(-32, -24)}] sleeping`) ? true : undefined));
    await f.client.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'cancelled by a user' }));
    const done = await f.client.send(new DescribeExecutionCommand({ executionArn }));
    expect(done).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'cancelled by a user' });
    expect(done.stopDate).toBeInstanceOf(Date);
    await until(() => (f.ecs.tasks().some((t) => t.taskArn === task.taskArn) ? undefined : true));
    expect(isGone(task.pid)).toBe(true);
    // The logs are kept, including what the child said on SIGTERM; no later state ran.
    expect(await until(() => taskLog(runId, task.taskArn).catch(() => undefined))).toBe('sleeping\nignoring SIGTERM\n');
    const events = await historyOf(f.client, executionArn);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['TaskStateAborted', 'ExecutionAborted']);
    expect(events.at(-1)?.executionAbortedEventDetails).toEqual({ error: 'Cancelled', cause: 'cancelled by a user' });
  });

  it("is stopped when the state's TimeoutSeconds passes, as States.Timeout", async () => {
    const { executionArn, runId } = await startRun(f.client, { command: ['sleep'] }, TIMED_ARN);
    const task = await taskOf(runId);
    expect((await finished(f.client, executionArn)).status).toBe('FAILED');
    await until(() => (f.ecs.tasks().some((t) => t.taskArn === task.taskArn) ? undefined : true));
    expect(isGone(task.pid)).toBe(true);
    const events = await historyOf(f.client, executionArn);
    expect(events.find((e) => e.type === 'TaskTimedOut')?.taskTimedOutEventDetails).toMatchObject({
      resourceType: 'ecs',
      resource: 'runTask.sync',
      error: 'States.Timeout',
    });
    expect(payloadOf(events, 'MarkFailed').error).toMatchObject({ Error: 'States.Timeout' });
  });

  it('that cannot start reports no exit code, which IsPresent sends to MarkFailed', async () => {
    const unbuilt = 'arn:aws:ecs:us-east-1:000000000000:task-definition/Unbuilt:1';
    const { executionArn } = await startRun(f.client, { task_definition: unbuilt });
    expect((await finished(f.client, executionArn)).status).toBe('FAILED');
    const marked = payloadOf(await historyOf(f.client, executionArn), 'MarkFailed');
    expect(marked.exit_code).toBeNull();
    expect(marked.stopped_reason).toMatch(/^CannotPullContainerError: .*talaty-runner\.mjs does not exist/);
  });

  it('of an unknown task definition fails the task as ECS would', async () => {
    const { executionArn } = await startRun(f.client, { task_definition: 'NoSuchFamily' });
    expect((await finished(f.client, executionArn)).status).toBe('FAILED');
    const error = payloadOf(await historyOf(f.client, executionArn), 'MarkFailed').error as Record<string, string>;
    expect(error.Error).toBe('ECS.InvalidParameterException');
    expect(error.Cause).toMatch(
      /^Unable to find task definition 'NoSuchFamily'\. \(Service: AmazonECS; Status Code: 400/,
    );
  });
});

describe('a Task resource the local cloud does not run', () => {
  it('fails the execution with States.Runtime, past any Catch', async () => {
    const { executionArn } = await startRun(f.client, {}, UNSUPPORTED_ARN);
    const done = await finished(f.client, executionArn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.Runtime');
    expect(done.cause).toMatch(/does not run Task resource 'arn:aws:states:::sns:publish' \(state 'Notify'\)/);
  });
});
