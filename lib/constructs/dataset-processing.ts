/**
 * What happens to a dataset version after its upload: the profiler, started by the datasets API
 * with an asynchronous Invoke on commit (two retries, then the failure destination marks the
 * version FAILED), and a scheduled sweep that expires uploads left PENDING_UPLOAD past their TTL.
 * Alarms fire when a profile fails for good and when the profiler errs.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { envNames } from '../../lambdas/environment.ts';
import { ALARM_PERIOD, anyEventAlarm } from './alarms.ts';
import { DATASET_OBJECTS, DATASET_PROFILES } from './artifact-keys.ts';
import { DATABASE_FUNCTION_TIMEOUT, type DataAccess } from './data.ts';
import { HandlerFunction } from './handler-function.ts';

/** The stage's `datasets` settings (cdk.json). */
export interface DatasetSettings {
  /** Largest dataset object, in bytes. */
  readonly maxBytes: number;
  /** Largest decompressed size of a gzip dataset, in bytes. */
  readonly maxDecompressedBytes: number;
  /** Hours a version may stay PENDING_UPLOAD. */
  readonly uploadTtlHours: number;
  /** Minutes between two sweeps. */
  readonly sweepMinutes: number;
  readonly profilerMemoryMb: number;
}

export interface DatasetProcessingProps {
  readonly stage: string;
  readonly version: string;
  readonly data: DataAccess;
  readonly settings: DatasetSettings;
  readonly logRetention: logs.RetentionDays;
  /** Applied to the log groups. */
  readonly removalPolicy: RemovalPolicy;
  /** @default Duration.minutes(15), Lambda's longest */
  readonly profilerTimeout?: Duration;
  /**
   * How long an asynchronous profiling request may wait in Lambda's queue, retries included.
   * @default Duration.hours(6)
   */
  readonly maxEventAge?: Duration;
}

export class DatasetProcessing extends Construct {
  /** Profiles a committed version and marks it READY (or FAILED for a bad file). */
  public readonly profiler: HandlerFunction;
  /** The profiler's failure destination: marks the version FAILED with the error it got. */
  public readonly profileFailed: HandlerFunction;
  /** Expires versions left PENDING_UPLOAD past their TTL, aborting their uploads. */
  public readonly sweep: HandlerFunction;
  public readonly sweepSchedule: events.Rule;
  /** Any invocation of the failure destination: a profile failed after every retry. */
  public readonly profileFailedAlarm: cloudwatch.Alarm;
  public readonly profilerErrorsAlarm: cloudwatch.Alarm;
  private readonly settings: DatasetSettings;

  constructor(scope: Construct, id: string, props: DatasetProcessingProps) {
    super(scope, id);
    const { stage, data, settings } = props;
    this.settings = settings;
    const common = {
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    };
    const base = {
      [envNames.stage]: stage,
      [envNames.version]: props.version,
      ...data.databaseEnvironment,
    };

    this.profileFailed = new HandlerFunction(this, 'DatasetProfileFailed', {
      entry: 'lambdas/handlers/dataset-profile-failed.ts',
      description: `Talaty ${stage}: marks a dataset version FAILED when its profiling fails for good`,
      environment: base,
      timeout: DATABASE_FUNCTION_TIMEOUT,
      ...common,
    });
    data.grantDatabase(this.profileFailed.function);

    this.profiler = new HandlerFunction(this, 'DatasetProfiler', {
      entry: 'lambdas/handlers/dataset-profiler.ts',
      description: `Talaty ${stage}: profiles a committed dataset version`,
      environment: {
        ...base,
        ...data.artifactsEnvironment,
        [envNames.maxDatasetBytes]: String(settings.maxBytes),
        [envNames.maxDecompressedBytes]: String(settings.maxDecompressedBytes),
      },
      timeout: props.profilerTimeout ?? Duration.minutes(15),
      memorySize: settings.profilerMemoryMb,
      ...common,
    });
    data.grantDatabase(this.profiler.function);
    data.grantObjects(this.profiler.function, ['s3:GetObject'], DATASET_OBJECTS);
    // Writes the profile, and removes it again when the version stopped being PROFILING meanwhile.
    data.grantObjects(this.profiler.function, ['s3:PutObject', 's3:DeleteObject'], DATASET_PROFILES);
    data.grantListing(this.profiler.function, 'datasets/');
    this.profiler.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: props.maxEventAge ?? Duration.hours(6),
      onFailure: new InvokeFunction(this.profileFailed.function),
    });

    this.sweep = new HandlerFunction(this, 'DatasetSweep', {
      entry: 'lambdas/handlers/dataset-sweep.ts',
      description: `Talaty ${stage}: expires dataset uploads left pending past their TTL`,
      environment: {
        ...base,
        ...data.artifactsEnvironment,
        [envNames.uploadTtlSeconds]: String(settings.uploadTtlHours * 3600),
      },
      // One sweep ends before the next begins.
      timeout: Duration.minutes(Math.min(5, settings.sweepMinutes)),
      ...common,
    });
    data.grantDatabase(this.sweep.function);
    data.grantObjects(this.sweep.function, ['s3:AbortMultipartUpload', 's3:DeleteObject'], DATASET_OBJECTS);
    data.grantMultipartUploadListing(this.sweep.function);
    this.sweepSchedule = new events.Rule(this, 'SweepSchedule', {
      description: `Talaty ${stage}: sweeps expired dataset uploads every ${settings.sweepMinutes} min`,
      schedule: events.Schedule.rate(Duration.minutes(settings.sweepMinutes)),
      targets: [new targets.LambdaFunction(this.sweep.function)],
    });

    this.profileFailedAlarm = anyEventAlarm(
      this,
      'ProfileFailedAlarm',
      `Talaty ${stage}: a dataset version failed profiling after every retry (see the DatasetProfileFailed logs)`,
      this.profileFailed.function.metricInvocations(ALARM_PERIOD),
    );
    this.profilerErrorsAlarm = anyEventAlarm(
      this,
      'ProfilerErrorsAlarm',
      `Talaty ${stage}: the dataset profiler failed an invocation (Lambda retries it)`,
      this.profiler.function.metricErrors(ALARM_PERIOD),
    );
  }

  /** The three functions, for what applies to every function of the stack. */
  get functions(): readonly HandlerFunction[] {
    return [this.profiler, this.profileFailed, this.sweep];
  }

  /**
   * Lets the datasets API function start profiling: the profiler's name and the size limit in its
   * environment, and the right to invoke the profiler, no other function.
   */
  connectApi(api: lambda.Function): void {
    api.addEnvironment(envNames.profilerFunction, this.profiler.function.functionName);
    api.addEnvironment(envNames.maxDatasetBytes, String(this.settings.maxBytes));
    invokeGrant(api, this.profiler.function);
  }
}

/** `lambda:InvokeFunction` on the function itself (`grantInvoke` would add every version and alias, `:*`). */
const invokeGrant = (grantee: iam.IGrantable, fn: lambda.IFunction) =>
  iam.Grant.addToPrincipal({ grantee, actions: ['lambda:InvokeFunction'], resourceArns: [fn.functionArn] });

/** A Lambda function as an async-invoke destination, invocable by the source's role and nothing more. */
class InvokeFunction implements lambda.IDestination {
  constructor(private readonly target: lambda.IFunction) {}

  bind(_scope: Construct, source: lambda.IFunction): lambda.DestinationConfig {
    invokeGrant(source, this.target);
    return { destination: this.target.functionArn };
  }
}
