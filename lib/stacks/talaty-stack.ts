/**
 * One stage of Talaty: the data layer, the Metadata API, dataset processing (profiling and the
 * upload sweep), the run pipeline and the deploy-time migrations, composed.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { IVpc } from 'aws-cdk-lib/aws-ec2';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { migrations } from '../../lambdas/store/migrations/index.ts';
import type { StageConfig } from '../config.ts';
import { Api } from '../constructs/api.ts';
import { Data } from '../constructs/data.ts';
import { DatasetProcessing } from '../constructs/dataset-processing.ts';
import type { HandlerFunction } from '../constructs/handler-function.ts';
import { Migrations } from '../constructs/migrations.ts';
import { Orchestration } from '../constructs/orchestration.ts';

export interface TalatyStackProps extends StackProps {
  /** The stage name (dev, prod, …): names resources and is reported by the API. */
  readonly stage: string;
  readonly config: StageConfig;
  /** The code version reported by GET /version. */
  readonly version: string;
}

export class TalatyStack extends Stack {
  public readonly data: Data;
  public readonly api: Api;
  public readonly datasets: DatasetProcessing;
  public readonly orchestration: Orchestration;
  public readonly migrations: Migrations;
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
