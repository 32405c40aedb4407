/**
 * The run pipeline as synthesized (bundling skipped): the state machine's definition, the runner's
 * task, network and roles, and what the runs API is granted. One small stack, shared by all tests.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IVpc } from 'aws-cdk-lib/aws-ec2';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../lambdas/environment.ts';
import { testApp } from '../test-support.ts';
import { Data } from './data.ts';
import { HandlerFunction } from './handler-function.ts';
import { Orchestration, type RunnerSettings } from './orchestration.ts';

type Json = Record<string, unknown>;
interface Statement {
  readonly Action: string[];
  readonly Resource: unknown[];
  readonly Condition?: unknown;
}

const settings: RunnerSettings = { cpu: 4096, memoryMiB: 12288, trainingTimeoutMinutes: 90 };
let stack: Stack;
let runs: Orchestration;
let api: HandlerFunction;
let template: Template;
let resources: Record<string, { Type: string; Properties: Json }>;
let definition: { StartAt: string; States: Record<string, Json> };

beforeAll(() => {
  stack = new Stack(testApp(), 'Test');
  const common = { logRetention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY };
  const data = new Data(stack, 'Data', {
    stage: 'test',
    webOrigin: 'http://127.0.0.1:5173',
    database: { minCapacity: 0, maxCapacity: 2, backupRetentionDays: 1, deletionProtection: false },
    ...common,
  });
  api = new HandlerFunction(stack, 'RunsApi', {
    entry: 'lambdas/handlers/runs.ts',
    description: 'the runs API',
    environment: {},
    ...common,
  });
  runs = new Orchestration(stack, 'Runs', {
    stage: 'test',
    version: '1.2.3',
    data,
    vpc: data.vpc as IVpc,
    settings,
    ...common,
  });
  runs.connectApi(api.function);
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
  definition = renderDefinition();
}, 60_000);

const id = (scope: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(scope.node.defaultChild as Parameters<Stack['getLogicalId']>[0]);
const placeholder = (token: unknown) => `<${JSON.stringify(token).replace(/"/g, '')}>`;

/** The DefinitionString with every intrinsic (Ref, GetAtt) written as a `<…>` placeholder. */
function renderDefinition() {
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  const [, parts] = (machine?.Properties.DefinitionString['Fn::Join'] ?? ['', []]) as [string, unknown[]];
  return JSON.parse(parts.map((part) => (typeof part === 'string' ? part : placeholder(part))).join(''));
}

function statementsOf(roleId: string): Statement[] {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Json[] }).Statement)
    .map((s) => ({ ...s, Action: [s.Action].flat() as string[], Resource: [s.Resource].flat() }));
}

function variablesOf(fn: HandlerFunction): Json {
  const environment = resources[id(fn.function)]?.Properties.Environment as { Variables: Json } | undefined;
  return environment?.Variables ?? {};
}

/** S3 actions by key pattern (`bucket` for the bucket itself), e.g. `{ 'runs/*': ['s3:PutObject'] }`. */
function s3Grants(roleId: string): Record<string, string[]> {
  const bucket = JSON.stringify({
    'Fn::GetAtt': [
      Object.keys(template.findResources('AWS::S3::Bucket', { Properties: { CorsConfiguration: {} } }))[0],
      'Arn',
    ],
  });
  const grants: Record<string, string[]> = {};
  for (const s of statementsOf(roleId).filter((s) => s.Action.some((a) => a.startsWith('s3:')))) {
    for (const resource of s.Resource) {
      const key =
        JSON.stringify(resource) === bucket
          ? 'bucket'
          : String((resource as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][1]).replace(/^\//, '');
      grants[key] = [...(grants[key] ?? []), ...s.Action].sort();
    }
  }
  return grants;
}

const LAMBDA_RETRY = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 2,
  MaxAttempts: 3,
  BackoffRate: 2,
};
const CATCH_ALL = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'MarkFailed' }];
const STEP_PAYLOAD = { 'run_id.$': '$.run_id', 'execution_arn.$': '$$.Execution.Id' };

