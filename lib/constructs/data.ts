/**
 * The stateful part: an Aurora PostgreSQL Serverless v2 cluster reached only through the RDS Data
 * API (so it lives in isolated subnets, and no Lambda joins the VPC), its credentials in Secrets
 * Manager, and the artifact bucket (datasets, runs, models, reports) with its access-log bucket.
 */
import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { envNames } from '../../lambdas/environment.ts';

/** Nothing connects to PostgreSQL over the network (the Data API does); a non-default port costs nothing. */
const DATABASE_PORT = 15432;
/**
 * The timeout of a function whose work is a few Data API statements: long enough for its first
 * statement to wait while a paused Aurora cluster resumes.
 */
export const DATABASE_FUNCTION_TIMEOUT = Duration.minutes(2);

/** The only subnets there are: no route out of the VPC, none in. */
export const ISOLATED: ec2.SubnetSelection = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

/**
 * Incomplete multipart uploads of datasets are aborted by the bucket after this many days, a backstop
 * behind the sweep, which aborts them once their version's upload TTL has passed.
 */
export const DATASET_UPLOAD_ABORT_DAYS = 7;
/**
 * The bucket is versioned, so deleting an object (a cancelled or expired upload) keeps its bytes as
 * a noncurrent version: under datasets/ those expire after this many days (a window to undo a
 * mistaken delete), and the delete markers left alone are removed.
 */
export const DATASET_NONCURRENT_DAYS = 30;
/** The other top-level folders of the bucket (ARCHITECTURE.md, storage layout): their uploads last a day. */
const OTHER_ARTIFACT_FOLDERS = ['featuresets/', 'runs/', 'reports/', 'models/'] as const;

/** Object-level S3 actions a function may be granted on a key pattern. */
export type ObjectAction =
  | 's3:GetObject'
  | 's3:PutObject'
  | 's3:DeleteObject'
  | 's3:AbortMultipartUpload'
  | 's3:ListMultipartUploadParts';

