/**
 * The run pipeline: the runner's Fargate task (`runner-task.ts`), the Prepare, Record and
 * MarkFailed functions, and the `RunPipeline` state machine (JSONPath, CONTRACTS.md): Prepare →
 * Train (ecs:runTask.sync) → RunnerExited → Record → Succeeded; any failure → MarkFailed → Failed.
 * Alarms fire when executions fail or time out, and when a failure could not be recorded.
 */
import { ArnFormat, Aws, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { envNames } from '../../lambdas/environment.ts';
import { ALARM_PERIOD, anyEventAlarm } from './alarms.ts';
import { MODEL_OBJECTS, REPORT_OBJECTS, RUN_MANIFESTS, RUN_OBJECTS, RUNS_FOLDER } from './artifact-keys.ts';
import { DATABASE_FUNCTION_TIMEOUT, type DataAccess } from './data.ts';
import { HandlerFunction } from './handler-function.ts';
import { RUNNER_CONTAINER, RunnerTask } from './runner-task.ts';

/** Errors of the Lambda service itself (never of the function's code), retried by every Lambda step. */
const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];
/** ECS capacity and transient API errors; a task that ran and failed (States.TaskFailed) is never retried. */
const ECS_TRANSIENT_ERRORS = [
  'ECS.AmazonECSException',
  'ECS.ServerException',
  'ECS.LimitExceededException',
  'ECS.ThrottlingException',
];
const EXIT_CODE = '$.train.Containers[0].ExitCode';

/** The stage's `runner` settings (cdk.json). */
export interface RunnerSettings {
  /** Fargate CPU units (1024 = one vCPU). */
  readonly cpu: number;
  readonly memoryMiB: number;
  /** The Train step's timeout. */
  readonly trainingTimeoutMinutes: number;
}

export interface OrchestrationProps {
  readonly stage: string;
  readonly version: string;
  readonly data: DataAccess;
  /** The data layer's VPC: the task runs in its isolated subnets. */
  readonly vpc: ec2.IVpc;
  readonly settings: RunnerSettings;
  readonly logRetention: logs.RetentionDays;
  /** Applied to the log groups. */
  readonly removalPolicy: RemovalPolicy;
}

export class Orchestration extends Construct {
  /** The runner's cluster, task definition, roles and network. */
  public readonly runner: RunnerTask;
  /** Checks the run's inputs, writes its manifest, marks it RUNNING, answers the runner's command. */
  public readonly prepare: HandlerFunction;
  /** Reads the runner's result, stores metrics, registers the model version, marks the run SUCCEEDED. */
  public readonly record: HandlerFunction;
  /** Marks the run FAILED with the error it got. */
  public readonly markFailed: HandlerFunction;
  public readonly stateMachine: sfn.StateMachine;
  public readonly pipelineLogs: logs.LogGroup;
  public readonly failedAlarm: cloudwatch.Alarm;
  public readonly timedOutAlarm: cloudwatch.Alarm;
  /** MarkFailed itself failed: the run stays RUNNING. */
  public readonly markFailedErrorsAlarm: cloudwatch.Alarm;
  /** `Talaty-<stage>-RunPipeline`, fixed so that execution ARNs are known before deploy. */
  public readonly stateMachineName: string;
  private readonly data: DataAccess;

