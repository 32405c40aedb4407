/**
 * The local Step Functions endpoint's protocol and operations with @aws-sdk/client-sfn and the
 * AWS CLI: StartExecution's idempotency and name rules, Describe/Stop/List with paging and
 * filters, the state machines, AWS's error names, and SigV4.
 */
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli } from '../aws-cli.ts';
import { LOCAL_CREDENTIALS } from '../config.ts';
import {
  finished,
  PIPELINE_ARN,
  pipeline,
  REGION,
  type SfnFixture,
  startFixture,
  startRun,
  TASK_DEFINITION_ARN,
  until,
} from './testing.ts';

let f: SfnFixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

/** The error name and message a call fails with. */
async function failure(call: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await call;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded');
}

const executionOf = (name: string) => `${PIPELINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`;

describe('StartExecution', () => {
  it('is idempotent for the same name and input while the execution runs, and refuses the name otherwise', async () => {
    const input = JSON.stringify({ run_id: 'idem', task_definition: TASK_DEFINITION_ARN, command: ['sleep'] });
    const first = await f.client.send(
      new StartExecutionCommand({ stateMachineArn: PIPELINE_ARN, name: 'idem', input }),
    );
    expect(first.executionArn).toBe(executionOf('idem'));
    const again = await f.client.send(
      new StartExecutionCommand({ stateMachineArn: PIPELINE_ARN, name: 'idem', input }),
    );
    expect(again).toMatchObject({ executionArn: first.executionArn, startDate: first.startDate });

    const other = JSON.stringify({ run_id: 'idem', task_definition: TASK_DEFINITION_ARN });
    const refused = await failure(
      f.client.send(new StartExecutionCommand({ stateMachineArn: PIPELINE_ARN, name: 'idem', input: other })),
    );
    expect(refused).toEqual({
      name: 'ExecutionAlreadyExists',
      message: `Execution Already Exists: '${executionOf('idem')}'`,
      status: 400,
    });

    // Once closed, the name is taken even for the same input (AWS reuses names after 90 days only).
    await f.client.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    const closed = f.client.send(new StartExecutionCommand({ stateMachineArn: PIPELINE_ARN, name: 'idem', input }));
    await expect(closed).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('names an execution with a uuid when no name is given, with input {} by default', async () => {
    const out = await f.client.send(new StartExecutionCommand({ stateMachineArn: PIPELINE_ARN }));
    expect(out.executionArn).toMatch(/:execution:talaty-test-runpipeline:[0-9a-f-]{36}$/);
    const d = await f.client.send(new DescribeExecutionCommand({ executionArn: out.executionArn }));
    expect(d.input).toBe('{}');
    // Without run_id the first state's path fails: States.Runtime, which no Catch takes.
    expect(await finished(f.client, out.executionArn as string)).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
    });
  });

  it("refuses bad names, bad input and machines that don't exist, with AWS's error names", async () => {
    const start = (fields: Record<string, string>) =>
      failure(f.client.send(new StartExecutionCommand({ stateMachineArn: PIPELINE_ARN, ...fields })));
    expect(await start({ name: 'has space' })).toMatchObject({
      name: 'InvalidName',
      message: "Invalid Name: 'has space'",
    });
    expect(await start({ name: 'a/b' })).toMatchObject({ name: 'InvalidName' });
    expect(await start({ name: 'x'.repeat(81) })).toMatchObject({ name: 'ValidationException' });
    expect(await start({ input: '{nope' })).toMatchObject({ name: 'InvalidExecutionInput' });
    expect(await start({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope' })).toEqual({
      name: 'StateMachineDoesNotExist',
      message: "State Machine Does Not Exist: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope'",
      status: 400,
    });
    expect(await start({ stateMachineArn: 'not-an-arn' })).toMatchObject({ name: 'InvalidArn', status: 400 });
  });
});

describe('DescribeExecution and StopExecution', () => {
  it('describe a running execution, then an aborted one with its error and cause', async () => {
    const { executionArn, runId } = await startRun(f.client, { command: ['sleep'] });
    const running = await f.client.send(new DescribeExecutionCommand({ executionArn }));
    expect(running).toMatchObject({
      executionArn,
      stateMachineArn: PIPELINE_ARN,
      name: runId,
      status: 'RUNNING',
      input: JSON.stringify({ run_id: runId, task_definition: TASK_DEFINITION_ARN, command: ['sleep'] }),
    });
    expect(running.startDate).toBeInstanceOf(Date);
    expect(running.stopDate).toBeUndefined();
    await until(() => f.ecs.tasks().find((t) => t.runId === runId));

    const stopped = await f.client.send(new StopExecutionCommand({ executionArn, cause: 'no longer needed' }));
    const aborted = await f.client.send(new DescribeExecutionCommand({ executionArn }));
    expect(aborted).toMatchObject({ status: 'ABORTED', cause: 'no longer needed', stopDate: stopped.stopDate });
    expect(aborted.error).toBeUndefined();
    expect(aborted.output).toBeUndefined();
    // Stopping again changes nothing.
    const again = await f.client.send(new StopExecutionCommand({ executionArn, error: 'Other' }));
    expect(again.stopDate).toEqual(stopped.stopDate);
    expect((await f.client.send(new DescribeExecutionCommand({ executionArn }))).error).toBeUndefined();
  });

  it('answer ExecutionDoesNotExist and InvalidArn', async () => {
    const missing = executionOf('missing');
    expect(await failure(f.client.send(new DescribeExecutionCommand({ executionArn: missing })))).toEqual({
      name: 'ExecutionDoesNotExist',
      message: `Execution Does Not Exist: '${missing}'`,
      status: 400,
    });
    expect(await failure(f.client.send(new StopExecutionCommand({ executionArn: missing })))).toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    expect(await failure(f.client.send(new GetExecutionHistoryCommand({ executionArn: PIPELINE_ARN })))).toMatchObject({
      name: 'InvalidArn',
    });
  });
});

describe('ListExecutions', () => {
  it('lists newest first, filters by status and pages with tokens', async () => {
    const a = await startRun(f.client);
    const b = await startRun(f.client);
    await finished(f.client, a.executionArn);
    await finished(f.client, b.executionArn);
    const all = await f.client.send(new ListExecutionsCommand({ stateMachineArn: PIPELINE_ARN }));
    const arns = (all.executions ?? []).map((e) => e.executionArn);
    expect(arns.indexOf(b.executionArn)).toBe(arns.indexOf(a.executionArn) - 1);
    expect(all.executions?.find((e) => e.executionArn === a.executionArn)).toMatchObject({
      name: a.runId,
      stateMachineArn: PIPELINE_ARN,
      status: 'SUCCEEDED',
    });

    const paged: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await f.client.send(
        new ListExecutionsCommand({ stateMachineArn: PIPELINE_ARN, maxResults: 2, nextToken }),
      );
      expect(page.executions?.length).toBeLessThanOrEqual(2);
      paged.push(...(page.executions ?? []).map((e) => e.executionArn as string));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    expect(paged).toEqual(arns);

    const succeeded = await f.client.send(
      new ListExecutionsCommand({ stateMachineArn: PIPELINE_ARN, statusFilter: 'SUCCEEDED' }),
    );
    expect(succeeded.executions?.every((e) => e.status === 'SUCCEEDED')).toBe(true);
    expect(succeeded.executions?.map((e) => e.executionArn)).toContain(a.executionArn);

    const bad = f.client.send(new ListExecutionsCommand({ stateMachineArn: PIPELINE_ARN, nextToken: 'bogus' }));
    expect(await failure(bad)).toMatchObject({ name: 'InvalidToken' });
  });

  it('works from the AWS CLI', async () => {
    const { executionArn } = await startRun(f.client);
    await finished(f.client, executionArn);
    const { stdout } = await awsCli(
      [
        'stepfunctions',
        'list-executions',
        '--endpoint-url',
        f.server.url,
        '--state-machine-arn',
        PIPELINE_ARN,
        '--output',
        'json',
      ],
      REGION,
    );
    const listed = JSON.parse(stdout) as { executions: Array<{ executionArn: string; status: string }> };
    expect(listed.executions.find((e) => e.executionArn === executionArn)?.status).toBe('SUCCEEDED');
  });
});

describe('state machines', () => {
  it('are listed and described with their definition', async () => {
    const list = await f.client.send(new ListStateMachinesCommand({}));
    expect(list.stateMachines?.map((m) => m.stateMachineArn)).toContain(PIPELINE_ARN);
    const d = await f.client.send(new DescribeStateMachineCommand({ stateMachineArn: PIPELINE_ARN }));
    expect(d).toMatchObject({ name: 'talaty-test-runpipeline', status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(d.definition ?? '')).toEqual(pipeline);
  });
});

describe('the protocol', () => {
  it('refuses unsigned, wrongly signed and wrong-region requests', async () => {
    const unsigned = await fetch(f.server.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.ListStateMachines' },
      body: '{}',
    });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });

    const withSecret = (secretAccessKey: string, region = REGION) =>
      new SFNClient({ endpoint: f.server.url, region, credentials: { ...LOCAL_CREDENTIALS, secretAccessKey } });
    for (const [client, name] of [
      [withSecret('wrong'), 'InvalidSignatureException'],
      [withSecret(LOCAL_CREDENTIALS.secretAccessKey, 'eu-west-1'), 'InvalidSignatureException'],
    ] as const) {
      expect(await failure(client.send(new ListStateMachinesCommand({})))).toMatchObject({ name, status: 403 });
      client.destroy();
    }
  });

  it('answers an unknown operation with UnknownOperationException', async () => {
    const client = new SFNClient({ endpoint: f.server.url, region: REGION, credentials: LOCAL_CREDENTIALS });
    // The SDK only sends operations it knows: re-target a signed request (signing comes after 'build').
    client.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-amz-target'] =
          'AWSStepFunctions.CreateActivity';
        return next(args);
      },
      { step: 'build', name: 'retarget' },
    );
    expect(await failure(client.send(new ListStateMachinesCommand({})))).toMatchObject({
      name: 'UnknownOperationException',
      status: 400,
    });
    client.destroy();
  });
});