describe('the RunPipeline state machine', () => {
  it('is a Standard machine, traced, logging every event without execution data', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'Talaty-test-RunPipeline',
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [id(runs.pipelineLogs), 'Arn'] } } }],
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/vendedlogs/states/Talaty-test-RunPipeline',
      RetentionInDays: 30,
    });
  });

  it('goes Prepare → Train → RunnerExited → Record → Succeeded, and MarkFailed → Failed', () => {
    const { StartAt, States } = definition;
    expect(StartAt).toBe('Prepare');
    const transitions = Object.fromEntries(
      Object.entries(States).map(([name, s]) => [name, { type: s.Type, next: s.Next ?? null }]),
    );
    expect(transitions).toEqual({
      Prepare: { type: 'Task', next: 'Train' },
      Train: { type: 'Task', next: 'RunnerExited' },
      RunnerExited: { type: 'Choice', next: null },
      Record: { type: 'Task', next: 'Succeeded' },
      Succeeded: { type: 'Succeed', next: null },
      MarkFailed: { type: 'Task', next: 'Failed' },
      Failed: { type: 'Fail', next: null },
    });
    expect(States.Failed).toEqual({
      Type: 'Fail',
      Error: 'RunFailed',
      Cause: 'The run failed; its failure is recorded on the run.',
    });
    // JSONPath only: no JSONata, no variables.
    expect(JSON.stringify(definition)).not.toMatch(/"(QueryLanguage|Assign|Arguments|Output)"/);
  });

  it('invokes the three functions with the payloads and result shapes of the plan, retrying only Lambda service errors', () => {
    const fn = (f: HandlerFunction) => placeholder({ 'Fn::GetAtt': [id(f.function), 'Arn'] });
    const invoke = {
      Type: 'Task',
      Resource: 'arn:<{Ref:AWS::Partition}>:states:::lambda:invoke',
      Retry: [LAMBDA_RETRY],
    };
    expect(definition.States.Prepare).toEqual({
      ...invoke,
      Next: 'Train',
      Parameters: { FunctionName: fn(runs.prepare), Payload: STEP_PAYLOAD },
      ResultSelector: { 'manifest_uri.$': '$.Payload.manifest_uri', 'command.$': '$.Payload.command' },
      ResultPath: '$.prepare',
      TimeoutSeconds: 180,
      Catch: CATCH_ALL,
    });
    expect(definition.States.Record).toEqual({
      ...invoke,
      Next: 'Succeeded',
      Parameters: { FunctionName: fn(runs.record), Payload: STEP_PAYLOAD },
      ResultSelector: { 'status.$': '$.Payload.status' },
      ResultPath: '$.record',
      TimeoutSeconds: 180,
      Catch: CATCH_ALL,
    });
    expect(definition.States.MarkFailed).toEqual({
      ...invoke,
      Next: 'Failed',
      Parameters: { FunctionName: fn(runs.markFailed), Payload: { ...STEP_PAYLOAD, 'state.$': '$' } },
      TimeoutSeconds: 180,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
    });
  });

  it('trains with ecs:runTask.sync on the one task definition, the command from Prepare, and the stage timeout', () => {
    expect(definition.States.Train).toEqual({
      Type: 'Task',
      Resource: 'arn:<{Ref:AWS::Partition}>:states:::ecs:runTask.sync',
      Parameters: {
        Cluster: placeholder({ 'Fn::GetAtt': [id(runs.runner.cluster), 'Arn'] }),
        TaskDefinition: placeholder({ Ref: id(runs.runner.taskDefinition) }),
        LaunchType: 'FARGATE',
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            Subnets: [
              expect.stringMatching(/^<\{Ref:DataVpcDatabaseSubnet1/),
              expect.stringMatching(/^<\{Ref:DataVpcDatabaseSubnet2/),
            ],
            SecurityGroups: [placeholder({ 'Fn::GetAtt': [id(runs.runner.securityGroup), 'GroupId'] })],
            AssignPublicIp: 'DISABLED',
          },
        },
        Overrides: { ContainerOverrides: [{ Name: 'runner', 'Command.$': '$.prepare.command' }] },
      },
      TimeoutSeconds: settings.trainingTimeoutMinutes * 60,
      ResultPath: '$.train',
      Retry: [
        {
          ErrorEquals: [
            'ECS.AmazonECSException',
            'ECS.ServerException',
            'ECS.LimitExceededException',
            'ECS.ThrottlingException',
          ],
          IntervalSeconds: 15,
          MaxAttempts: 3,
          BackoffRate: 2,
        },
      ],
      Catch: CATCH_ALL,
      Next: 'RunnerExited',
    });
    // A runner that ran and failed is never retried.
    const retried = ((definition.States.Train?.Retry ?? []) as Array<{ ErrorEquals: string[] }>).flatMap(
      (r) => r.ErrorEquals,
    );
    expect(retried).not.toContain('States.TaskFailed');
    expect(retried).not.toContain('States.ALL');
    expect(retried).not.toContain('States.Timeout');
  });

  it('records only a runner that exited 0, comparing the exit code only once it is known to be there', () => {
    const exitCode = '$.train.Containers[0].ExitCode';
    expect(definition.States.RunnerExited).toEqual({
      Type: 'Choice',
      Choices: [
        { Not: { Variable: exitCode, IsPresent: true }, Next: 'MarkFailed' },
        { Variable: exitCode, NumericEquals: 0, Next: 'Record' },
      ],
      Default: 'MarkFailed',
    });
  });

  it('matches the rendered definition snapshot', async () => {
    await expect(`${JSON.stringify(definition, null, 2)}\n`).toMatchFileSnapshot('__snapshots__/RunPipeline.asl.json');
  });

  it('lets its role run only this task definition in this cluster, watch its tasks and pass only its two roles', () => {
    const statements = statementsOf(id(runs.stateMachine.role));
    const clusterArn = { 'Fn::GetAtt': [id(runs.runner.cluster), 'Arn'] };
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: ['ecs:RunTask'],
        Resource: [{ Ref: id(runs.runner.taskDefinition) }],
        Condition: { ArnEquals: { 'ecs:cluster': clusterArn } },
      }),
    );
    const watch = statements.find((s) => s.Action.includes('ecs:DescribeTasks'));
    expect(watch?.Action).toEqual(['ecs:DescribeTasks', 'ecs:StopTask']);
    expect(JSON.stringify(watch?.Resource)).toContain(`":task/",{"Ref":"${id(runs.runner.cluster)}"},"/*"`);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: ['iam:PassRole'],
        Resource: expect.arrayContaining([
          { 'Fn::GetAtt': [id(runs.runner.taskRole), 'Arn'] },
          { 'Fn::GetAtt': [id(runs.runner.executionRole), 'Arn'] },
        ]),
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      }),
    );
    const events = statements.find((s) => s.Action.some((a) => a.startsWith('events:')));
    expect(events?.Action).toEqual(['events:DescribeRule', 'events:PutRule', 'events:PutTargets']);
    expect(JSON.stringify(events?.Resource)).toContain(':rule/StepFunctionsGetEventsForECSTaskRule');
    const invoke = statements.find((s) => s.Action.includes('lambda:InvokeFunction'));
    expect(invoke?.Resource).toHaveLength(6);
    for (const fn of runs.functions) {
      expect(JSON.stringify(invoke?.Resource)).toContain(`{"Fn::GetAtt":["${id(fn.function)}","Arn"]}`);
    }
    // Wildcard resources only where AWS offers no resource-level permission: X-Ray and log delivery.
    for (const s of statements.filter((s) => s.Resource.includes('*'))) {
      for (const action of s.Action)
        expect(action).toMatch(
          /^(xray:|logs:(\w+LogDeliver|ListLogDeliveries|DescribeLogGroups|PutResourcePolicy|DescribeResourcePolicies))/,
        );
    }
    const services = new Set(statements.flatMap((s) => s.Action.map((a) => a.split(':')[0])));
    expect(services).toEqual(new Set(['lambda', 'logs', 'xray', 'ecs', 'iam', 'events']));
  });

  it('alarms on failed and timed-out executions, and on a failure that could not be recorded', () => {
    const alarm = {
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    };
    const machine = [{ Name: 'StateMachineArn', Value: { Ref: id(runs.stateMachine) } }];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...alarm,
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Dimensions: machine,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...alarm,
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsTimedOut',
      Dimensions: machine,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...alarm,
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: id(runs.markFailed.function) } }],
    });
  });
});

