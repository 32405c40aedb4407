/**
 * The synthesized stacks (every stage of cdk.json, bundling skipped): what matters for security
 * and for the local cloud that reads cdk.out. One synth, shared by all tests.
 */
import { rmSync } from 'node:fs';
import { type CfnElement, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../lambdas/environment.ts';
import { apiRoutes, type HandlerGroup, handlerGroups } from '../../lambdas/routes.ts';
import { migrations } from '../../lambdas/store/migrations/index.ts';
import { loadStages, type StageConfig } from '../config.ts';
import { migrationsHash } from '../constructs/migrations.ts';
import { addStages } from '../stages.ts';
import { testApp, webFixtureDir } from '../test-support.ts';
import type { TalatyStack } from './talaty-stack.ts';

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
type Json = { Resources: Record<string, Resource>; Outputs: Record<string, unknown> };
interface Synthesized {
  readonly stack: TalatyStack;
  readonly config: StageConfig;
  readonly template: Template;
  readonly json: Json;
}

const stageNames = ['dev', 'prod'] as const;
const synthesized = new Map<string, Synthesized>();
let app: ReturnType<typeof testApp>;

beforeAll(() => {
  app = testApp();
  const stages = loadStages(app);
  for (const stack of addStages(app, { webAssetDir: webFixtureDir })) {
    const stage = stack.stackName.replace(/^Talaty-/, '');
    const template = Template.fromStack(stack);
    synthesized.set(stage, {
      stack,
      config: stages[stage] as StageConfig,
      template,
      json: template.toJSON() as Json,
    });
  }
}, 60_000);

afterAll(() => rmSync(app.outdir, { recursive: true, force: true }));

const get = (stage: string) => synthesized.get(stage) as Synthesized;
const logicalId = (stack: TalatyStack, scope: IConstruct) => stack.getLogicalId(scope.node.defaultChild as CfnElement);
function groupFunction(stack: TalatyStack, group: HandlerGroup) {
  const fn = stack.api.functions.get(group);
  if (fn === undefined) throw new Error(`no function for ${group}`);
  return fn;
}
const ofType = (json: Json, type: string) => Object.entries(json.Resources).filter(([, r]) => r.Type === type);

/** Every API Gateway method as `METHOD /path`, its auth type and the function its proxy integration calls. */
function methodsOf(json: Json) {
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    const r = id === undefined ? undefined : json.Resources[id];
    if (r === undefined) return '';
    return `${pathOf(r.Properties.ParentId)}/${String(r.Properties.PathPart)}`;
  };
  return ofType(json, 'AWS::ApiGateway::Method').map(([, r]) => {
    const p = r.Properties as {
      HttpMethod: string;
      ResourceId: unknown;
      AuthorizationType?: string;
      Integration: { Type: string; Uri?: unknown };
    };
    const target = JSON.stringify(p.Integration.Uri ?? null).match(/"Fn::GetAtt":\["(\w+)","Arn"\]/);
    return {
      key: `${p.HttpMethod} ${pathOf(p.ResourceId) || '/'}`,
      method: p.HttpMethod,
      auth: p.AuthorizationType ?? 'NONE',
      integration: p.Integration.Type,
      target: target?.[1] ?? null,
    };
  });
}

interface Statement {
  readonly Action: string[];
  readonly Resource: unknown[];
  readonly Condition?: unknown;
}

