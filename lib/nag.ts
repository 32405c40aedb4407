/**
 * cdk-nag's AWS Solutions checks, and every acknowledged finding with its reason, in one place.
 * Findings are fixed in the constructs first; what is left here is deliberate. Acknowledgments sit
 * on the narrowest construct that carries the finding, and name the exact finding (e.g. one
 * wildcard resource), so that a new finding of the same rule elsewhere still fails synth. (The one
 * CloudFormation-validation warning a stage with pinned availability zones raises is here too.)
 */
import { type App, type CfnElement, DefaultStackSynthesizer, Validations } from 'aws-cdk-lib';
import type * as rds from 'aws-cdk-lib/aws-rds';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import {
  DATASET_OBJECTS,
  DATASET_PROFILES,
  MODEL_OBJECTS,
  REPORT_OBJECTS,
  RUN_MANIFESTS,
  RUN_OBJECTS,
  RUN_RESULTS,
} from './constructs/artifact-keys.ts';
import type { TalatyStack } from './stacks/talaty-stack.ts';

export function enableNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

const acknowledge = (scope: IConstruct, id: string, reason: string) =>
  Validations.of(scope).acknowledge({ id, reason });

const logicalId = (stack: TalatyStack, scope: IConstruct) => stack.getLogicalId(scope.node.defaultChild as CfnElement);

