/**
 * One stage of Talaty: the data layer, the Metadata API, dataset processing (profiling and the
 * upload sweep), the run pipeline, the deploy-time migrations and the web app, composed.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { IVpc } from 'aws-cdk-lib/aws-ec2';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { migrations } from '../../lambdas/store/migrations/index.ts';
import type { StageConfig } from '../config.ts';
import { Api } from '../constructs/api.ts';
import { Data } from '../constructs/data.ts';
import { DatasetProcessing } from '../constructs/dataset-processing.ts';
import type { HandlerFunction } from '../constructs/handler-function.ts';
import { Migrations } from '../constructs/migrations.ts';
import { Orchestration } from '../constructs/orchestration.ts';
import { Web } from '../constructs/web.ts';

export interface TalatyStackProps extends StackProps {
  /** The stage name (dev, prod, …): names resources and is reported by the API. */
  readonly stage: string;
  readonly config: StageConfig;
  /** The code version reported by GET /version. */
  readonly version: string;
  /** The built web app (`web/dist`, from `buildWebApp()`), deployed to the web bucket. */
  readonly webAssetDir: string;
}

export class TalatyStack extends Stack {
  public readonly data: Data;
  public readonly api: Api;
  public readonly datasets: DatasetProcessing;
  public readonly orchestration: Orchestration;
  public readonly migrations: Migrations;
  public readonly web: Web;
  /** The stage's own availability zones, when it pins account and region. */
  public readonly pinnedZones: readonly string[] | undefined;

  constructor(scope: Construct, id: string, props: TalatyStackProps) {
    super(scope, id, props);
    const { stage, config, version } = props;
    this.pinnedZones = config.env?.availabilityZones;
    const removalPolicy = config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = config.logRetentionDays as RetentionDays;

    this.data = new Data(this, 'Data', {
      stage,
      webOrigin: config.webOrigin,
      database: config.database,
      removalPolicy,
      logRetention,
    });
    this.api = new Api(this, 'Api', {
      stage,
      version,
      webOrigin: config.webOrigin,
      data: this.data,
      logRetention,
      removalPolicy,
      throttling: { rateLimit: config.api.throttlingRateLimit, burstLimit: config.api.throttlingBurstLimit },
    });
    this.datasets = new DatasetProcessing(this, 'Datasets', {
      stage,
      version,
      data: this.data,
      settings: config.datasets,
      logRetention,
      removalPolicy,
    });
    this.datasets.connectApi(this.api.handler('datasets').function);
    this.orchestration = new Orchestration(this, 'Runs', {
      stage,
      version,
      data: this.data,
      vpc: this.data.vpc as IVpc, // aws-cdk-lib's classes and interfaces differ under exactOptionalPropertyTypes
      settings: config.runner,
      logRetention,
      removalPolicy,
    });
    this.orchestration.connectApi(this.api.handler('runs').function);

    this.migrations = new Migrations(this, 'Migrations', {
      stage,
      version,
      migrations,
      data: this.data,
      dependsOn: [this.data.cluster, this.data.secret],
      logRetention,
      removalPolicy,
    });
    // New handler code goes live only after the schema it expects: the functions wait for the migrations.
    for (const fn of this.serviceFunctions) fn.function.node.addDependency(this.migrations.resource);

    this.web = new Web(this, 'Web', {
      stage,
      assetDir: props.webAssetDir,
      api: this.api.restApi,
      // aws-cdk-lib's classes and interfaces differ under exactOptionalPropertyTypes
      artifactsBucket: this.data.bucket as IBucket,
      accessLogsBucket: this.data.accessLogsBucket as IBucket,
      webOrigin: config.webOrigin,
      removalPolicy,
      logRetention,
      domain:
        config.web.domainName === undefined || config.web.certificateArn === undefined
          ? undefined
          : { domainName: config.web.domainName, certificateArn: config.web.certificateArn },
      authDomainPrefix: config.web.authDomainPrefix,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.restApi.url, description: 'Base URL of the Metadata API' });
    new CfnOutput(this, 'BucketName', { value: this.data.bucket.bucketName, description: 'Artifact bucket' });
    new CfnOutput(this, 'ClusterArn', {
      value: this.data.cluster.clusterArn,
      description: 'Aurora cluster (Data API)',
    });
    new CfnOutput(this, 'SecretArn', { value: this.data.secret.secretArn, description: 'Database credentials' });
    new CfnOutput(this, 'StateMachineArn', {
      value: this.orchestration.stateMachine.stateMachineArn,
      description: 'RunPipeline state machine (POST /runs/execute starts it)',
    });
    new CfnOutput(this, 'RunnerClusterName', {
      value: this.orchestration.runner.cluster.clusterName,
      description: 'ECS cluster the runner tasks run in',
    });
    const { auth } = this.web;
    new CfnOutput(this, 'WebUrl', {
      value: this.web.url,
      description: 'The web app; without web.domainName in cdk.json, set webOrigin to this origin and deploy again',
    });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId, description: 'Web users (Cognito)' });
    new CfnOutput(this, 'UserPoolClientId', {
      value: auth.client.userPoolClientId,
      description: "The web app's Cognito client",
    });
    new CfnOutput(this, 'IdentityPoolId', {
      value: auth.identityPool.identityPoolId,
      description: 'Gives signed-in web users credentials that may invoke the API',
    });
    new CfnOutput(this, 'CognitoDomain', { value: auth.domainUrl, description: 'The managed login (sign-in page)' });
  }

  /** The functions of the API, dataset processing and the run pipeline: every function but the migrations'. */
  get serviceFunctions(): readonly HandlerFunction[] {
    return [...this.api.functions.values(), ...this.datasets.functions, ...this.orchestration.functions];
  }

  /** A stage pinned to an account and region names its zones, so synth never looks them up. */
  override get availabilityZones(): string[] {
    return this.pinnedZones === undefined ? super.availabilityZones : [...this.pinnedZones];
  }
}
