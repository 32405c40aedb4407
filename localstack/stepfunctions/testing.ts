/**
 * A small app for the Step Functions tests, without the CDK app: three functions (prepare, record,
 * mark-failed) as local bundles, a "runner" container whose entry is a tiny script driven by its
 * command, a local S3 server with the artifact bucket, and a RunPipeline-shaped state machine
 * (Prepare → Train → Choice on the exit code → Record; Catch → MarkFailed → Fail) served on a free
 * port. The container script: `exit <code>` prints to both streams and exits; `sleep` prints and
 * waits; `stubborn` also ignores SIGTERM; `env <NAME...>` prints those variables as JSON.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { LocalAccount } from '../cdk-out/intrinsics.ts';
import type { StateMachineInTemplate, TaskDefinitionInTemplate } from '../cdk-out/reader.ts';
import { LOCAL_CREDENTIALS } from '../config.ts';
import { FunctionHost } from '../lambda/functions.ts';
import { functionArn } from '../lambda/names.ts';
import { localS3Client } from '../s3/bucket.ts';
import { type S3Server, startS3Server } from '../s3/server.ts';
import { LocalEcs } from './ecs-task.ts';
import { Executions } from './executions.ts';
import { type StepFunctionsServer, startStepFunctions } from './server.ts';

export const REGION = 'us-east-1';
export const BUCKET = 'talaty-sfn-test';
export const account: LocalAccount = { region: REGION, accountId: '000000000000', stackName: 'Talaty-test' };
const FAMILY = 'TalatytestRunnerTask1A2B';
export const TASK_DEFINITION_ARN = `arn:aws:ecs:${REGION}:000000000000:task-definition/${FAMILY}:1`;
export const PIPELINE_ARN = `arn:aws:states:${REGION}:000000000000:stateMachine:talaty-test-runpipeline`;
export const UNSUPPORTED_ARN = `arn:aws:states:${REGION}:000000000000:stateMachine:talaty-test-unsupported`;

/** prepare: returns the manifest URI and the command the input asks for; fails as the input asks. */
const PREPARE = `
const seen = new Set();
export const handler = async (event) => {
  const input = event.input ?? {};
  if (input.fail) { const e = new Error('dataset version is not READY'); e.name = input.fail; throw e; }
  if (input.flaky && !seen.has(event.run_id)) {
    seen.add(event.run_id);
    const e = new Error('throttled'); e.name = 'Lambda.ServiceException'; throw e;
  }
  return {
    manifest_uri: 's3://${BUCKET}/runs/' + event.run_id + '/manifest.json',
    command: input.command ?? ['exit', '0'],
    execution_arn: event.execution_arn,
  };
};`;
const RECORD = `export const handler = async (event) => ({ status: 'SUCCEEDED', run_id: event.run_id });`;
const MARK_FAILED = `export const handler = async (event) => ({
  error: event.state.error ?? null,
  exit_code: event.state.train?.Containers?.[0]?.ExitCode ?? null,
  stopped_reason: event.state.train?.StoppedReason ?? null,
});`;
const CONTAINER = `
const [mode, ...rest] = process.argv.slice(2);
if (mode === 'exit') {
  console.log('hello stdout');
  console.error('hello stderr');
  process.exitCode = Number(rest[0]);
} else if (mode === 'env') {
  console.log(JSON.stringify(Object.fromEntries(rest.map((n) => [n, process.env[n] ?? null]))));
} else {
  if (mode === 'stubborn') process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
  console.log('sleeping');
  setInterval(() => undefined, 1000);
}`;

const invoke = (fn: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: functionArn(account, fn), Payload: payload },
  Retry: [
    { ErrorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 2 },
  ],
  ...extra,
});
const runId = { 'run_id.$': '$.run_id', 'execution_arn.$': '$$.Execution.Id' };
const toMarkFailed = { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'MarkFailed', ResultPath: '$.error' }] };