function statementsOf(json: Json, roleId?: string): Statement[] {
  return ofType(json, 'AWS::IAM::Policy')
    .filter(([, r]) => roleId === undefined || JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`))
    .flatMap(([, r]) => (r.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement)
    .map((s) => ({ ...s, Action: [s.Action].flat() as string[], Resource: [s.Resource].flat() }));
}

describe.each(stageNames)('Talaty-%s', (stage) => {
  it('has one IAM-authorized method per route, wired to its group function, and unauthenticated preflights', () => {
    const { stack, json } = get(stage);
    const methods = methodsOf(json);
    const routed = methods.filter((m) => m.method !== 'OPTIONS');
    expect(routed.map((m) => m.key).sort()).toEqual(apiRoutes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of apiRoutes) {
      const method = routed.find((m) => m.key === `${route.method} ${route.path}`);
      const target = logicalId(stack, groupFunction(stack, route.group).function);
      expect(method).toMatchObject({ auth: 'AWS_IAM', integration: 'AWS_PROXY', target });
    }
    const preflights = methods.filter((m) => m.method === 'OPTIONS');
    expect(preflights.length).toBe(ofType(json, 'AWS::ApiGateway::Resource').length + 1);
    for (const preflight of preflights) expect(preflight).toMatchObject({ auth: 'NONE', integration: 'MOCK' });
  });

  it('answers preflights for the web origin with the SigV4 headers, and never allows X-User', () => {
    const { template, config } = get(stage);
    const options = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } });
    for (const method of Object.values(options)) {
      const params = method.Properties.Integration.IntegrationResponses[0].ResponseParameters;
      expect(params['method.response.header.Access-Control-Allow-Origin']).toBe(`'${config.webOrigin}'`);
      const headers = String(params['method.response.header.Access-Control-Allow-Headers']);
      for (const h of ['Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'If-Match', 'Idempotency-Key']) {
        expect(headers).toContain(h);
      }
      expect(headers.toLowerCase()).not.toContain('x-user');
    }
  });

  it("gives API Gateway's own 4xx and 5xx answers CORS headers and the API's error body", () => {
    const { template, config } = get(stage);
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: Match.objectLike({
          'gatewayresponse.header.Access-Control-Allow-Origin': `'${config.webOrigin}'`,
        }),
        ResponseTemplates: { 'application/json': Match.stringLikeRegexp('^\\{"error":\\{"code":') },
      });
    }
  });

  it('logs access as JSON, traces, throttles as configured, and validates requests', () => {
    const { template, config } = get(stage);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: stage,
      TracingEnabled: true,
      AccessLogSetting: {
        DestinationArn: Match.anyValue(),
        Format: Match.serializedJson(
          Match.objectLike({
            requestId: '$context.requestId',
            caller: '$context.identity.caller',
            status: '$context.status',
          }),
        ),
      },
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
          ThrottlingRateLimit: config.api.throttlingRateLimit,
          ThrottlingBurstLimit: config.api.throttlingBurstLimit,
        }),
      ],
    });
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
  });

  it('runs every function on nodejs22.x from an ESM bundle, traced, with the environment it needs', () => {
    const { stack, template, config } = get(stage);
    const fns = [
      ...stack.api.functions.values(),
      ...stack.datasets.functions,
      ...stack.orchestration.functions,
      stack.migrations.handler,
    ];
    expect([...stack.api.functions.keys()]).toEqual([...handlerGroups]);
    for (const { function: fn } of fns) {
      const props = template.toJSON().Resources[logicalId(stack, fn)].Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
      expect(props.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
    const env = (group: HandlerGroup) =>
      template.toJSON().Resources[logicalId(stack, groupFunction(stack, group).function)].Properties.Environment
        .Variables;
    expect(env('meta')).toMatchObject({
      [envNames.stage]: stage,
      [envNames.webOrigin]: config.webOrigin,
      [envNames.version]: expect.any(String),
    });
    expect(env('meta')[envNames.clusterArn]).toBeUndefined();
    expect(env('datasets')).toMatchObject({
      [envNames.clusterArn]: expect.anything(),
      [envNames.secretArn]: { Ref: logicalId(stack, stack.data.secret) },
      [envNames.databaseName]: 'talaty',
      [envNames.bucket]: { Ref: logicalId(stack, stack.data.bucket) },
    });
    // The runs API starts the pipeline and presigns run artifacts.
    expect(env('runs')).toMatchObject({
      [envNames.bucket]: { Ref: logicalId(stack, stack.data.bucket) },
      [envNames.stateMachineArn]: { Ref: logicalId(stack, stack.orchestration.stateMachine) },
    });
    for (const group of handlerGroups.filter((g) => g !== 'datasets')) {
      expect(env(group)[envNames.profilerFunction], group).toBeUndefined();
    }
    for (const group of handlerGroups.filter((g) => g !== 'runs')) {
      expect(env(group)[envNames.stateMachineArn], group).toBeUndefined();
    }
    for (const [, group] of ofType(get(stage).json, 'AWS::Logs::LogGroup')) {
      expect(group.Properties.RetentionInDays).toBe(config.logRetentionDays);
    }
  });

  it('grants least privilege: Data API on the one cluster, the one secret, each role its own key prefixes', () => {
    const { stack, json } = get(stage);
    const all = statementsOf(json);
    // A wildcard resource only for actions that support no resource-level permission: X-Ray, the
    // state machine's log delivery, and the runner's ECR sign-in; and CDK's web deployment invalidating
    // CloudFront's cache.
    const { orchestration: runs } = stack;
    const deployer = logicalId(stack, stack.web.deployments.app.handlerRole);
    const wildcards = new Map<string, string[]>([
      [logicalId(stack, runs.runner.executionRole), ['ecr:GetAuthorizationToken']],
      [deployer, ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation']],
    ]);
    const machineRole = logicalId(stack, runs.stateMachine.role);
    for (const [roleId] of ofType(json, 'AWS::IAM::Role')) {
      for (const s of statementsOf(json, roleId).filter((s) => s.Resource.includes('*'))) {
        if (roleId === machineRole) {
          for (const a of s.Action) expect(a, roleId).toMatch(/^(xray:|logs:\w*(LogDeliver|ResourcePolic|LogGroups))/);
        } else {
          expect(s.Action.sort(), roleId).toEqual(
            wildcards.get(roleId) ?? ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
          );
        }
      }
    }
    const clusterArn = JSON.stringify(stack.resolve(stack.data.cluster.clusterArn));
    for (const s of all.filter((s) => s.Action.some((a) => a.startsWith('rds-data:')))) {
      expect(s.Action.every((a) => a.startsWith('rds-data:'))).toBe(true);
      expect(s.Resource.map((r) => JSON.stringify(r))).toEqual([clusterArn]);
    }
    for (const s of all.filter((s) => s.Action.some((a) => a.startsWith('secretsmanager:')))) {
      expect(s.Action).toEqual(['secretsmanager:GetSecretValue']);
      expect(s.Resource).toEqual([{ Ref: logicalId(stack, stack.data.secret) }]);
    }
    const roleOf = (group: HandlerGroup) => logicalId(stack, groupFunction(stack, group).role);
    const services = (roleId: string) =>
      new Set(statementsOf(json, roleId).flatMap((s) => s.Action.map((a) => a.split(':')[0])));
    expect(services(roleOf('meta'))).toEqual(new Set(['logs', 'xray']));
    expect(services(roleOf('runs'))).toEqual(
      new Set(['logs', 'xray', 'rds-data', 'secretsmanager', 'states', 's3', 'kms']),
    );
    // S3: the datasets API and dataset processing under datasets/, the run pipeline and the runs API
    // under runs/, reports/ and models/, each exactly as below.
    const { profiler, profileFailed, sweep } = stack.datasets;
    const bucketArn = JSON.stringify({ 'Fn::GetAtt': [logicalId(stack, stack.data.bucket), 'Arn'] });
    /** "bucket" for the bucket's ARN, else the object key pattern after `<bucket ARN>/`, e.g. "datasets/*". */
    const resourceName = (resource: unknown): string => {
      if (JSON.stringify(resource) === bucketArn) return 'bucket';
      const [arn, key] = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join']?.[1] ?? [];
      expect(JSON.stringify(arn)).toBe(bucketArn);
      return String(key).replace(/^\//, '');
    };
    /** A role's S3 statements as {resource name: actions}. */
    const s3Of = (roleId: string) =>
      Object.fromEntries(
        statementsOf(json, roleId)
          .filter((s) => s.Action.some((a) => a.startsWith('s3:')))
          .flatMap((s) => s.Resource.map((r) => [resourceName(r), [...s.Action].sort()])),
      );
    // CDK's web deployment writes the web bucket from the asset bucket, and never touches the artifacts.
    const artifactsId = logicalId(stack, stack.data.bucket);
    expect(JSON.stringify(statementsOf(json, deployer))).not.toContain(artifactsId);
    expect(JSON.stringify(statementsOf(json, deployer))).toContain(logicalId(stack, stack.web.bucket));
    const s3Roles = ofType(json, 'AWS::IAM::Role')
      .map(([id]) => id)
      .filter((id) => id !== deployer && Object.keys(s3Of(id)).length > 0);
    const [datasetsRole, profilerRole, sweepRole] = [
      roleOf('datasets'),
      logicalId(stack, profiler.role),
      logicalId(stack, sweep.role),
    ];
    const taskRole = logicalId(stack, runs.runner.taskRole);
    const prepareRole = logicalId(stack, runs.prepare.role);
    const recordRole = logicalId(stack, runs.record.role);
    const markFailedRole = logicalId(stack, runs.markFailed.role);
    expect(s3Roles.sort()).toEqual(
      [datasetsRole, profilerRole, sweepRole, roleOf('runs'), taskRole, prepareRole, recordRole, markFailedRole].sort(),
    );
    expect(s3Of(datasetsRole)).toEqual({
      'datasets/*': ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'],
      // The uploaded data objects (a cancel deletes one), not the profiles or anything else.
      'datasets/*/data.*': ['s3:DeleteObject'],
      bucket: ['s3:ListBucket'],
    });
    expect(s3Of(profilerRole)).toEqual({
      'datasets/*': ['s3:GetObject'],
      'datasets/*/profile.json': ['s3:DeleteObject', 's3:PutObject'],
      bucket: ['s3:ListBucket'],
    });
    expect(s3Of(sweepRole)).toEqual({
      'datasets/*': ['s3:AbortMultipartUpload', 's3:DeleteObject'],
      bucket: ['s3:ListBucketMultipartUploads'],
    });
    expect(s3Of(roleOf('runs'))).toEqual({
      'runs/*': ['s3:GetObject'],
      'reports/*': ['s3:GetObject'],
      bucket: ['s3:ListBucket'],
    });
    expect(s3Of(taskRole)).toEqual({
      'datasets/*': ['s3:GetObject'],
      'runs/*/manifest.json': ['s3:GetObject'],
      'runs/*': ['s3:PutObject'],
      'runs/*/result.json': ['s3:DeleteObject'],
      'reports/*': ['s3:PutObject'],
    });
    expect(s3Of(prepareRole)).toEqual({ 'runs/*/manifest.json': ['s3:PutObject'] });
    expect(s3Of(recordRole)).toEqual({
      'runs/*': ['s3:GetObject'],
      'models/*': ['s3:PutObject'],
      bucket: ['s3:ListBucket'],
    });
    expect(s3Of(markFailedRole)).toEqual({ 'runs/*': ['s3:GetObject'], bucket: ['s3:ListBucket'] });
    // Listing carries no prefix condition: S3 judges "may list" without a prefix when it chooses
    // between 404 and 403 for a missing key.
    for (const s of all.filter((s) => s.Action.includes('s3:ListBucket'))) expect(s.Condition).toBeUndefined();
    expect(services(logicalId(stack, profileFailed.role))).toEqual(
      new Set(['logs', 'xray', 'rds-data', 'secretsmanager']),
    );
    // The bucket key: only through S3, only for the roles that read or write objects, never to encrypt directly.
    const kms = all.filter((s) => s.Action.some((a) => a.startsWith('kms:')));
    expect(kms.length).toBeGreaterThan(0);
    for (const s of kms) {
      expect(['kms:Decrypt', 'kms:GenerateDataKey']).toEqual(expect.arrayContaining(s.Action));
      expect(s.Resource).toEqual([{ 'Fn::GetAtt': [logicalId(stack, stack.data.key), 'Arn'] }]);
      expect(JSON.stringify(s.Condition)).toContain('kms:ViaService');
    }
    expect(services(logicalId(stack, sweep.role)).has('kms')).toBe(false);
    // Invoking functions: the datasets API the profiler, the profiler its failure destination, the
    // state machine its three steps (and their versions), the migrations provider the migrate
    // function; nothing else.
    const arnOf = (scope: IConstruct) => ({ 'Fn::GetAtt': [logicalId(stack, scope), 'Arn'] });
    const invokes = ofType(json, 'AWS::IAM::Role')
      .filter(([id]) => id !== logicalId(stack, stack.migrations.providerRole))
      .flatMap(([id]) =>
        statementsOf(json, id)
          .filter((s) => s.Action.some((a) => a.startsWith('lambda:')))
          .map((s) => ({ role: id, actions: s.Action, resources: s.Resource })),
      );
    expect(invokes).toHaveLength(3);
    const steps = runs.functions.map((fn) => arnOf(fn.function));
    const versions = steps.map((arn) => ({ 'Fn::Join': ['', [arn, ':*']] }));
    expect(invokes).toEqual(
      expect.arrayContaining([
        { role: datasetsRole, actions: ['lambda:InvokeFunction'], resources: [arnOf(profiler.function)] },
        { role: profilerRole, actions: ['lambda:InvokeFunction'], resources: [arnOf(profileFailed.function)] },
        {
          role: machineRole,
          actions: ['lambda:InvokeFunction'],
          resources: expect.arrayContaining([...steps, ...versions]),
        },
      ]),
    );
    expect(invokes.find((i) => i.role === machineRole)?.resources).toHaveLength(6);
    // Pipeline executions: only the runs API starts, reads and stops them, and only this machine's.
    const states = all.filter((s) => s.Action.some((a) => a.startsWith('states:')));
    expect(states.map((s) => s.Action.join(',')).sort()).toEqual([
      'states:GetExecutionHistory,states:StopExecution',
      'states:StartExecution',
    ]);
    expect(states.find((s) => s.Action.includes('states:StartExecution'))?.Resource).toEqual([
      { Ref: logicalId(stack, runs.stateMachine) },
    ]);
    expect(JSON.stringify(states.find((s) => s.Action.includes('states:StopExecution'))?.Resource)).toContain(
      `:execution:Talaty-${stage}-RunPipeline:*`,
    );
    for (const [roleId] of ofType(json, 'AWS::IAM::Role').filter(([id]) => id !== roleOf('runs'))) {
      expect(services(roleId).has('states'), roleId).toBe(false);
    }
    // AWS managed policies only on API Gateway's account-level logging role and CDK's own
    // default-security-group custom resource; never on a role this app's code runs with.
    const managed = ofType(json, 'AWS::IAM::Role').filter(([, r]) => r.Properties.ManagedPolicyArns !== undefined);
    expect(managed.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'ApiRestApiCloudWatchRole',
      'CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756CServiceRole',
      'CustomVpcRestrictDefaultSGCustomResourceProviderRole',
    ]);
  });

  it('gives the datasets API and dataset processing the environment they read, limits from the stage', () => {
    const { stack, template, json, config } = get(stage);
    const { profiler, profileFailed, sweep } = stack.datasets;
    const variables = (fn: { function: IConstruct }) =>
      template.toJSON().Resources[logicalId(stack, fn.function)].Properties.Environment.Variables;
    const database = {
      [envNames.clusterArn]: expect.anything(),
      [envNames.secretArn]: { Ref: logicalId(stack, stack.data.secret) },
      [envNames.databaseName]: 'talaty',
    };
    const bucket = { [envNames.bucket]: { Ref: logicalId(stack, stack.data.bucket) } };
    const limits = config.datasets;
    expect(variables(groupFunction(stack, 'datasets'))).toMatchObject({
      ...database,
      ...bucket,
      [envNames.profilerFunction]: { Ref: logicalId(stack, profiler.function) },
      [envNames.maxDatasetBytes]: String(limits.maxBytes),
    });
    const common = { [envNames.stage]: stage, NODE_OPTIONS: '--enable-source-maps', ...database };
    expect(variables(profiler)).toEqual({
      ...common,
      ...bucket,
      [envNames.version]: expect.any(String),
      [envNames.maxDatasetBytes]: String(limits.maxBytes),
      [envNames.maxDecompressedBytes]: String(limits.maxDecompressedBytes),
    });
    expect(variables(profileFailed)).toEqual({ ...common, [envNames.version]: expect.any(String) });
    expect(variables(sweep)).toEqual({
      ...common,
      ...bucket,
      [envNames.version]: expect.any(String),
      [envNames.uploadTtlSeconds]: String(limits.uploadTtlHours * 3600),
    });
    expect(json.Resources[logicalId(stack, profiler.function)]?.Properties).toMatchObject({
      MemorySize: limits.profilerMemoryMb,
      Timeout: 900,
    });
    // The functions wait for the schema they expect, like the API's.
    const [[migrationsId] = []] = ofType(json, 'Custom::TalatyMigrations');
    for (const fn of stack.datasets.functions) {
      expect(json.Resources[logicalId(stack, fn.function)]?.DependsOn).toContain(migrationsId);
    }
  });

  it('profiles asynchronously: two retries, a bounded event age, then the failure destination', () => {
    const { stack, template } = get(stage);
    const { profiler, profileFailed } = stack.datasets;
    const configs = template.findResources('AWS::Lambda::EventInvokeConfig');
    expect(Object.values(configs).map((c) => c.Properties)).toEqual([
      {
        FunctionName: { Ref: logicalId(stack, profiler.function) },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 6 * 3600,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack, profileFailed.function), 'Arn'] } },
        },
      },
    ]);
  });

  it('sweeps expired uploads on the configured schedule', () => {
    const { stack, template, config } = get(stage);
    const sweep = logicalId(stack, stack.datasets.sweep.function);
    const rules = template.findResources('AWS::Events::Rule');
    expect(Object.values(rules).map((r) => r.Properties)).toEqual([
      expect.objectContaining({
        ScheduleExpression: `rate(${config.datasets.sweepMinutes} minutes)`,
        State: 'ENABLED',
        Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': [sweep, 'Arn'] } })],
      }),
    ]);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [sweep, 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [Object.keys(rules)[0], 'Arn'] },
    });
  });

  it('alarms on any invocation of the failure destination, on profiler errors, and on failed runs', () => {
    const { stack, template } = get(stage);
    const alarm = (fn: IConstruct, metric: string) => ({
      Namespace: 'AWS/Lambda',
      MetricName: metric,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack, fn) } }],
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    // The run pipeline's three (failed and timed-out executions, MarkFailed errors): orchestration.test.ts.
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    template.hasResourceProperties(
      'AWS::CloudWatch::Alarm',
      alarm(stack.datasets.profileFailed.function, 'Invocations'),
    );
    template.hasResourceProperties('AWS::CloudWatch::Alarm', alarm(stack.datasets.profiler.function, 'Errors'));
  });

  it('keeps Aurora PostgreSQL 17 encrypted, backed up, behind the Data API and protected as configured', () => {
    const { template, config } = get(stage);
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      EngineVersion: Match.stringLikeRegexp('^17\\.'),
      EnableHttpEndpoint: true,
      StorageEncrypted: true,
      KmsKeyId: Match.anyValue(),
      EnableIAMDatabaseAuthentication: true,
      BackupRetentionPeriod: config.database.backupRetentionDays,
      DeletionProtection: config.database.deletionProtection,
      ServerlessV2ScalingConfiguration: {
        MinCapacity: config.database.minCapacity,
        MaxCapacity: config.database.maxCapacity,
      },
    });
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceClass: 'db.serverless',
      PubliclyAccessible: false,
    });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', config.database.secretRotationDays ? 1 : 0);
    const retained = config.removalPolicy === 'retain' ? 'Retain' : 'Delete';
    template.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: retained });
  });

  it('keeps the artifact bucket private, encrypted, versioned, TLS-only, logged, and open to the web origin', () => {
    const { template, config } = get(stage);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedOrigins: [config.webOrigin],
            AllowedMethods: ['PUT', 'GET', 'HEAD'],
            ExposedHeaders: ['ETag'],
          }),
        ],
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Prefix: 'datasets/',
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            // Deleted (cancelled, expired) upload bytes do not stay as noncurrent versions forever.
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            ExpiredObjectDeleteMarker: true,
            Status: 'Enabled',
          }),
          Match.objectLike({ Prefix: 'runs/', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
        ]),
      },
    });
    // Every abort rule is scoped to one folder: none cuts a dataset upload short of its 7 days.
    const [artifacts] = Object.values(
      template.findResources('AWS::S3::Bucket', { Properties: { CorsConfiguration: {} } }),
    );
    for (const rule of artifacts?.Properties.LifecycleConfiguration.Rules ?? []) {
      expect(rule.Prefix, rule.Id).toMatch(/^[a-z-]+\/$/);
    }
    // The artifact bucket, its access logs, the web bucket and CloudFront's logs.
    const policies = template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(4);
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('migrates at deploy after the cluster and its writer, re-running when the migration SQL changes', () => {
    const { stack, template, json } = get(stage);
    const [[, resource] = []] = ofType(json, 'Custom::TalatyMigrations');
    expect(resource?.Properties.MigrationsHash).toBe(migrationsHash(migrations));
    const writer = stack.data.cluster.node.findChild('Writer');
    expect(resource?.DependsOn).toEqual(
      expect.arrayContaining([logicalId(stack, stack.data.cluster), logicalId(stack, writer)]),
    );
    const migrate = logicalId(stack, stack.migrations.handler.function);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { USER_ON_EVENT_FUNCTION_ARN: { 'Fn::GetAtt': [migrate, 'Arn'] } } },
    });
    // New handler code goes live only after the schema it expects.
    const [[migrationsId] = []] = ofType(json, 'Custom::TalatyMigrations');
    for (const group of handlerGroups) {
      const fn = json.Resources[logicalId(stack, groupFunction(stack, group).function)];
      expect(fn?.DependsOn, group).toContain(migrationsId);
    }
    for (const step of stack.orchestration.functions) {
      expect(json.Resources[logicalId(stack, step.function)]?.DependsOn).toContain(migrationsId);
    }
  });

  it('outputs the API URL, the bucket, the cluster ARN, the secret ARN, the state machine, the runner cluster and the web app', () => {
    expect(Object.keys(get(stage).json.Outputs)).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'BucketName',
        'ClusterArn',
        'SecretArn',
        'StateMachineArn',
        'RunnerClusterName',
        'WebUrl',
        'UserPoolId',
        'UserPoolClientId',
        'IdentityPoolId',
        'CognitoDomain',
      ]),
    );
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged error or warning, and CDK reports no warning', () => {
    const { stack } = get(stage);
    const violations = new AwsSolutionsChecks()
      .validateScope(stack)
      .violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath)}`);
    expect(violations).toEqual([]);
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
  });

  it('acknowledges each remaining cdk-nag finding with a specific reason', () => {
    const { stack } = get(stage);
    const acknowledged = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .filter(([id]) => id.includes('AwsSolutions-'));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) expect(reason.length, id).toBeGreaterThanOrEqual(40);
    const rules = [...new Set(acknowledged.map(([id]) => id.replace(/^Annotation::/, '').replace(/\[.*$/, '')))];
    const expected = ['APIG3', 'CFR1', 'CFR2', 'COG2', 'COG4', 'ECS2', 'IAM4', 'IAM5', 'L1'];
    if (get(stage).config.web.domainName === undefined) expected.push('CFR4');
    if (!get(stage).config.database.secretRotationDays) expected.push('SMG4');
    if (!get(stage).config.database.deletionProtection) expected.push('RDS10');
    expect(rules.sort()).toEqual(expected.map((r) => `AwsSolutions-${r}`).sort());
  });

  it('matches the normalized template snapshot', async () => {
    await expect(JSON.stringify(normalized(get(stage).json), null, 2)).toMatchFileSnapshot(
      `__snapshots__/Talaty-${stage}.template.json.snap`,
    );
  });
});