  constructor(scope: Construct, id: string, props: OrchestrationProps) {
    super(scope, id);
    const { stage, data, vpc, settings } = props;
    this.data = data;
    const common = { logRetention: props.logRetention, removalPolicy: props.removalPolicy };

    this.runner = new RunnerTask(this, 'Runner', {
      stage,
      data,
      vpc,
      cpu: settings.cpu,
      memoryMiB: settings.memoryMiB,
      ...common,
    });

    const environment = {
      [envNames.stage]: stage,
      [envNames.version]: props.version,
      ...data.databaseEnvironment,
      ...data.artifactsEnvironment,
    };
    this.prepare = new HandlerFunction(this, 'RunPrepare', {
      entry: 'lambdas/handlers/run-prepare.ts',
      description: `Talaty ${stage}: prepares a run (checks its inputs, writes its manifest, marks it RUNNING)`,
      environment: { ...environment, [envNames.runnerThreads]: String(Math.max(1, settings.cpu / 1024)) },
      timeout: DATABASE_FUNCTION_TIMEOUT,
      ...common,
    });
    data.grantObjects(this.prepare.function, ['s3:PutObject'], RUN_MANIFESTS);
    this.record = new HandlerFunction(this, 'RunRecord', {
      entry: 'lambdas/handlers/run-record.ts',
      description: `Talaty ${stage}: records a trained run (metrics, model version) and marks it SUCCEEDED`,
      environment,
      timeout: DATABASE_FUNCTION_TIMEOUT,
      ...common,
    });
    data.grantObjects(this.record.function, ['s3:GetObject'], RUN_OBJECTS);
    data.grantObjects(this.record.function, ['s3:PutObject'], MODEL_OBJECTS);
    // Both look for the runner's result.json, which a failed runner may not have written: 404, not 403.
    data.grantListing(this.record.function, RUNS_FOLDER);
    this.markFailed = new HandlerFunction(this, 'RunMarkFailed', {
      entry: 'lambdas/handlers/run-mark-failed.ts',
      description: `Talaty ${stage}: marks a run FAILED with the reason it failed`,
      environment,
      timeout: DATABASE_FUNCTION_TIMEOUT,
      ...common,
    });
    data.grantObjects(this.markFailed.function, ['s3:GetObject'], RUN_OBJECTS);
    data.grantListing(this.markFailed.function, RUNS_FOLDER);
    for (const fn of this.functions) data.grantDatabase(fn.function);

    this.stateMachineName = `Talaty-${stage}-RunPipeline`;
    this.pipelineLogs = new logs.LogGroup(this, 'PipelineLogs', {
      // Step Functions delivers through CloudWatch's vended logs, whose resource policy covers this prefix.
      logGroupName: `/aws/vendedlogs/states/${this.stateMachineName}`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stateMachine = new sfn.StateMachine(this, 'RunPipeline', {
      stateMachineName: this.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: `Talaty ${stage}: one run, from its spec to a recorded result (execution name = run id)`,
      definitionBody: sfn.DefinitionBody.fromChainable(this.definition(settings)),
      logs: { destination: this.pipelineLogs, level: sfn.LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });
    this.grantTrain();

    const alarm = (alarmId: string, description: string, metric: cloudwatch.IMetric) =>
      anyEventAlarm(this, alarmId, `Talaty ${stage}: ${description}`, metric);
    this.failedAlarm = alarm(
      'ExecutionsFailedAlarm',
      'a run failed (its failure is recorded on the run; see the RunPipeline execution)',
      this.stateMachine.metricFailed(ALARM_PERIOD),
    );
    this.timedOutAlarm = alarm(
      'ExecutionsTimedOutAlarm',
      'a RunPipeline execution timed out',
      this.stateMachine.metricTimedOut(ALARM_PERIOD),
    );
    this.markFailedErrorsAlarm = alarm(
      'MarkFailedErrorsAlarm',
      'a failed run could not be marked FAILED and may stay RUNNING (see the RunMarkFailed logs)',
      this.markFailed.function.metricErrors(ALARM_PERIOD),
    );
  }

  /** Every execution of the state machine, `arn:…:execution:<state machine name>:*`. */
  get executionArns(): string {
    return Stack.of(this).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${this.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /** The three functions, for what applies to every function of the stack. */
  get functions(): readonly HandlerFunction[] {
    return [this.prepare, this.record, this.markFailed];
  }

  /**
   * Lets the runs API start, read the history of and stop this state machine's executions (and nothing else's),
   * and list run objects and hand out presigned downloads of run and report objects.
   */
  connectApi(api: lambda.Function): void {
    api.addEnvironment(envNames.stateMachineArn, this.stateMachine.stateMachineArn);
    for (const [name, value] of Object.entries(this.data.artifactsEnvironment)) api.addEnvironment(name, value);
    this.stateMachine.grantStartExecution(api);
    iam.Grant.addToPrincipal({
      grantee: api,
      actions: ['states:GetExecutionHistory', 'states:StopExecution'],
      resourceArns: [this.executionArns],
    });
    this.data.grantObjects(api, ['s3:GetObject'], RUN_OBJECTS);
    this.data.grantObjects(api, ['s3:GetObject'], REPORT_OBJECTS);
    // Lists a run's logs, and tells a missing artifact (404) from a forbidden one.
    this.data.grantListing(api, RUNS_FOLDER);
  }

  /** The states, as CONTRACTS.md and the plan pin them. */
  private definition(settings: RunnerSettings) {
    const runId = {
      run_id: sfn.JsonPath.stringAt('$.run_id'),
      execution_arn: sfn.JsonPath.stringAt('$$.Execution.Id'),
    };
    const lambdaRetry: sfn.RetryProps = {
      errors: LAMBDA_SERVICE_ERRORS,
      interval: Duration.seconds(2),
      maxAttempts: 3,
      backoffRate: 2,
    };
    const invoke = (
      stateId: string,
      fn: HandlerFunction,
      payload: Record<string, unknown>,
      rest: Partial<tasks.LambdaInvokeProps>,
    ) =>
      new tasks.LambdaInvoke(this, stateId, {
        lambdaFunction: fn.function,
        payload: sfn.TaskInput.fromObject(payload),
        // The whole Invoke response, so that ResultSelector reads $.Payload; only the service's own errors are retried.
        payloadResponseOnly: false,
        retryOnServiceExceptions: false,
        // Past the function's own timeout, so the function's error (not States.Timeout) is what MarkFailed records.
        taskTimeout: sfn.Timeout.duration(DATABASE_FUNCTION_TIMEOUT.plus(Duration.minutes(1))),
        ...rest,
      }).addRetry(lambdaRetry);

    const failed = new sfn.Fail(this, 'Failed', {
      error: 'RunFailed',
      cause: 'The run failed; its failure is recorded on the run.',
    });
    const markFailed = invoke('MarkFailed', this.markFailed, { ...runId, state: sfn.JsonPath.entirePayload }, {});
    markFailed.addCatch(failed, { errors: [sfn.Errors.ALL] }).next(failed);
    const catchAll = { errors: [sfn.Errors.ALL], resultPath: '$.error' };

    const prepare = invoke('Prepare', this.prepare, runId, {
      resultSelector: {
        manifest_uri: sfn.JsonPath.stringAt('$.Payload.manifest_uri'),
        command: sfn.JsonPath.listAt('$.Payload.command'),
      },
      resultPath: '$.prepare',
    }).addCatch(markFailed, catchAll);

    const train = new sfn.CustomState(this, 'Train', {
      stateJson: {
        Type: 'Task',
        Resource: `arn:${Aws.PARTITION}:states:::ecs:runTask.sync`,
        Parameters: {
          Cluster: this.runner.cluster.clusterArn,
          TaskDefinition: this.runner.taskDefinition.taskDefinitionArn,
          LaunchType: 'FARGATE',
          NetworkConfiguration: {
            AwsvpcConfiguration: {
              Subnets: this.runner.subnetIds,
              SecurityGroups: [this.runner.securityGroup.securityGroupId],
              AssignPublicIp: 'DISABLED',
            },
          },
          Overrides: { ContainerOverrides: [{ Name: RUNNER_CONTAINER, 'Command.$': '$.prepare.command' }] },
        },
        TimeoutSeconds: settings.trainingTimeoutMinutes * 60,
        ResultPath: '$.train',
      },
    })
      .addRetry({ errors: ECS_TRANSIENT_ERRORS, interval: Duration.seconds(15), maxAttempts: 3, backoffRate: 2 })
      .addCatch(markFailed, catchAll);

    const record = invoke('Record', this.record, runId, {
      resultSelector: { status: sfn.JsonPath.stringAt('$.Payload.status') },
      resultPath: '$.record',
    }).addCatch(markFailed, catchAll);

    // Rules are tried in order: the exit code is compared only once it is known to be there.
    const exited = new sfn.Choice(this, 'RunnerExited')
      .when(sfn.Condition.not(sfn.Condition.isPresent(EXIT_CODE)), markFailed)
      .when(sfn.Condition.numberEquals(EXIT_CODE, 0), record.next(new sfn.Succeed(this, 'Succeeded')))
      .otherwise(markFailed);

    return prepare.next(train).next(exited);
  }

  /**
   * What `ecs:runTask.sync` needs: run this task definition in this cluster, watch and stop its
   * tasks, pass its two roles to ECS, and keep the managed EventBridge rule that reports the task's end.
   */
  private grantTrain(): void {
    const stack = Stack.of(this);
    const machine = this.stateMachine;
    machine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ecs:RunTask'],
        resources: [this.runner.taskDefinition.taskDefinitionArn],
        conditions: { ArnEquals: { 'ecs:cluster': this.runner.cluster.clusterArn } },
      }),
    );
    machine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ecs:DescribeTasks', 'ecs:StopTask'],
        resources: [this.runner.taskArns],
      }),
    );
    machine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.runner.taskRole.roleArn, this.runner.executionRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      }),
    );
    machine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'],
        resources: [
          stack.formatArn({
            service: 'events',
            resource: 'rule',
            resourceName: 'StepFunctionsGetEventsForECSTaskRule',
          }),
        ],
      }),
    );
  }
}