describe('the runner task', () => {
  it('runs one non-root container from the runner image on a read-only root with a scratch /tmp, logging to its group', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Family: 'talaty-test-runner',
      Cpu: String(settings.cpu),
      Memory: String(settings.memoryMiB),
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      Volumes: [{ Name: 'tmp' }],
      ContainerDefinitions: [
        {
          Name: 'runner',
          Essential: true,
          User: 'node',
          ReadonlyRootFilesystem: true,
          MountPoints: [{ SourceVolume: 'tmp', ContainerPath: '/tmp', ReadOnly: false }],
          Environment: [{ Name: 'NODE_OPTIONS', Value: '--max-old-space-size=9216' }],
          Image: { 'Fn::Sub': Match.stringLikeRegexp('cdk-hnb659fds-container-assets-.*:[0-9a-f]{64}$') },
          LogConfiguration: {
            LogDriver: 'awslogs',
            Options: {
              'awslogs-group': { Ref: id(runs.runner.logGroup) },
              'awslogs-stream-prefix': 'runner',
              'awslogs-region': { Ref: 'AWS::Region' },
              mode: 'blocking',
            },
          },
        },
      ],
    });
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
    expect(resources[id(runs.runner.logGroup)]?.Properties.RetentionInDays).toBe(30);
  });

  it('reads datasets and its manifest, writes its run and report objects, may delete only a stale result; no listing', () => {
    expect(s3Grants(id(runs.runner.taskRole))).toEqual({
      'datasets/*': ['s3:GetObject'],
      'runs/*/manifest.json': ['s3:GetObject'],
      'runs/*': ['s3:PutObject'],
      'runs/*/result.json': ['s3:DeleteObject'],
      'reports/*': ['s3:PutObject'],
    });
    const statements = statementsOf(id(runs.runner.taskRole));
    const services = new Set(statements.flatMap((s) => s.Action.map((a) => a.split(':')[0])));
    expect(services).toEqual(new Set(['s3', 'kms']));
    for (const s of statements.filter((s) => s.Action.some((a) => a.startsWith('kms:')))) {
      expect(JSON.stringify(s.Condition)).toContain('kms:ViaService');
    }
  });

  it('starts with an execution role that pulls the image and writes the runner logs only', () => {
    const statements = statementsOf(id(runs.runner.executionRole));
    expect(statements.map((s) => s.Action.join(',')).sort()).toEqual([
      'ecr:BatchCheckLayerAvailability,ecr:BatchGetImage,ecr:GetDownloadUrlForLayer',
      'ecr:GetAuthorizationToken',
      'logs:CreateLogStream,logs:PutLogEvents',
    ]);
    for (const s of statements.filter((s) => s.Resource.includes('*'))) {
      expect(s.Action).toEqual(['ecr:GetAuthorizationToken']);
    }
    expect(statements.find((s) => s.Action.includes('logs:PutLogEvents'))?.Resource).toEqual([
      { 'Fn::GetAtt': [id(runs.runner.logGroup), 'Arn'] },
    ]);
  });

  it('reaches ECR, CloudWatch Logs and S3 through endpoints in the isolated subnets, HTTPS out only', () => {
    const endpoints = Object.values(template.findResources('AWS::EC2::VPCEndpoint')).map((e) => ({
      service: JSON.stringify(e.Properties.ServiceName).replace(/.*"\.([\w.]+)"\]\]\}$/, '$1'),
      type: e.Properties.VpcEndpointType,
    }));
    expect(endpoints).toEqual(
      expect.arrayContaining([
        { service: 'ecr.api', type: 'Interface' },
        { service: 'ecr.dkr', type: 'Interface' },
        { service: 'logs', type: 'Interface' },
        { service: 's3', type: 'Gateway' },
      ]),
    );
    const task = resources[id(runs.runner.securityGroup)]?.Properties;
    expect(task?.SecurityGroupIngress).toBeUndefined();
    expect(task?.SecurityGroupEgress).toEqual([
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
    ]);
    // The interface endpoints admit the runner task, on 443, and nothing else.
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    expect(ingress).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        SourceSecurityGroupId: { 'Fn::GetAtt': [id(runs.runner.securityGroup), 'GroupId'] },
      }),
    ]);
    for (const e of Object.values(
      template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } }),
    )) {
      expect(e.Properties).toMatchObject({
        PrivateDnsEnabled: true,
        SubnetIds: [expect.anything(), expect.anything()],
      });
    }
  });
});