/** The finding of an object grant on the artifact bucket: one wildcard key pattern, e.g. `datasets/*`. */
const objects = (stack: TalatyStack, keys: string) =>
  `AwsSolutions-IAM5[Resource::<${logicalId(stack, stack.data.bucket)}.Arn>/${keys}]`;

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

  for (const fn of [...stack.serviceFunctions, migrations.handler]) {
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

  for (const [group, fn] of api.functions) {
    for (const prefix of api.access[group].artifactPrefixes) {
      acknowledge(
        fn.role,
        objects(stack, `${prefix}*`),
        `Object access is scoped to the ${prefix} key prefix of the artifact bucket, the ${group} group's own ` +
          'objects; the trailing wildcard is the prefix itself.',
      );
    }
    const deletes = api.access[group].deletes;
    if (deletes !== undefined) {
      acknowledge(
        fn.role,
        objects(stack, deletes),
        `The ${group} group may delete (DeleteObject only) the keys ${deletes}; the wildcards stand for ids, ` +
          'version numbers and the file extension.',
      );
    }
  }
  acknowledge(
    datasets.profiler.role,
    objects(stack, DATASET_OBJECTS),
    'The profiler reads (GetObject only) the dataset objects under datasets/, whichever version it is asked to ' +
      'profile; the wildcard is the key prefix.',
  );
  acknowledge(
    datasets.profiler.role,
    objects(stack, DATASET_PROFILES),
    "The profiler writes (PutObject only) each version's profile.json under datasets/ and no other key; the " +
      'wildcard stands for the dataset id and version.',
  );
  acknowledge(
    datasets.sweep.role,
    objects(stack, DATASET_OBJECTS),
    'The sweep aborts multipart uploads and deletes partial objects of expired dataset versions only, under ' +
      'datasets/; the wildcard is the key prefix.',
  );
  acknowledgeRuns(stack);
  acknowledgeWeb(stack);
  acknowledge(
    migrations.providerRole,
    `AwsSolutions-IAM5[Resource::<${logicalId(stack, migrations.handler.function)}.Arn>:*]`,
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

/** The run pipeline: the runner task's roles, the step functions, the state machine, and the runs API. */
function acknowledgeRuns(stack: TalatyStack): void {
  const { orchestration: runs, api } = stack;
  const task = runs.runner.taskDefinition;
  acknowledge(
    task,
    'AwsSolutions-ECS2',
    'The one variable is NODE_OPTIONS with the heap limit derived from the task size: no secret, nothing that ' +
      'changes without a deploy; the run itself comes from the manifest named in the command.',
  );
  acknowledge(
    runs.runner.executionRole,
    'AwsSolutions-IAM5[Resource::*]',
    'ecr:GetAuthorizationToken supports no resource-level permissions; pulling layers is granted on the one asset ' +
      'repository and writing logs on the runner log group only.',
  );
  const taskObjects: Array<[keys: string, reason: string]> = [
    [DATASET_OBJECTS, 'The runner reads (GetObject only) the dataset version its manifest pins, under datasets/.'],
    [RUN_MANIFESTS, "The runner reads (GetObject only) its run's manifest.json, the only runs/ object it reads."],
    [RUN_OBJECTS, "The runner writes (PutObject only) its run's model, metrics, result, predictions and logs."],
    [REPORT_OBJECTS, "The runner writes (PutObject only) its run's report.html under reports/."],
    [
      RUN_RESULTS,
      "The runner deletes (DeleteObject only) an earlier attempt's result.json of its run before it starts.",
    ],
  ];
  for (const [keys, reason] of taskObjects) {
    acknowledge(runs.runner.taskRole, objects(stack, keys), `${reason} The wildcard stands for the ids in the key.`);
  }

  acknowledge(
    runs.prepare.role,
    objects(stack, RUN_MANIFESTS),
    "Prepare writes (PutObject only) each run's manifest.json and no other key; the wildcard is the run id.",
  );
  acknowledge(
    runs.record.role,
    objects(stack, RUN_OBJECTS),
    "Record reads (GetObject only) the runner's result.json and the model it copies, under runs/; the wildcard is " +
      'the run id and file.',
  );
  acknowledge(
    runs.record.role,
    objects(stack, MODEL_OBJECTS),
    'Record writes (PutObject only) the registered model, models/{model_id}/{version}/model.json; the wildcard is ' +
      'the model id and version.',
  );
  acknowledge(
    runs.markFailed.role,
    objects(stack, RUN_OBJECTS),
    "MarkFailed reads (GetObject only) the runner's result.json for the failure it reports, under runs/.",
  );

  const machine = runs.stateMachine.role;
  acknowledge(
    machine,
    'AwsSolutions-IAM5[Resource::*]',
    'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and CloudWatch ' +
      'Logs log delivery (logs:CreateLogDelivery and the other delivery actions) support no resource-level ' +
      'permissions; every other statement names its resource.',
  );
  for (const fn of runs.functions) {
    acknowledge(
      machine,
      `AwsSolutions-IAM5[Resource::<${logicalId(stack, fn.function)}.Arn>:*]`,
      'The Lambda task may invoke this pipeline function and its versions/aliases (ARN:*), as CDK grants it; it can ' +
        'invoke no other function.',
    );
  }
  acknowledge(
    machine,
    `AwsSolutions-IAM5[Resource::${flatten(stack.resolve(runs.runner.taskArns))}]`,
    "ecs:runTask.sync describes and (on abort or timeout) stops the runner's tasks; task ids are not known before " +
      'they start, so the grant covers the tasks of the one runner cluster.',
  );

  const runsApi = api.handler('runs');
  for (const [keys, what] of [
    [RUN_OBJECTS, "a run's model, metrics, result, predictions and logs"],
    [REPORT_OBJECTS, "a run's report.html"],
  ] as const) {
    acknowledge(
      runsApi.role,
      objects(stack, keys),
      `The runs API reads (GetObject only, to presign downloads of ${what}) under this key prefix; the wildcard is ` +
        'the run id and file.',
    );
  }
  acknowledge(
    runsApi.role,
    `AwsSolutions-IAM5[Resource::${flatten(stack.resolve(runs.executionArns))}]`,
    'The runs API describes, stops and reads the history of executions of the one RunPipeline state machine; ' +
      'execution names are run ids, known only at run time.',
  );
}

/** The web app: its distribution, its user pool and identity-pool role, and CDK's bucket-deployment function. */
function acknowledgeWeb(stack: TalatyStack): void {
  const { web } = stack;
  const { distribution, auth } = web;
  acknowledge(
    distribution,
    'AwsSolutions-CFR1',
    'No geo restriction: the distribution serves only the static app shell, which holds no data; every API call ' +
      'needs a Cognito sign-in and a SigV4 signature, and the people signing in may travel.',
  );
  acknowledge(
    distribution,
    'AwsSolutions-CFR2',
    'No WAF web ACL: the distribution serves static files only (GET/HEAD, cached); the data is behind the API, where ' +
      'every method requires a SigV4 signature from a signed-in Cognito user or an IAM identity.',
  );
  if (!web.customDomain) {
    acknowledge(
      distribution,
      'AwsSolutions-CFR4',
      "This stage has no web.domainName: the distribution uses CloudFront's default *.cloudfront.net certificate, " +
        'whose TLS policy CloudFront fixes; a stage with its own domain and certificate requires TLS 1.2 (2021).',
    );
  }
  acknowledge(
    distribution.node.findChild('Origin1'),
    'Annotation::@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
    'CloudFront may list the web bucket so that a missing file answers 404, not 403: the bucket holds only the ' +
      'built app, public through the distribution anyway, and the cache policy forwards no query string to S3.',
  );
  acknowledge(
    auth.userPool,
    'AwsSolutions-COG2',
    'TOTP MFA is offered to every user (optional, no SMS); Plus-tier threat protection in full-function mode ' +
      'challenges or blocks risky sign-ins and refuses compromised passwords; users are created by administrators only.',
  );
  acknowledge(
    auth.identityPool.authenticatedRole,
    `AwsSolutions-IAM5[Resource::${flatten(stack.resolve(auth.apiInvokeArn))}]`,
    'Signed-in web users may invoke every method and path of this stage of this API (apiId/stage/*/*), and nothing ' +
      "else; the API's own handlers decide what each user may do.",
  );

  // CDK's BucketDeployment: one function (Python, CDK's choice of runtime) for the three deployments.
  const deployer = web.deployments.app.handlerRole;
  acknowledge(
    deployer,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "CDK's BucketDeployment function writes its logs with the AWS managed basic execution policy; it runs only " +
      'during deployments, with the code CDK ships.',
  );
  // The bootstrap asset bucket, named as the synthesizer names it (cdk-<qualifier>-assets-<account>-<region>).
  const assetBucket = DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace(
    /\$\{Qualifier\}/,
    DefaultStackSynthesizer.DEFAULT_QUALIFIER,
  )
    .replace(/\$\{AWS::AccountId\}/, stack.account)
    .replace(/\$\{AWS::Region\}/, stack.region);
  const assets = flatten(stack.resolve(`arn:${stack.partition}:s3:::${assetBucket}/*`));
  const wildcards: Array<[finding: string, reason: string]> = [
    ['Action::s3:GetObject*', 'reads the staged app from the CDK asset bucket and the web bucket'],
    ['Action::s3:GetBucket*', 'reads the location and settings of the asset and web buckets for `aws s3 sync`'],
    ['Action::s3:List*', 'lists the web bucket for `aws s3 sync` (and the pruning of files the new build lacks)'],
    ['Action::s3:Abort*', 'aborts its own multipart uploads to the web bucket when a deployment fails'],
    ['Action::s3:DeleteObject*', 'prunes files of an earlier build from the web bucket (never assets/ or config.json)'],
    [`Resource::${assets}`, "reads the staged app from this account's CDK asset bucket (objects only)"],
    [`Resource::<${logicalId(stack, web.bucket)}.Arn>/*`, 'writes and prunes the objects of the web bucket only'],
    [
      'Resource::*',
      'creates and reads CloudFront invalidations after a deployment; CDK grants cloudfront:CreateInvalidation and ' +
        'GetInvalidation on every distribution, and no other action',
    ],
  ];
  for (const [finding, reason] of wildcards) {
    acknowledge(deployer, `AwsSolutions-IAM5[${finding}]`, `CDK's BucketDeployment function ${reason}.`);
  }
  const deployerFunction = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (deployerFunction !== undefined) {
    acknowledge(
      deployerFunction,
      'AwsSolutions-L1',
      "CDK's BucketDeployment function runs the Python runtime CDK pins for it (with its AWS CLI layer); it runs only " +
        'during deployments, and moves with aws-cdk-lib upgrades.',
    );
  }
}

/**
 * A resolved ARN as cdk-nag names it in a finding: literal text as is, `<Logical.Attr>` for a
 * GetAtt, `<LogicalId>` or `<AWS::Region>` for a Ref (a stage pinned to a region renders literals).
 */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as { 'Fn::Join'?: [string, unknown[]]; 'Fn::GetAtt'?: [string, string]; Ref?: string };
  if (node['Fn::Join'] !== undefined) return node['Fn::Join'][1].map(flatten).join(node['Fn::Join'][0]);
  if (node['Fn::GetAtt'] !== undefined) return `<${node['Fn::GetAtt'][0]}.${node['Fn::GetAtt'][1]}>`;
  if (node.Ref !== undefined) return `<${node.Ref}>`;
  return JSON.stringify(value);
}
