/**
 * cdk-nag's AWS Solutions checks, and every acknowledged finding with its reason, in one place.
 * Findings are fixed in the constructs first; what is left here is deliberate. Acknowledgments sit
 * on the narrowest construct that carries the finding, and name the exact finding (e.g. one
 * wildcard resource), so that a new finding of the same rule elsewhere still fails synth. (The one
 * CloudFormation-validation warning a stage with pinned availability zones raises is here too.)
 */
import { type App, type CfnElement, Validations } from 'aws-cdk-lib';
import type * as rds from 'aws-cdk-lib/aws-rds';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { DATASET_OBJECTS, DATASET_PROFILES } from './constructs/dataset-processing.ts';
import type { TalatyStack } from './stacks/talaty-stack.ts';

export function enableNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

const acknowledge = (scope: IConstruct, id: string, reason: string) =>
  Validations.of(scope).acknowledge({ id, reason });

export function acknowledgeFindings(stack: TalatyStack): void {
  const { api, data, datasets, migrations } = stack;

  acknowledge(
    api.restApi,
    'AwsSolutions-COG4',
    'Methods use AWS_IAM (SigV4) authorization: web users sign with Cognito identity-pool credentials and CLI users ' +
      'with their IAM identity (CONTRACTS.md, Identity); a user-pool authorizer would lock the CLI out.',
  );
  acknowledge(
    api.restApi.deploymentStage,
    'AwsSolutions-APIG3',
    'No WAF web ACL yet: every method except the CORS preflight requires a SigV4 signature, so API Gateway rejects ' +
      'unsigned traffic before any function runs, and stage throttling caps the request rate.',
  );
  const cloudWatchRole = api.restApi.node.tryFindChild('CloudWatchRole');
  if (cloudWatchRole !== undefined) {
    acknowledge(
      cloudWatchRole,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      "API Gateway's account-level logging role, shared by every REST API in the account and region; AWS documents " +
        'this managed policy for it, and access/execution logging (APIG1, APIG6) needs it.',
    );
  }

  for (const fn of [...api.functions.values(), ...datasets.functions, migrations.handler]) {
    acknowledge(
      fn.role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions; every ' +
        'other statement of this role names its resource.',
    );
    acknowledge(
      fn.function,
      'AwsSolutions-L1',
      'Node.js 22 is the pinned runtime: the bundles target node22 and the code is tested on Node 20-22; moving to ' +
        'the newer nodejs24.x is a deliberate upgrade of RUNTIME in lib/constructs/handler-function.ts.',
    );
  }

  const logicalId = (scope: IConstruct) => stack.getLogicalId(scope.node.defaultChild as CfnElement);
  const artifacts = logicalId(data.bucket);
  for (const [group, fn] of api.functions) {
    for (const prefix of api.access[group].artifactPrefixes) {
      acknowledge(
        fn.role,
        `AwsSolutions-IAM5[Resource::<${artifacts}.Arn>/${prefix}*]`,
        `Object access is scoped to the ${prefix} key prefix of the artifact bucket, the ${group} group's own ` +
          'objects; the trailing wildcard is the prefix itself.',
      );
    }
  }
  const objects = (keys: string) => `AwsSolutions-IAM5[Resource::<${artifacts}.Arn>/${keys}]`;
  acknowledge(
    datasets.profiler.role,
    objects(DATASET_OBJECTS),
    'The profiler reads (GetObject only) the dataset objects under datasets/, whichever version it is asked to ' +
      'profile; the wildcard is the key prefix.',
  );
  acknowledge(
    datasets.profiler.role,
    objects(DATASET_PROFILES),
    "The profiler writes (PutObject only) each version's profile.json under datasets/ and no other key; the " +
      'wildcard stands for the dataset id and version.',
  );
  acknowledge(
    datasets.sweep.role,
    objects(DATASET_OBJECTS),
    'The sweep aborts multipart uploads and deletes partial objects of expired dataset versions only, under ' +
      'datasets/; the wildcard is the key prefix.',
  );
  acknowledge(
    migrations.providerRole,
    `AwsSolutions-IAM5[Resource::<${logicalId(migrations.handler.function)}.Arn>:*]`,
    'The custom-resource Provider framework may invoke the migration function and its versions/aliases (ARN:*), ' +
      'granted by the framework itself; it can invoke no other function.',
  );

  if (data.rotation === undefined) {
    acknowledge(
      data.secret,
      'AwsSolutions-SMG4',
      'This stage sets no secretRotationDays: rotation needs a Secrets Manager VPC endpoint in the isolated subnets; ' +
        "the secret is readable only by this stage's functions, and nothing reaches the database over the network.",
    );
  }
  if (stack.pinnedZones !== undefined) {
    acknowledge(
      data.vpc,
      'CloudFormation-Validate::W3010',
      'This stage pins its account, region and availability zones in cdk.json, so that synth runs with --no-lookups; ' +
        'the zone names are configuration, not guesses.',
    );
  }
  const cluster = data.cluster.node.defaultChild as rds.CfnDBCluster;
  if (cluster.deletionProtection !== true) {
    acknowledge(
      data.cluster,
      'AwsSolutions-RDS10',
      'Deletion protection is off for this stage by its configuration (cdk.json) so that it can be torn down; ' +
        'stages holding real data (prod) set database.deletionProtection.',
    );
  }
}