/** The RunPipeline shape of the shared plan; `$.task_definition` and `$.timeout` let tests vary Train. */
export const pipeline = {
  StartAt: 'Prepare',
  States: {
    Prepare: invoke(
      'Prepare',
      { ...runId, 'input.$': '$' },
      {
        ResultSelector: { 'manifest_uri.$': '$.Payload.manifest_uri', 'command.$': '$.Payload.command' },
        ResultPath: '$.prepare',
        Next: 'Train',
        ...toMarkFailed,
      },
    ),
    Train: {
      Type: 'Task',
      Resource: 'arn:aws:states:::ecs:runTask.sync',
      Parameters: {
        Cluster: `arn:aws:ecs:${REGION}:000000000000:cluster/talaty-test-cluster`,
        'TaskDefinition.$': '$.task_definition',
        LaunchType: 'FARGATE',
        NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'], AssignPublicIp: 'DISABLED' } },
        Overrides: { ContainerOverrides: [{ Name: 'runner', 'Command.$': '$.prepare.command' }] },
      },
      TimeoutSeconds: 600,
      ResultPath: '$.train',
      Retry: [{ ErrorEquals: ['ECS.AmazonECSException', 'ECS.ServerException'], IntervalSeconds: 1, MaxAttempts: 2 }],
      Next: 'RunnerExited',
      ...toMarkFailed,
    },
    RunnerExited: {
      Type: 'Choice',
      Choices: [
        {
          And: [
            { Variable: '$.train.Containers[0].ExitCode', IsPresent: true },
            { Variable: '$.train.Containers[0].ExitCode', NumericEquals: 0 },
          ],
          Next: 'Record',
        },
      ],
      Default: 'MarkFailed',
    },
    Record: invoke('Record', runId, {
      ResultSelector: { 'status.$': '$.Payload.status' },
      ResultPath: '$.record',
      Next: 'Succeeded',
      ...toMarkFailed,
    }),
    Succeeded: { Type: 'Succeed' },
    MarkFailed: invoke(
      'MarkFailed',
      { ...runId, 'state.$': '$' },
      { ResultPath: '$.marked', Next: 'Failed', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }] },
    ),
    Failed: { Type: 'Fail', Error: 'RunFailed', Cause: 'The run failed; its failure is recorded on the run.' },
  },
};

/** A Train copy with a 1 s timeout, and a machine whose only Task is a resource the local cloud does not run. */
const timed = structuredClone(pipeline);
timed.States.Train.TimeoutSeconds = 1;
export const TIMED_ARN = `arn:aws:states:${REGION}:000000000000:stateMachine:talaty-test-timed`;
const unsupported = {
  StartAt: 'Notify',
  States: {
    Notify: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: `arn:aws:sns:${REGION}:000000000000:t`, Message: 'x' },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
      End: true,
    },
    Caught: { Type: 'Pass', End: true },
  },
};

const machine = (arn: string, logicalId: string, definition: unknown): StateMachineInTemplate => ({
  logicalId,
  name: arn.slice(arn.lastIndexOf(':') + 1),
  arn,
  type: 'STANDARD',
  roleArn: `arn:aws:iam::000000000000:role/${logicalId}Role`,
  definition,
});

export interface SfnFixture {
  readonly dir: string;
  readonly server: StepFunctionsServer;
  readonly s3Server: S3Server;
  readonly ecs: LocalEcs;
  readonly client: SFNClient;
  /** The ECS child's own output, as the local log sink got it. */
  readonly sink: string[];
  close(): Promise<void>;
}

