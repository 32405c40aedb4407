/**
 * The per-stage configuration: `context.stages.<name>` in cdk.json, validated by one zod schema so
 * that a bad value fails synth with every problem listed at once, each with its path.
 */
import { readFileSync } from 'node:fs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { z } from 'zod';
import { DATASET_UPLOAD_ABORT_DAYS } from './constructs/data.ts';

const retentionDays = new Set(Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'));
const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]';

const WebOrigin = z
  .string()
  .refine((value) => URL.canParse(value) && new URL(value).origin === value, {
    message: 'must be an origin: scheme, host and optional port, no path (e.g. https://talaty.example.com)',
  })
  .refine((value) => !URL.canParse(value) || value.startsWith('https://') || isLoopback(new URL(value).hostname), {
    message: 'must use https unless it is a loopback origin',
  });

/** Aurora capacity units: 0 (auto-pause) to 256, in steps of 0.5. */
const Acu = z
  .number()
  .min(0)
  .max(256)
  .refine((n) => Number.isInteger(n * 2), { message: 'must be a multiple of 0.5' });

const Database = z
  .strictObject({
    minCapacity: Acu,
    maxCapacity: Acu.refine((n) => n >= 1, { message: 'must be at least 1' }),
    backupRetentionDays: z.int().min(1).max(35),
    deletionProtection: z.boolean(),
    /** Rotate the database credentials every N days; omitted = no rotation (needs a VPC endpoint). */
    secretRotationDays: z.int().min(1).max(365).optional(),
  })
  .refine((d) => d.maxCapacity >= d.minCapacity, {
    path: ['maxCapacity'],
    message: 'must be at least minCapacity',
  });

const GIB = 1024 ** 3;
/**
 * What one profiler attempt (15 minutes at about 55 MB/s, `npm run bench:profile`) can read:
 * a larger file would time out on every attempt instead of failing with a clear reason.
 */
const MAX_PROFILED_BYTES = 40 * GIB;
/** A version's upload must expire (and be swept) a day before the bucket aborts its multipart upload. */
const MAX_UPLOAD_TTL_HOURS = (DATASET_UPLOAD_ABORT_DAYS - 1) * 24;

/** Dataset uploads and profiling; every field has a default, so a stage may leave the block out. */
const Datasets = z
  .strictObject({
    /** Largest dataset object accepted, in bytes (the declared size and the stored size). */
    maxBytes: z
      .int()
      .positive('must be more than 0')
      .max(MAX_PROFILED_BYTES, `must be at most 40 GiB (${MAX_PROFILED_BYTES} bytes), what one profiling run can read`)
      .default(10 * GIB),
    /** Largest decompressed size of a gzip dataset, in bytes: the gzip-bomb limit. */
    maxDecompressedBytes: z
      .int('must be a whole number of bytes, at most 2^53 - 1')
      .positive('must be more than 0')
      .max(MAX_PROFILED_BYTES, `must be at most 40 GiB (${MAX_PROFILED_BYTES} bytes), what one profiling run can read`)
      .default(40 * GIB),
    /** Hours a version may stay PENDING_UPLOAD before the sweep expires it and aborts its upload. */
    uploadTtlHours: z
      .int()
      .min(1, 'must be at least 1 (hour)')
      .max(
        MAX_UPLOAD_TTL_HOURS,
        `must be at most ${MAX_UPLOAD_TTL_HOURS} (hours): the bucket aborts incomplete dataset uploads after ` +
          `${DATASET_UPLOAD_ABORT_DAYS} days, and the sweep must get there first`,
      )
      .default(24),
    /** Minutes between two sweeps of expired uploads. */
    sweepMinutes: z.int().min(1, 'must be at least 1 (minute)').max(1440, 'must be at most 1440 (a day)').default(15),
    /** The profiler's memory; Lambda gives one full vCPU at 1769 MB. */
    profilerMemoryMb: z
      .int()
      .min(128, "must be at least 128, Lambda's smallest size")
      .max(10240, "must be at most 10240, Lambda's largest size")
      .default(1769),
  })
  .refine((d) => d.maxDecompressedBytes >= d.maxBytes, {
    path: ['maxDecompressedBytes'],
    message: 'must be at least maxBytes (an uncompressed dataset of maxBytes is its own decompressed size)',
  })
  .refine((d) => d.sweepMinutes <= d.uploadTtlHours * 60, {
    path: ['sweepMinutes'],
    message: 'must be at most uploadTtlHours × 60, so that an expired upload is swept within one more TTL',
  });

const steps = (from: number, to: number, step: number) =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
/** Fargate's task sizes (Linux): CPU units and the memory sizes (MiB) each allows. */
const FARGATE_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: steps(1024, 4096, 1024),
  1024: steps(2048, 8192, 1024),
  2048: steps(4096, 16384, 1024),
  4096: steps(8192, 30720, 1024),
  8192: steps(16384, 61440, 4096),
  16384: steps(32768, 122880, 8192),
};

