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
