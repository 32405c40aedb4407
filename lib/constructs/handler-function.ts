/**
 * One Lambda function built from a TypeScript entry under `lambdas/`: bundled by esbuild into an
 * ESM `index.mjs` (with source maps), with its own log group and an execution role that holds
 * nothing but the right to write that log group (and X-Ray segments); callers add their grants.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The repository root: entries, the lockfile and the tsconfig are resolved from here. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Every function's runtime; the bundles target the same Node major. */
export const RUNTIME = lambda.Runtime.NODEJS_22_X;

/** Lets bundled CommonJS dependencies call `require` inside the ESM bundle. */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export interface HandlerFunctionProps {
  /** The entry file, relative to the repository root, e.g. `lambdas/handlers/meta.ts`; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  /** Applied to the log group. */
  readonly removalPolicy: RemovalPolicy;
  /** @default Duration.seconds(29), API Gateway's integration timeout */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
}

export class HandlerFunction extends Construct {
  public readonly function: NodejsFunction;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(repoRoot, props.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      description: props.description,
      // Stack traces point into the TypeScript sources through the bundle's source map.
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      timeout: props.timeout ?? Duration.seconds(29),
      memorySize: props.memorySize ?? 512,
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        // The AWS SDK is bundled too: the same SDK version runs locally and in AWS.
        externalModules: [],
        minify: true,
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        tsconfig: join(repoRoot, 'tsconfig.json'),
      },
    });
    // A marker for readers of cdk.out (the local cloud, people): which source this function runs.
    (this.function.node.defaultChild as lambda.CfnFunction).addMetadata('talaty:entry', props.entry);
  }
}