/** The runner's Fargate task and the Train step; every field has a default, so a stage may leave the block out. */
const Runner = z
  .strictObject({
    /** CPU units (1024 = one vCPU); the runner trains with one thread per vCPU. */
    cpu: z
      .int()
      .refine((n) => FARGATE_MEMORY[n] !== undefined, {
        message: `must be one of Fargate's CPU sizes: ${Object.keys(FARGATE_MEMORY).join(', ')}`,
      })
      .default(2048),
    memoryMiB: z.int().positive().default(8192),
    /** The Train step's timeout: a run still training then is stopped, and fails. */
    trainingTimeoutMinutes: z
      .int()
      .min(5, 'must be at least 5 (minutes)')
      .max(7 * 24 * 60, 'must be at most 10080 (a week)')
      .default(240),
  })
  .superRefine((runner, ctx) => {
    const sizes = FARGATE_MEMORY[runner.cpu];
    if (sizes === undefined || sizes.includes(runner.memoryMiB)) return;
    const offered = sizes.length <= 3 ? sizes.join(', ') : `${sizes[0]}, ${sizes[1]}, … ${sizes.at(-1)}`;
    ctx.addIssue({
      code: 'custom',
      path: ['memoryMiB'],
      message: `must be a memory size Fargate offers with ${runner.cpu} CPU units: ${offered}`,
    });
  });

const Env = z
  .strictObject({
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1'),
    /** Needed with a concrete account and region, so that synth never looks availability zones up. */
    availabilityZones: z.array(z.string().min(1)).min(2),
  })
  .partial({ account: true, availabilityZones: true })
  .refine((e) => e.account === undefined || e.availabilityZones !== undefined, {
    path: ['availabilityZones'],
    message: 'is required when account and region are set (synth runs with --no-lookups)',
  });

const Hostname = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a lower-case DNS name such as talaty.example.com',
  );

/** The web app (CloudFront and Cognito); every field is optional, so a stage may leave the block out. */
const Web = z
  .strictObject({
    /** The app's own domain name, e.g. talaty.example.com; omitted = the distribution's cloudfront.net name. */
    domainName: Hostname.optional(),
    /** An ACM certificate for domainName; CloudFront takes certificates from us-east-1 only. */
    certificateArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/,
        'must be the ARN of an ACM certificate in us-east-1 (CloudFront takes no other region)',
      )
      .optional(),
    /** The Cognito managed-login domain prefix (globally unique per region); omitted = talaty-<stage>-<account id>. */
    authDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be lower-case letters, digits and hyphens (at most 63)')
      .refine((p) => !/aws|amazon|cognito/.test(p), { message: 'must not contain aws, amazon or cognito' })
      .optional(),
  })
  .refine((w) => (w.domainName === undefined) === (w.certificateArn === undefined), {
    path: ['certificateArn'],
    message: 'domainName and certificateArn go together: set both or neither',
  });

export const StageConfig = z
  .strictObject({
    /**
     * The web app's origin: allowed by CORS on the API and the artifact bucket, and a Cognito callback
     * origin when https. With web.domainName it is https://<domainName>; without, set it to the
     * distribution's origin (stack output WebUrl) after the first deploy.
     */
    webOrigin: WebOrigin,
    /** What happens to stateful resources (database, buckets, keys, logs) when the stack goes away. */
    removalPolicy: z.enum(['retain', 'destroy']),
    logRetentionDays: z.int().refine((n) => retentionDays.has(n), {
      message: `must be one of CloudWatch's retention periods: ${[...retentionDays].join(', ')}`,
    }),
    database: Database,
    api: z.strictObject({
      throttlingRateLimit: z.number().positive(),
      throttlingBurstLimit: z.int().positive(),
    }),
    datasets: Datasets.prefault({}),
    runner: Runner.prefault({}),
    web: Web.prefault({}),
    /** Pin the stack to an account/region; omitted = environment-agnostic (the CLI's credentials decide). */
    env: Env.optional(),
  })
  .refine((c) => c.web.domainName === undefined || c.webOrigin === `https://${c.web.domainName}`, {
    path: ['webOrigin'],
    message: 'must be https://<web.domainName> when the app has its own domain name',
  });
export type StageConfig = z.output<typeof StageConfig>;

const StageName = z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'stage names are lower-case, e.g. dev or prod');
export const Stages = z.record(StageName, StageConfig).refine((s) => Object.keys(s).length > 0, {
  message: 'defines no stage',
});
export type Stages = z.output<typeof Stages>;

/** Parses the `stages` context value; the error names every bad field by its path. */
export function parseStages(raw: unknown): Stages {
  const result = Stages.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    // A bad stage name: the record reports "invalid key" and nests the reason.
    const message = issue.code === 'invalid_key' ? issue.issues.map((i) => i.message).join('; ') : issue.message;
    return `  stages.${issue.path.join('.')}: ${message}`;
  });
  throw new Error(`Invalid stage configuration (cdk.json, context "stages"):\n${problems.join('\n')}`);
}

export const loadStages = (scope: Construct): Stages => parseStages(scope.node.tryGetContext('stages'));

export function stageConfig(scope: Construct, name: string): StageConfig {
  const stages = loadStages(scope);
  const config = stages[name];
  if (config === undefined) {
    throw new Error(`No stage "${name}" in cdk.json; the stages are: ${Object.keys(stages).join(', ')}`);
  }
  return config;
}

/** The stages to synthesize: the one named by `-c stage=<name>`, or all of them. */
export function selectedStages(scope: Construct): Array<[name: string, config: StageConfig]> {
  const selected: unknown = scope.node.tryGetContext('stage');
  if (selected === undefined) return Object.entries(loadStages(scope));
  if (typeof selected !== 'string') throw new Error('The "stage" context must be a stage name, e.g. -c stage=dev');
  return [[selected, stageConfig(scope, selected)]];
}

/** The code version the functions report: `-c version=<git sha>`, else the package version. */
export function codeVersion(scope: Construct): string {
  const fromContext: unknown = scope.node.tryGetContext('version');
  if (typeof fromContext === 'string' && fromContext !== '') return fromContext;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