describe('the pipeline functions and the runs API', () => {
  it('gives the steps the database, the bucket, and Prepare the runner threads (one per vCPU)', () => {
    for (const fn of runs.functions) {
      expect(variablesOf(fn)).toMatchObject({
        [envNames.stage]: 'test',
        [envNames.version]: '1.2.3',
        [envNames.clusterArn]: expect.anything(),
        [envNames.secretArn]: expect.anything(),
        [envNames.databaseName]: 'talaty',
        [envNames.bucket]: expect.anything(),
      });
      expect(resources[id(fn.function)]?.Properties.Timeout).toBe(120);
    }
    expect(variablesOf(runs.prepare)[envNames.runnerThreads]).toBe('4');
    expect(variablesOf(runs.record)[envNames.runnerThreads]).toBeUndefined();
  });

  it('grants each step its own objects only', () => {
    expect(s3Grants(id(runs.prepare.role))).toEqual({ 'runs/*/manifest.json': ['s3:PutObject'] });
    expect(s3Grants(id(runs.record.role))).toEqual({
      'runs/*': ['s3:GetObject'],
      'models/*': ['s3:PutObject'],
      bucket: ['s3:ListBucket'],
    });
    expect(s3Grants(id(runs.markFailed.role))).toEqual({ 'runs/*': ['s3:GetObject'], bucket: ['s3:ListBucket'] });
    for (const fn of runs.functions) {
      const actions = statementsOf(id(fn.role)).flatMap((s) => s.Action);
      expect(actions).toEqual(expect.arrayContaining(['rds-data:ExecuteStatement', 'secretsmanager:GetSecretValue']));
      expect(actions.some((a) => a.startsWith('states:') || a.startsWith('ecs:'))).toBe(false);
    }
  });

  it('lets the runs API start this machine, read the history of and stop its executions, and download run and report objects', () => {
    const variables = variablesOf(api);
    expect(variables[envNames.stateMachineArn]).toEqual({ Ref: id(runs.stateMachine) });
    expect(variables[envNames.bucket]).toEqual(expect.anything());
    const statements = statementsOf(id(api.role));
    expect(statements).toContainEqual(
      expect.objectContaining({ Action: ['states:StartExecution'], Resource: [{ Ref: id(runs.stateMachine) }] }),
    );
    const executions = statements.find((s) => s.Action.includes('states:StopExecution'));
    expect(executions?.Action).toEqual(['states:GetExecutionHistory', 'states:StopExecution']);
    expect(JSON.stringify(executions?.Resource)).toMatch(/":execution:Talaty-test-RunPipeline:\*"\]\]\}\]$/);
    expect(s3Grants(id(api.role))).toEqual({
      'runs/*': ['s3:GetObject'],
      'reports/*': ['s3:GetObject'],
      bucket: ['s3:ListBucket'],
    });
  });
});
