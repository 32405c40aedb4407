/**
 * Configuration from the environment the CDK app sets (names in `environment.ts`), parsed once at
 * cold start; a bad or missing variable fails the cold start with every problem listed at once.
 */
import { z } from 'zod';
import { envNames } from './environment.ts';

const nonEmpty = z.string().min(1, 'is not set');

const httpSchema = z.object({
  [envNames.stage]: nonEmpty,
  [envNames.version]: nonEmpty,
  [envNames.webOrigin]: z.url({ message: 'must be an origin such as https://talaty.example.com' }),
});

const databaseSchema = z.object({
  [envNames.clusterArn]: nonEmpty.regex(/^arn:aws[a-z-]*:rds:/, 'must be an RDS cluster ARN'),
  [envNames.secretArn]: nonEmpty.regex(/^arn:aws[a-z-]*:secretsmanager:/, 'must be a Secrets Manager ARN'),
  [envNames.databaseName]: nonEmpty,
});

function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Talaty's configuration is incomplete:\n${problems.join('\n')}`);
}

export interface HttpConfig {
  readonly stage: string;
  readonly version: string;
  readonly webOrigin: string;
}

export interface DatabaseConfig {
  readonly resourceArn: string;
  readonly secretArn: string;
  readonly database: string;
}

export function httpConfig(env: NodeJS.ProcessEnv = process.env): HttpConfig {
  const parsed = parseEnv(httpSchema, env) as Record<string, string>;
  return {
    stage: parsed[envNames.stage] as string,
    version: parsed[envNames.version] as string,
    webOrigin: parsed[envNames.webOrigin] as string,
  };
}

export function databaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const parsed = parseEnv(databaseSchema, env) as Record<string, string>;
  return {
    resourceArn: parsed[envNames.clusterArn] as string,
    secretArn: parsed[envNames.secretArn] as string,
    database: parsed[envNames.databaseName] as string,
  };
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const positiveInt = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

const datasetSchema = z.object({
  [envNames.bucket]: nonEmpty,
  [envNames.maxDatasetBytes]: positiveInt(10 * GiB),
  [envNames.maxDecompressedBytes]: positiveInt(40 * GiB),
  [envNames.uploadTtlSeconds]: positiveInt(24 * 3600),
  [envNames.uploadPartBytes]: positiveInt(64 * MiB, 5 * MiB),
});

export interface DatasetConfig {
  readonly bucket: string;
  /** Largest dataset object, in bytes. */
  readonly maxBytes: number;
  /** Largest decompressed size of a csv.gz object, in bytes. */
  readonly maxDecompressedBytes: number;
  /** How long a version may wait for its upload. */
  readonly uploadTtlSeconds: number;
  /** Part size of multipart uploads; smaller files upload with one PUT. */
  readonly partBytes: number;
}

/** Limits and the bucket of dataset uploads; defaults apply where the stage sets none. */
export function datasetConfig(env: NodeJS.ProcessEnv = process.env): DatasetConfig {
  const parsed = parseEnv(datasetSchema, env) as Record<string, string | number>;
  return {
    bucket: parsed[envNames.bucket] as string,
    maxBytes: parsed[envNames.maxDatasetBytes] as number,
    maxDecompressedBytes: parsed[envNames.maxDecompressedBytes] as number,
    uploadTtlSeconds: parsed[envNames.uploadTtlSeconds] as number,
    partBytes: parsed[envNames.uploadPartBytes] as number,
  };
}

/** The profiler function the datasets API invokes asynchronously on commit. */
export function profilerFunction(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = parseEnv(z.object({ [envNames.profilerFunction]: nonEmpty }), env) as Record<string, string>;
  return parsed[envNames.profilerFunction] as string;
}

/** The RunPipeline state machine the runs API starts, stops and reads. */
export function stateMachineArn(env: NodeJS.ProcessEnv = process.env): string {
  const schema = z.object({
    [envNames.stateMachineArn]: nonEmpty.regex(/^arn:aws[a-z-]*:states:/, 'must be a state machine ARN'),
  });
  return (parseEnv(schema, env) as Record<string, string>)[envNames.stateMachineArn] as string;
}

/** The artifact bucket of the functions that read or write runs. */
export function artifactBucket(env: NodeJS.ProcessEnv = process.env): string {
  return (parseEnv(z.object({ [envNames.bucket]: nonEmpty }), env) as Record<string, string>)[
    envNames.bucket
  ] as string;
}

/** Threads the runner task may use, written into each manifest (0: the runner uses every core it sees). */
export function runnerThreads(env: NodeJS.ProcessEnv = process.env): number {
  const schema = z.object({ [envNames.runnerThreads]: z.coerce.number().int().min(0).max(256).default(0) });
  return (parseEnv(schema, env) as Record<string, number>)[envNames.runnerThreads] as number;
}