/** The template without what changes by machine or CDK release: asset hashes (zips, image tags) and CDK's own metadata. */
function normalized(json: Json): unknown {
  const { CDKMetadata: _, ...resources } = json.Resources;
  const text = JSON.stringify({
    ...json,
    Resources: resources,
    Parameters: undefined,
    Rules: undefined,
    Conditions: undefined,
  });
  return JSON.parse(
    text
      .replace(/"[0-9a-f]{64}\.zip"/g, '"<asset>.zip"')
      .replace(/(container-assets-[^"]*):[0-9a-f]{64}"/g, '$1:<asset>"'),
  );
}

describe('a stage pinned to an account, region and zones', () => {
  it('synthesizes without any context lookup, in the configured zones', () => {
    const stages = loadStages(testApp());
    const env = { account: '123456789012', region: 'eu-west-1', availabilityZones: ['eu-west-1b', 'eu-west-1c'] };
    const pinnedApp = testApp({ stage: 'prod', context: { stages: { prod: { ...stages.prod, env } } } });
    const [stack] = addStages(pinnedApp, { webAssetDir: webFixtureDir });
    const assembly = pinnedApp.synth();
    try {
      expect(assembly.manifest.missing ?? []).toEqual([]);
      expect(stack?.account).toBe('123456789012');
      const subnets = Template.fromStack(stack as TalatyStack).findResources('AWS::EC2::Subnet');
      expect(Object.values(subnets).map((s) => s.Properties.AvailabilityZone)).toEqual(env.availabilityZones);
    } finally {
      rmSync(assembly.directory, { recursive: true, force: true });
    }
  });
});