export async function startFixture(): Promise<SfnFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'talaty-sfn-'));
  for (const [name, code] of [
    ['Prepare', PREPARE],
    ['Record', RECORD],
    ['MarkFailed', MARK_FAILED],
  ] as const) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'index.mjs'), code);
  }
  mkdirSync(join(dir, 'asset.runner', 'dist'), { recursive: true });
  writeFileSync(join(dir, 'asset.runner', 'dist', 'talaty-runner.mjs'), CONTAINER);

  const s3Server = await startS3Server({
    port: 0,
    directory: join(dir, 's3'),
    credentials: LOCAL_CREDENTIALS,
    buckets: [{ name: BUCKET }],
  });
  const server = await startStepFunctions({
    port: 0,
    credentials: { [LOCAL_CREDENTIALS.accessKeyId]: LOCAL_CREDENTIALS.secretAccessKey },
    region: REGION,
  });
  const functions = new FunctionHost({ region: REGION, baseEnv: {}, logs: () => undefined });
  for (const name of ['Prepare', 'Record', 'MarkFailed']) {
    functions.register({
      name,
      file: join(dir, name, 'index.mjs'),
      exportName: 'handler',
      environment: {},
      timeoutSeconds: 10,
      memoryMb: 128,
    });
  }
  const taskDefinitions: TaskDefinitionInTemplate[] = [
    {
      logicalId: 'RunnerTask',
      family: FAMILY,
      arn: TASK_DEFINITION_ARN,
      localName: 'talaty-test-runnertask',
      containers: [
        {
          name: 'runner',
          environment: { TALATY_ARTIFACT_BUCKET: BUCKET },
          command: null,
          assetDirectory: join(dir, 'asset.runner'),
        },
      ],
    },
    {
      logicalId: 'Unbuilt',
      family: 'Unbuilt',
      arn: `arn:aws:ecs:${REGION}:000000000000:task-definition/Unbuilt:1`,
      localName: 'talaty-test-unbuilt',
      containers: [{ name: 'runner', environment: {}, command: null, assetDirectory: join(dir, 'asset.missing') }],
    },
  ];
  const sink: string[] = [];
  const ecs = new LocalEcs({
    region: REGION,
    accountId: account.accountId,
    taskDefinitions,
    baseEnv: {
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_REGION: REGION,
      AWS_ENDPOINT_URL_S3: s3Server.url,
      TALATY_S3_FORCE_PATH_STYLE: '1',
    },
    logs: { endpoint: s3Server.url, bucket: BUCKET, credentials: LOCAL_CREDENTIALS },
    // Time for a child that ignores SIGTERM to say so on a loaded machine, before SIGKILL.
    stopGraceMs: 2000,
    log: (text) => sink.push(text),
  });
  const executions = new Executions({
    stateMachines: [
      machine(PIPELINE_ARN, 'RunPipeline', pipeline),
      machine(TIMED_ARN, 'Timed', timed),
      machine(UNSUPPORTED_ARN, 'Unsupported', unsupported),
    ],
    services: { account, functions, ecs },
    region: REGION,
    retryIntervalMs: 10,
  });
  server.serve(executions);
  const client = new SFNClient({ endpoint: server.url, region: REGION, credentials: LOCAL_CREDENTIALS });
  return {
    dir,
    server,
    s3Server,
    ecs,
    client,
    sink,
    close: async () => {
      client.destroy();
      await server.close();
      await executions.close();
      await ecs.close();
      await functions.close();
      await s3Server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads an object of the test bucket as text. */
export async function readObject(s3Url: string, key: string): Promise<string> {
  const s3 = localS3Client(s3Url, LOCAL_CREDENTIALS, REGION);
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return (await out.Body?.transformToString('utf8')) ?? '';
  } finally {
    s3.destroy();
  }
}

/** Polls `probe` until it returns something other than undefined (the test's own timeout bounds it). */
export async function until<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts an execution of RunPipeline for a fresh run id; `input` adds to `{run_id, task_definition}`. */
export async function startRun(
  client: SFNClient,
  input: Record<string, unknown> = {},
  stateMachineArn = PIPELINE_ARN,
): Promise<{ executionArn: string; runId: string }> {
  const runId = randomUUID();
  const { executionArn } = await client.send(
    new StartExecutionCommand({
      stateMachineArn,
      name: runId,
      input: JSON.stringify({ run_id: runId, task_definition: TASK_DEFINITION_ARN, ...input }),
    }),
  );
  return { executionArn: executionArn as string, runId };
}

/** Waits for the execution to end and returns its description. */
export function finished(client: SFNClient, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return until(async () => {
    const d = await client.send(new DescribeExecutionCommand({ executionArn }));
    return d.status === 'RUNNING' ? undefined : d;
  });
}

/** The whole history, oldest first. */
export async function historyOf(client: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const out = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return out.events ?? [];
}

/** The parsed output of the last TaskSucceeded of `stateName`'s task (the Lambda integration's Payload). */
export function payloadOf(events: HistoryEvent[], stateName: string): Record<string, unknown> {
  let inState = false;
  let payload: unknown;
  for (const e of events) {
    if (e.stateEnteredEventDetails !== undefined) inState = e.stateEnteredEventDetails.name === stateName;
    if (inState && e.type === 'TaskSucceeded') payload = JSON.parse(e.taskSucceededEventDetails?.output ?? 'null');
  }
  return (payload as { Payload: Record<string, unknown> }).Payload;
}
