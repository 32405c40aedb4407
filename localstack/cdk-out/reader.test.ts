/**
 * The cdk.out reader on a small hand-written assembly: functions with resolved environments,
 * routes through nested resources, CORS, a custom resource behind the Provider framework, a
 * state machine whose definition is an Fn::Join, an ECS task definition whose image is a Docker
 * asset, scheduled rules, and asynchronous invocation settings with destinations.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntrinsicResolver } from './intrinsics.ts';
import { readCloudAssembly } from './reader.ts';

const getAtt = (id: string, attr: string) => ({ 'Fn::GetAtt': [id, attr] });
const template = {
  Resources: {
    Bucket1: { Type: 'AWS::S3::Bucket' },
    Cluster1: { Type: 'AWS::RDS::DBCluster' },
    Secret1: { Type: 'AWS::SecretsManager::Secret' },
    Fn1: {
      Type: 'AWS::Lambda::Function',
      Metadata: { 'aws:asset:path': 'asset.fn1' },
      Properties: {
        Handler: 'index.handler',
        Timeout: 29,
        MemorySize: 512,
        Environment: {
          Variables: {
            BUCKET: { Ref: 'Bucket1' },
            CLUSTER: {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':rds:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':cluster:',
                  { Ref: 'Cluster1' },
                ],
              ],
            },
            SECRET: { Ref: 'Secret1' },
            // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not a JS template
            SUBBED: { 'Fn::Sub': ['${Bucket1}/x/${Who}/${!Literal}', { Who: 'me' }] },
          },
        },
      },
    },
    Inline: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Code: { ZipFile: 'x' } } },
    Framework: {
      Type: 'AWS::Lambda::Function',
      Metadata: { 'aws:asset:path': 'asset.framework' },
      Properties: {
        Handler: 'framework.onEvent',
        Environment: { Variables: { USER_ON_EVENT_FUNCTION_ARN: getAtt('Fn1', 'Arn') } },
      },
    },
    Api: { Type: 'AWS::ApiGateway::RestApi' },
    Things: {
      Type: 'AWS::ApiGateway::Resource',
      Properties: { ParentId: getAtt('Api', 'RootResourceId'), PathPart: 'things' },
    },
    Thing: { Type: 'AWS::ApiGateway::Resource', Properties: { ParentId: { Ref: 'Things' }, PathPart: '{thing_id}' } },
    GetThing: {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        HttpMethod: 'GET',
        ResourceId: { Ref: 'Thing' },
        AuthorizationType: 'AWS_IAM',
        Integration: {
          Type: 'AWS_PROXY',
          Uri: {
            'Fn::Join': [
              '',
              ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/', getAtt('Fn1', 'Arn'), '/invocations'],
            ],
          },
        },
      },
    },
    OptionsThing: {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        HttpMethod: 'OPTIONS',
        ResourceId: { Ref: 'Thing' },
        AuthorizationType: 'NONE',
        Integration: {
          Type: 'MOCK',
          IntegrationResponses: [
            {
              ResponseParameters: {
                'method.response.header.Access-Control-Allow-Headers': "'Content-Type,If-Match'",
                'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,GET'",
              },
            },
          ],
        },
      },
    },
    Migrate: { Type: 'Custom::Migrations', Properties: { ServiceToken: getAtt('Framework', 'Arn'), Hash: 'abc' } },
    Machine: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        DefinitionString: {
          'Fn::Join': [
            '',
            ['{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"', getAtt('Fn1', 'Arn'), '","End":true}}}'],
          ],
        },
      },
    },
    Task1: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        Family: 'TalatytestTask1ABCD',
        ContainerDefinitions: [
          {
            Name: 'runner',
            Image: {
              'Fn::Sub':
                // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, as CDK writes an image asset
                '${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}:abc123',
            },
            Environment: [
              { Name: 'BUCKET', Value: { Ref: 'Bucket1' } },
              { Name: 'MODE', Value: 'pipeline' },
            ],
          },
          { Name: 'sidecar', Image: 'public.ecr.aws/x/y:1', Command: ['serve', '--port', '80'] },
        ],
      },
    },
    Nightly: {
      Type: 'AWS::Events::Rule',
      Properties: { ScheduleExpression: 'rate(1 hour)', Targets: [{ Arn: getAtt('Fn1', 'Arn'), Id: 't' }] },
    },
    Paused: {
      Type: 'AWS::Events::Rule',
      Properties: {
        ScheduleExpression: 'cron(0 3 * * ? *)',
        State: 'DISABLED',
        Targets: [{ Arn: getAtt('Framework', 'Arn'), Id: 't', Input: '{"sweep":true}' }],
      },
    },
    Queue1: { Type: 'AWS::SQS::Queue' },
    Fn1AsyncConfig: {
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: {
        FunctionName: { Ref: 'Fn1' },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 1,
        MaximumEventAgeInSeconds: 600,
        DestinationConfig: {
          OnFailure: { Destination: getAtt('Framework', 'Arn') },
          OnSuccess: { Destination: getAtt('Queue1', 'Arn') },
        },
      },
    },
    FrameworkAsyncConfig: {
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: { FunctionName: { Ref: 'Framework' }, Qualifier: '$LATEST', MaximumRetryAttempts: 0 },
    },
  },
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'talaty-assembly-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      artifacts: { 'Talaty-test': { type: 'aws:cloudformation:stack', properties: { templateFile: 't.json' } } },
    }),
  );
  writeFileSync(join(dir, 't.json'), JSON.stringify(template));
  writeFileSync(
    join(dir, 'Talaty-test.assets.json'),
    JSON.stringify({ dockerImages: { abc123: { source: { directory: 'asset.abc123' }, destinations: {} } } }),
  );
  for (const [asset, file] of [
    ['asset.fn1', 'index.mjs'],
    ['asset.framework', 'framework.js'],
  ] as const) {
    mkdirSync(join(dir, asset));
    writeFileSync(join(dir, asset, file), 'export const handler = () => 1;');
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readCloudAssembly', () => {
  it('reads functions with local values for every intrinsic', () => {
    const app = readCloudAssembly(dir, 'Talaty-test', { region: 'eu-west-1', environment: { EXTRA: '1' } });
    expect(app.functions.map((f) => f.name)).toEqual(['Fn1', 'Framework']);
    const fn = app.functions[0];
    expect(fn).toMatchObject({ exportName: 'handler', timeoutSeconds: 29, memoryMb: 512 });
    expect(fn?.file).toBe(join(dir, 'asset.fn1', 'index.mjs'));
    expect(fn?.environment).toEqual({
      BUCKET: 'talaty-test-bucket1',
      CLUSTER: 'arn:aws:rds:eu-west-1:000000000000:cluster:talaty-test-cluster1',
      SECRET: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:talaty-test-secret1',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub's escaped ${!Literal} stays literal
      SUBBED: 'talaty-test-bucket1/x/me/${Literal}',
      EXTRA: '1',
    });
  });

  it('reads routes, CORS, custom resources, state machines and schedules', () => {
    const app = readCloudAssembly(dir, 'Talaty-test', { region: 'us-east-1' });
    expect(app.routes).toEqual([
      { method: 'GET', path: '/things/{thing_id}', authorizationType: 'AWS_IAM', functionName: 'Fn1' },
      { method: 'OPTIONS', path: '/things/{thing_id}', authorizationType: 'NONE', functionName: null },
    ]);
    expect(app.cors).toEqual({ allowHeaders: 'Content-Type,If-Match', allowMethods: 'OPTIONS,GET' });
    expect(app.customResources).toEqual([
      { logicalId: 'Migrate', type: 'Custom::Migrations', functionName: 'Fn1', properties: { Hash: 'abc' } },
    ]);
    expect(app.stateMachines[0]).toMatchObject({
      logicalId: 'Machine',
      name: 'talaty-test-machine',
      arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:talaty-test-machine',
      type: 'STANDARD',
      roleArn: null,
    });
    expect(app.stateMachines[0]?.definition).toEqual({
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:talaty-test-fn1', End: true },
      },
    });
    expect(app.schedules).toEqual([
      {
        logicalId: 'Nightly',
        expression: 'rate(1 hour)',
        enabled: true,
        functionNames: ['Fn1'],
        targets: [{ functionName: 'Fn1', input: undefined }],
      },
      {
        logicalId: 'Paused',
        expression: 'cron(0 3 * * ? *)',
        enabled: false,
        functionNames: ['Framework'],
        targets: [{ functionName: 'Framework', input: { sweep: true } }],
      },
    ]);
  });

  it('reads ECS task definitions: resolved environments and the image asset directory', () => {
    const app = readCloudAssembly(dir, 'Talaty-test', { region: 'us-east-1' });
    expect(app.taskDefinitions).toEqual([
      {
        logicalId: 'Task1',
        family: 'TalatytestTask1ABCD',
        arn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/TalatytestTask1ABCD:1',
        localName: 'talaty-test-task1',
        containers: [
          {
            name: 'runner',
            environment: { BUCKET: 'talaty-test-bucket1', MODE: 'pipeline' },
            command: null,
            assetDirectory: join(dir, 'asset.abc123'),
          },
          { name: 'sidecar', environment: {}, command: ['serve', '--port', '80'], assetDirectory: null },
        ],
      },
    ]);
  });

  it('reads asynchronous invocation settings with their destinations as logical ids', () => {
    const app = readCloudAssembly(dir, 'Talaty-test', { region: 'us-east-1' });
    expect(app.asyncConfigs).toEqual([
      {
        logicalId: 'Fn1AsyncConfig',
        functionName: 'Fn1',
        maximumRetryAttempts: 1,
        maximumEventAgeInSeconds: 600,
        onFailure: {
          functionName: 'Framework',
          arn: 'arn:aws:lambda:us-east-1:000000000000:function:talaty-test-framework',
        },
        onSuccess: { functionName: null, arn: 'arn:aws:sqs:us-east-1:000000000000:talaty-test-queue1' },
      },
      {
        logicalId: 'FrameworkAsyncConfig',
        functionName: 'Framework',
        maximumRetryAttempts: 0,
        maximumEventAgeInSeconds: undefined,
        onFailure: null,
        onSuccess: null,
      },
    ]);
  });

  it('names the stacks it has when asked for another', () => {
    expect(() => readCloudAssembly(dir, 'Talaty-prod', { region: 'us-east-1' })).toThrow(
      /has no stack Talaty-prod; it has Talaty-test/,
    );
  });
});

describe('IntrinsicResolver', () => {
  it('uses overrides and refuses references to unknown resources', () => {
    const resolver = new IntrinsicResolver(
      template as never,
      { region: 'us-east-1', accountId: '1', stackName: 'S' },
      {
        Cluster1: 'arn:local:cluster',
      },
    );
    expect(resolver.resolve(getAtt('Cluster1', 'DBClusterArn'))).toBe('arn:local:cluster');
    expect(() => resolver.resolve({ Ref: 'Nope' })).toThrow(/unknown resource Nope/);
    expect(resolver.resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
  });
});