/** Reading, writing and multipart uploads: what a group's own prefix gets by `grantArtifacts`. */
const READ_WRITE: readonly ObjectAction[] = [
  's3:GetObject',
  's3:PutObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];

export interface DatabaseSettings {
  /** Aurora capacity units; 0 lets the cluster pause when idle. */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  /** @default - no rotation */
  readonly secretRotationDays?: number | undefined;
}

export interface DataProps {
  /** Used in the cluster identifier, `talaty-<stage>`. */
  readonly stage: string;
  /** Allowed by the artifact bucket's CORS (browser uploads with presigned URLs). */
  readonly webOrigin: string;
  readonly database: DatabaseSettings;
  /** Applied to the cluster, the buckets, the key and the log groups. */
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
  /** @default 'talaty' */
  readonly databaseName?: string;
}

/** What a function needs to use the database or the artifact bucket: environment and grants. */
export interface DataAccess {
  /** The database variables of `envNames`: cluster ARN, secret ARN, database name. */
  readonly databaseEnvironment: Readonly<Record<string, string>>;
  /** rds-data statements on the one cluster, and reading the one secret. */
  grantDatabase(grantee: iam.IGrantable): void;
  /** The bucket variable of `envNames`. */
  readonly artifactsEnvironment: Readonly<Record<string, string>>;
  /** Object read/write (incl. multipart uploads) and listing under one key prefix, e.g. `datasets/`. */
  grantArtifacts(grantee: iam.IGrantable, prefix: string): void;
  /**
   * These object actions on the keys matching `keys`, an IAM pattern inside one top-level folder
   * (every dataset object, or only each version's `profile.json`), with the use of the bucket key
   * through S3 that the actions need.
   */
  grantObjects(grantee: iam.IGrantable, actions: readonly ObjectAction[], keys: string): void;
  /** Listing the bucket's keys, so that a missing key under the grantee's prefix answers 404 rather than 403. */
  grantListing(grantee: iam.IGrantable, prefix: string): void;
  /**
   * Listing the bucket's in-progress multipart uploads. S3 offers no prefix condition for this
   * action, so it covers the bucket: key names and upload ids, no object content.
   */
  grantMultipartUploadListing(grantee: iam.IGrantable): void;
}

export class Data extends Construct implements DataAccess {
  public readonly vpc: ec2.Vpc;
  /** Encrypts the cluster storage and the artifact bucket. */
  public readonly key: kms.Key;
  public readonly cluster: rds.DatabaseCluster;
  /** The database credentials (the cluster attaches it; Data API callers read it). */
  public readonly secret: rds.DatabaseSecret;
  public readonly rotation: secretsmanager.SecretRotation | undefined;
  public readonly databaseName: string;
  public readonly bucket: s3.Bucket;
  public readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const { database, removalPolicy } = props;
    this.databaseName = props.databaseName ?? 'talaty';

    this.key = new kms.Key(this, 'Key', {
      description: `Talaty ${props.stage}: database storage and artifacts`,
      enableKeyRotation: true,
      removalPolicy,
    });

    const flowLogs = new logs.LogGroup(this, 'FlowLogs', { retention: props.logRetention, removalPolicy });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.40.0.0/20'),
      // Two of the stack's zones: `Fn::GetAZs` when environment-agnostic, else the stage's list.
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Database', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      flowLogs: {
        Rejected: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
          trafficType: ec2.FlowLogTrafficType.REJECT,
        },
      },
    });
    this.secret = new rds.DatabaseSecret(this, 'Secret', { username: 'talaty_admin' });
    const clusterIdentifier = `talaty-${props.stage}`;
    // Created here (not by RDS on first export) so that retention and removal follow the stage.
    const postgresLogs = new logs.LogGroup(this, 'PostgresLogs', {
      logGroupName: `/aws/rds/cluster/${clusterIdentifier}/postgresql`,
      retention: props.logRetention,
      removalPolicy,
    });
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_9 }),
      clusterIdentifier,
      writer: rds.ClusterInstance.serverlessV2('Writer', { autoMinorVersionUpgrade: true, publiclyAccessible: false }),
      serverlessV2MinCapacity: database.minCapacity,
      serverlessV2MaxCapacity: database.maxCapacity,
      vpc: this.vpc as ec2.IVpc, // aws-cdk-lib's classes and interfaces differ under exactOptionalPropertyTypes
      vpcSubnets: ISOLATED,
      port: DATABASE_PORT,
      credentials: rds.Credentials.fromSecret(this.secret as secretsmanager.ISecret),
      defaultDatabaseName: this.databaseName,
      enableDataApi: true,
      iamAuthentication: true,
      storageEncrypted: true,
      storageEncryptionKey: this.key,
      backup: { retention: Duration.days(database.backupRetentionDays) },
      deletionProtection: database.deletionProtection,
      removalPolicy,
      cloudwatchLogsExports: ['postgresql'],
      copyTagsToSnapshot: true,
    });
    this.cluster.node.addDependency(postgresLogs);

    this.rotation =
      database.secretRotationDays === undefined ? undefined : this.addRotation(database.secretRotationDays);

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      // Server access logging delivers only to SSE-S3 buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(logsExpiryDays(props.logRetention)) }],
      removalPolicy,
    });
    this.bucket = new s3.Bucket(this, 'Artifacts', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      versioned: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket as s3.IBucket,
      serverAccessLogsPrefix: 'artifacts/',
      cors: [
        {
          allowedOrigins: [props.webOrigin],
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3600,
        },
      ],
      lifecycleRules: [
        {
          id: 'abort-incomplete-dataset-uploads',
          prefix: 'datasets/',
          abortIncompleteMultipartUploadAfter: Duration.days(DATASET_UPLOAD_ABORT_DAYS),
          noncurrentVersionExpiration: Duration.days(DATASET_NONCURRENT_DAYS),
          expiredObjectDeleteMarker: true,
        },
        ...OTHER_ARTIFACT_FOLDERS.map((prefix) => ({
          id: `abort-incomplete-uploads-${prefix.slice(0, -1)}`,
          prefix,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        })),
      ],
      removalPolicy,
    });
  }

  /**
   * Single-user rotation by the AWS-provided function, inside the isolated subnets: it reaches
   * Secrets Manager through an interface endpoint that admits only the rotation function.
   */
  private addRotation(days: number): secretsmanager.SecretRotation {
    const securityGroup = new ec2.SecurityGroup(this, 'RotationSecurityGroup', {
      vpc: this.vpc as ec2.IVpc,
      description: 'The database credentials rotation function',
    });
    const endpoint = this.vpc.addInterfaceEndpoint('SecretsManagerEndpoint', {
      service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      subnets: ISOLATED,
      open: false,
    });
    endpoint.connections.allowDefaultPortFrom(securityGroup, 'The credentials rotation function');
    return this.cluster.addRotationSingleUser({
      automaticallyAfter: Duration.days(days),
      vpcSubnets: ISOLATED,
      endpoint,
      securityGroup,
    });
  }

  get databaseEnvironment(): Readonly<Record<string, string>> {
    return {
      [envNames.clusterArn]: this.cluster.clusterArn,
      // The secret's own ARN (a Ref to the AWS::SecretsManager::Secret), the same ARN as the attachment's.
      [envNames.secretArn]: this.secret.secretArn,
      [envNames.databaseName]: this.databaseName,
    };
  }

  grantDatabase(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: [
        'rds-data:ExecuteStatement',
        'rds-data:BatchExecuteStatement',
        'rds-data:BeginTransaction',
        'rds-data:CommitTransaction',
        'rds-data:RollbackTransaction',
      ],
      resourceArns: [this.cluster.clusterArn],
    });
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['secretsmanager:GetSecretValue'],
      resourceArns: [this.secret.secretArn],
    });
  }

  get artifactsEnvironment(): Readonly<Record<string, string>> {
    return { [envNames.bucket]: this.bucket.bucketName };
  }

  grantArtifacts(grantee: iam.IGrantable, prefix: string): void {
    this.grantObjects(grantee, READ_WRITE, `${folder(prefix)}*`);
    this.grantListing(grantee, prefix);
  }

  grantObjects(grantee: iam.IGrantable, actions: readonly ObjectAction[], keys: string): void {
    if (!/^[a-z0-9-]+\/\S*$/.test(keys)) {
      throw new Error(`An object grant names keys inside one folder, such as "datasets/*": ${keys}`);
    }
    iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: [this.bucket.arnForObjects(keys)] });
    // SSE-KMS: reading decrypts the data key; writing generates one, and completing a multipart
    // upload decrypts it again. Only S3 may use the key on the function's behalf.
    const keyActions = new Set<string>();
    if (actions.includes('s3:GetObject')) keyActions.add('kms:Decrypt');
    if (actions.includes('s3:PutObject')) for (const a of ['kms:Decrypt', 'kms:GenerateDataKey']) keyActions.add(a);
    if (keyActions.size === 0) return;
    const stack = Stack.of(this);
    iam.Grant.addToPrincipal({
      grantee,
      actions: [...keyActions].sort(),
      resourceArns: [this.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.${stack.urlSuffix}` } },
    });
  }

  grantListing(grantee: iam.IGrantable, _prefix: string): void {
    // No s3:prefix condition: S3 answers a GET or HEAD of a missing key with 404 only when the
    // caller may list the bucket, judged without any prefix, so a prefix-conditioned grant would
    // turn every missing key into 403. Listing shows key names (ids), never content.
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucket'],
      resourceArns: [this.bucket.bucketArn],
    });
  }

  grantMultipartUploadListing(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucketMultipartUploads'],
      resourceArns: [this.bucket.bucketArn],
    });
  }
}

/** A key prefix that is one folder, e.g. `datasets/`. */
function folder(prefix: string): string {
  if (!/^[a-z0-9-]+\/$/.test(prefix)) {
    throw new Error(`An artifact prefix is one folder such as "datasets/": ${prefix}`);
  }
  return prefix;
}

/** Access logs are kept as long as the stage keeps its other logs (never-expiring logs: 10 years). */
export const logsExpiryDays = (retention: logs.RetentionDays): number =>
  retention === logs.RetentionDays.INFINITE ? 3653 : retention;
