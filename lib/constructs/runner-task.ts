/**
 * The runner as a Fargate task: an ECS cluster, the task definition with its one container built
 * from `runner-container/` (non-root, read-only root filesystem, a scratch /tmp, logs to its own
 * group), the roles it runs with, and its network: the isolated subnets of the data VPC, which
 * reach ECR, CloudWatch Logs and S3 through VPC endpoints only.
 */
import { join } from 'node:path';
import { type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { buildRunnerBundle, RUNNER_BUNDLE } from '../../runner-container/build.ts';
import { DATASET_OBJECTS, REPORT_OBJECTS, RUN_MANIFESTS, RUN_OBJECTS, RUN_RESULTS } from './artifact-keys.ts';
import { type DataAccess, ISOLATED } from './data.ts';
import { repoRoot } from './handler-function.ts';

/** The task's only container; the Train step overrides its command. */
export const RUNNER_CONTAINER = 'runner';
/** What goes into the image build context (and the CDK asset): the Dockerfile and the bundle. */
const IMAGE_FILES = ['*', '!Dockerfile', `!${RUNNER_BUNDLE}`];
/** Node's heap may use this share of the task's memory; the rest is typed arrays, buffers and the runtime. */
const HEAP_SHARE = 0.75;

export interface RunnerTaskProps {
  readonly stage: string;
  readonly data: DataAccess;
  /** The data layer's VPC: the task runs in its isolated subnets. */
  readonly vpc: ec2.IVpc;
  /** Fargate CPU units (1024 = one vCPU). */
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly logRetention: logs.RetentionDays;
  /** Applied to the log group. */
  readonly removalPolicy: RemovalPolicy;
}

export class RunnerTask extends Construct {
  public readonly cluster: ecs.Cluster;
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  public readonly container: ecs.ContainerDefinition;
  /** What the runner may do: read datasets and its manifest, write its run's and report's objects. */
  public readonly taskRole: iam.IRole;
  /** What ECS needs to start the task: pull the image, write the log stream. */
  public readonly executionRole: iam.IRole;
  public readonly logGroup: logs.LogGroup;
  /** The task's: HTTPS out only, nothing in. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The isolated subnets the task runs in. */
  public readonly subnetIds: readonly string[];

  constructor(scope: Construct, id: string, props: RunnerTaskProps) {
    super(scope, id);
    const { vpc } = props;
    this.subnetIds = vpc.selectSubnets(ISOLATED).subnetIds;
    this.securityGroup = this.addNetwork(vpc);

    this.cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      family: `talaty-${props.stage}-runner`,
      cpu: props.cpu,
      memoryLimitMiB: props.memoryMiB,
      // The base image is multi-platform and the Dockerfile has no RUN step: arm64 builds anywhere.
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.ARM64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      volumes: [{ name: 'tmp' }],
    });
    // The image copies the bundle, so it is built before the asset is staged; structure tests that
    // skip bundling stage the directory as it is.
    if (Stack.of(this).bundlingRequired) buildRunnerBundle();
    this.container = this.taskDefinition.addContainer(RUNNER_CONTAINER, {
      containerName: RUNNER_CONTAINER,
      image: ecs.ContainerImage.fromAsset(join(repoRoot, 'runner-container'), {
        file: 'Dockerfile',
        exclude: IMAGE_FILES,
        platform: Platform.LINUX_ARM64,
      }),
      essential: true,
      user: 'node',
      readonlyRootFilesystem: true,
      // No secret and nothing that changes between deploys: the heap limit follows the task size.
      environment: { NODE_OPTIONS: `--max-old-space-size=${Math.floor(props.memoryMiB * HEAP_SHARE)}` },
      logging: ecs.LogDrivers.awsLogs({
        logGroup: this.logGroup,
        streamPrefix: 'runner',
        mode: ecs.AwsLogDriverMode.BLOCKING,
      }),
    });
    // The runner's scratch space; the image's VOLUME /tmp lets the non-root user write to it.
    this.container.addMountPoints({ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false });

    this.taskRole = this.taskDefinition.taskRole;
    const executionRole = this.taskDefinition.executionRole;
    if (executionRole === undefined) throw new Error('The runner task has no execution role');
    this.executionRole = executionRole;
    props.data.grantObjects(this.taskRole, ['s3:GetObject'], DATASET_OBJECTS);
    props.data.grantObjects(this.taskRole, ['s3:GetObject'], RUN_MANIFESTS);
    props.data.grantObjects(this.taskRole, ['s3:PutObject'], RUN_OBJECTS);
    // A retried run must not leave an earlier attempt's result.json for Record to read.
    props.data.grantObjects(this.taskRole, ['s3:DeleteObject'], RUN_RESULTS);
    props.data.grantObjects(this.taskRole, ['s3:PutObject'], REPORT_OBJECTS);
  }

  /** Every task of the cluster, `arn:…:task/<cluster name>/*`. */
  get taskArns(): string {
    return Stack.of(this).formatArn({
      service: 'ecs',
      resource: 'task',
      resourceName: `${this.cluster.clusterName}/*`,
    });
  }

  /**
   * Interface endpoints for ECR (its API and the registry) and CloudWatch Logs, which admit the
   * task only, and the S3 gateway endpoint (image layers, datasets, artifacts). Returns the
   * task's security group.
   */
  private addNetwork(vpc: ec2.IVpc): ec2.SecurityGroup {
    const task = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'The runner task: HTTPS out to the VPC endpoints and S3, nothing in',
      allowAllOutbound: false,
    });
    // S3's gateway endpoint has no security group and its prefix list id is known only by a
    // lookup; the isolated subnets route nowhere but the VPC and that endpoint.
    task.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'HTTPS to the VPC endpoints and to S3 through the gateway endpoint (no other route leaves the subnets)',
    );
    const endpoints = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc,
      description: 'Interface endpoints of the runner (ECR, CloudWatch Logs): HTTPS from the runner task only',
      allowAllOutbound: false,
    });
    endpoints.addIngressRule(task, ec2.Port.tcp(443), 'HTTPS from the runner task');
    const services: Array<[string, ec2.InterfaceVpcEndpointAwsService]> = [
      ['EcrApiEndpoint', ec2.InterfaceVpcEndpointAwsService.ECR],
      ['EcrDockerEndpoint', ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER],
      ['LogsEndpoint', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS],
    ];
    for (const [endpointId, service] of services) {
      new ec2.InterfaceVpcEndpoint(this, endpointId, {
        vpc,
        service,
        subnets: ISOLATED,
        securityGroups: [endpoints],
        open: false,
        privateDnsEnabled: true,
      });
    }
    new ec2.GatewayVpcEndpoint(this, 'S3Endpoint', {
      vpc,
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [ISOLATED],
    });
    return task;
  }
}
