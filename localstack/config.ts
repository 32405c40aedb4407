/**
 * The local cloud's settings, from environment variables with documented defaults: where state
 * lives, the port of every endpoint, the one local credential, dev auth, an optional external
 * PostgreSQL or S3, and the local Lambda retry delay. Every variable is listed in the README.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'on', 'off'])
    .default(fallback ? 'on' : 'off')
    .transform((v) => v === '1' || v === 'true' || v === 'on');

/** The one local credential every endpoint accepts unless TALATY_ACCESS_KEY_ID/SECRET say otherwise. */
export const LOCAL_CREDENTIALS: { readonly accessKeyId: string; readonly secretAccessKey: string } = {
  accessKeyId: 'talaty-local',
  secretAccessKey: 'talaty-local-secret',
};

const schema = z.object({
  TALATY_HOME: z.string().min(1).default('.talaty'),
  TALATY_STAGE: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .default('dev'),
  TALATY_API_PORT: port(8000),
  TALATY_WEB_PORT: port(5173),
  TALATY_S3_PORT: port(9000),
  TALATY_DATA_API_PORT: port(8081),
  TALATY_LAMBDA_PORT: port(8082),
  TALATY_SFN_PORT: port(8083),
  TALATY_POSTGRES_PORT: port(5433),
  TALATY_ACCESS_KEY_ID: z.string().min(1).default(LOCAL_CREDENTIALS.accessKeyId),
  TALATY_SECRET_ACCESS_KEY: z.string().min(1).default(LOCAL_CREDENTIALS.secretAccessKey),
  TALATY_REGION: z.string().min(1).default('us-east-1'),
  TALATY_DEV_AUTH: flag(true),
  TALATY_DATABASE_URL: z.url().optional(),
  TALATY_S3_URL: z.url({ protocol: /^https?$/ }).optional(),
  TALATY_LAMBDA_RETRY_DELAY_MS: z.coerce.number().int().min(0).default(1000),
});

export interface LocalConfig {
  readonly home: string;
  readonly stage: string;
  readonly ports: {
    readonly api: number;
    readonly web: number;
    readonly s3: number;
    readonly dataApi: number;
    readonly lambda: number;
    readonly stepFunctions: number;
    readonly postgres: number;
  };
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly devAuth: boolean;
  /** An external PostgreSQL to use instead of the embedded one. */
  readonly databaseUrl: string | undefined;
  /** An external S3 endpoint (MinIO, LocalStack) to use instead of the local S3 server. */
  readonly s3Url: string | undefined;
  /** Delay before the first retry of a failed asynchronous Lambda event; each next one doubles. */
  readonly lambdaRetryDelayMs: number;
}

export function localConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): LocalConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`The local cloud's settings are invalid:\n${problems.join('\n')}`);
  }
  const c = result.data;
  return {
    home: resolve(cwd, c.TALATY_HOME),
    stage: c.TALATY_STAGE,
    ports: {
      api: c.TALATY_API_PORT,
      web: c.TALATY_WEB_PORT,
      s3: c.TALATY_S3_PORT,
      dataApi: c.TALATY_DATA_API_PORT,
      lambda: c.TALATY_LAMBDA_PORT,
      stepFunctions: c.TALATY_SFN_PORT,
      postgres: c.TALATY_POSTGRES_PORT,
    },
    accessKeyId: c.TALATY_ACCESS_KEY_ID,
    secretAccessKey: c.TALATY_SECRET_ACCESS_KEY,
    region: c.TALATY_REGION,
    devAuth: c.TALATY_DEV_AUTH,
    databaseUrl: c.TALATY_DATABASE_URL,
    s3Url: c.TALATY_S3_URL?.replace(/\/+$/, ''),
    lambdaRetryDelayMs: c.TALATY_LAMBDA_RETRY_DELAY_MS,
  };
}
