/**
 * The local cloud: the synthesized CDK app served on one machine. It starts PostgreSQL (embedded,
 * or an external one), the Data API emulator over it, S3 (a local server, or an external one) with
 * the app's bucket, the Lambda Invoke endpoint, the app's Lambda functions as local execution
 * environments, runs the deploy-time custom resources (the schema migrations) through the same
 * function bundles, opens the API gateway, starts the scheduled rules, and serves the app's state
 * machines on the Step Functions endpoint (Lambda tasks through the same functions, ECS tasks as
 * child processes), and serves the web app (built when its sources changed) against the local API.
 * `close()` stops everything it started.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WebConfig } from '@talaty/schemas';
import { envNames } from '../lambdas/environment.ts';
import { buildWebApp, type WebBuildMode } from '../web/build.ts';
import { type LocalApp, readCloudAssembly } from './cdk-out/reader.ts';
import { synthesize } from './cdk-out/synth.ts';
import type { LocalConfig } from './config.ts';
import { startDataApi } from './data-api/server.ts';
import { startSchedules } from './events/schedules.ts';
import { startGateway } from './gateway/server.ts';
import { type LambdaApi, startLambdaApi } from './lambda/api.ts';
import { FunctionHost } from './lambda/functions.ts';
import { ensureDatabase, startPostgres } from './postgres.ts';
import { provisionBucket } from './s3/bucket.ts';
import { startS3Server } from './s3/server.ts';
import { LocalEcs, type RunningTask } from './stepfunctions/ecs-task.ts';
import { Executions } from './stepfunctions/executions.ts';
import { startStepFunctions } from './stepfunctions/server.ts';
import { startWebServer } from './web/server.ts';

export interface LocalCloud {
  readonly apiUrl: string;
  readonly dataApiUrl: string;
  /** The S3 endpoint the functions use (path-style): the local server, or TALATY_S3_URL. */
  readonly s3Url: string;
  /** The app's artifact bucket (what the functions get in TALATY_ARTIFACT_BUCKET). */
  readonly bucket: string;
  /** The Lambda Invoke endpoint. */
  readonly lambdaUrl: string;
  /** The Lambda service: `idle()` resolves once no asynchronous event is queued, running or awaiting a retry. */
  readonly lambda: Pick<LambdaApi, 'url' | 'idle' | 'invokeAsync'>;
  readonly app: LocalApp;
  /** The database the functions use, as the Data API addresses it. */
  readonly database: { readonly resourceArn: string; readonly secretArn: string; readonly database: string };
  readonly functions: FunctionHost;
  /** The Step Functions endpoint (what the functions get in AWS_ENDPOINT_URL_SFN). */
  readonly stepFunctionsUrl: string;
  /** The local ECS: `tasks()` lists the running tasks (child processes) with their run id (execution name) and pid. */
  readonly ecs: { tasks(): RunningTask[] };
  /** The web app, signed in with any user name; undefined when started without it. */
  readonly webUrl: string | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  /** The repository root (where cdk.json is). */
  readonly root: string;
  /** Faster, less durable PostgreSQL settings for tests. */
  readonly forTests?: boolean;
  /** Where the synthesized app is cached, when not under TALATY_HOME (tests share one cache). */
  readonly synthHome?: string;
  /** Receives log lines of the functions and the local services; they go to files under TALATY_HOME otherwise. */
  readonly log?: (source: string, text: string) => void;
  /** Variables set on every function over its template environment (e.g. small limits for tests). */
  readonly functionEnvironment?: Readonly<Record<string, string>>;
  /**
   * Builds (when its sources changed) and serves the web app; API-only tests leave it out.
   * @default true
   */
  readonly web?: boolean;
  /**
   * Which build of the web app to serve: the end-to-end tests take the development build, whose
   * React reports its warnings (keys, DOM nesting, controlled inputs…) to the console.
   * @default 'production'
   */
  readonly webMode?: WebBuildMode;
}

function postgresUrl(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || 'postgres',
  };
}

/** The one value every function that names it gives variable `name`, or an error. */
function sharedValue(app: LocalApp, name: string): string {
  const values = new Set(
    app.functions.flatMap((f) => (f.environment[name] === undefined ? [] : [f.environment[name]])),
  );
  const [value, ...others] = values;
  if (value === undefined) throw new Error(`${app.stackName} has no function with ${name}`);
  if (others.length > 0) throw new Error(`${app.stackName}'s functions disagree on ${name}: ${[...values].join(', ')}`);
  return value;
}

/** An external PostgreSQL: the app's database is created on it when missing; stopping leaves it running. */
async function externalPostgres(url: string, database: string) {
  const server = postgresUrl(url);
  await ensureDatabase(server, database);
  return { connection: { ...server, database }, stop: async () => undefined };
}

export async function startLocalCloud(config: LocalConfig, options: StartOptions): Promise<LocalCloud> {
  const stops: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  /** The `log` option of a local service that logs JSON lines, writing to `source`'s log. */
  const logOption = (source: string) =>
    options.log === undefined
      ? {}
      : { log: (line: Record<string, unknown>) => options.log?.(source, `${JSON.stringify(line)}\n`) };
  try {
    mkdirSync(config.home, { recursive: true });
    const synth = await synthesize(options.root, options.synthHome ?? config.home, config.stage);
    const withWeb = options.web ?? true;
    const webLog = options.log === undefined ? {} : { log: (line: string) => options.log?.('web', `${line}\n`) };
    // The web server listens first: the API's and the bucket's CORS name its origin (its port may be 0).
    const web = withWeb
      ? {
          dir: (await buildWebApp({ mode: options.webMode ?? 'production', ...webLog })).dir,
          server: await startWebServer({ port: config.ports.web, ...logOption('web') }),
        }
      : undefined;
    if (web !== undefined) stops.push(() => web.server.close());
    const webOrigin = web?.server.url ?? `http://127.0.0.1:${config.ports.web}`;
    const app = readCloudAssembly(synth.dir, synth.stackName, {
      region: config.region,
      environment: { [envNames.webOrigin]: webOrigin, ...options.functionEnvironment },
    });
    const ours = app.functions.filter((f) => f.environment[envNames.clusterArn] !== undefined);
    const first = ours[0];
    if (first === undefined) throw new Error(`${synth.stackName} has no function with a database`);
    const database = {
      resourceArn: first.environment[envNames.clusterArn] as string,
      secretArn: first.environment[envNames.secretArn] as string,
      database: first.environment[envNames.databaseName] as string,
    };

    const postgres =
      config.databaseUrl === undefined
        ? await startPostgres({
            dataDir: join(config.home, 'postgres'),
            port: config.ports.postgres,
            database: database.database,
            forTests: options.forTests ?? false,
          })
        : await externalPostgres(config.databaseUrl, database.database);
    stops.push(() => postgres.stop());

    const bucket = sharedValue(app, envNames.bucket);

    const credentials = { [config.accessKeyId]: config.secretAccessKey };
    const dataApi = await startDataApi({
      port: config.ports.dataApi,
      postgres: postgres.connection,
      credentials,
      region: config.region,
      resources: { resourceArn: database.resourceArn, secretArn: database.secretArn },
    });
    stops.push(() => dataApi.close());

    const s3Credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
    let s3Url: string;
    if (config.s3Url === undefined) {
      const s3 = await startS3Server({
        port: config.ports.s3,
        directory: join(config.home, 's3'),
        credentials: s3Credentials,
        buckets: [{ name: bucket, webOrigin }],
        ...(options.log === undefined ? {} : { log: (text: string) => options.log?.('s3', text) }),
      });
      stops.push(() => s3.close());
      s3Url = s3.url;
    } else {
      s3Url = config.s3Url;
      await provisionBucket({
        endpoint: s3Url,
        bucket,
        webOrigin,
        credentials: s3Credentials,
        region: config.region,
        log: (text) => (options.log === undefined ? process.stderr.write(`talaty: ${text}`) : options.log('s3', text)),
      });
    }

    // The Lambda endpoint listens first (its port may be 0): the functions' environment names it.
    const lambdaApi = await startLambdaApi({
      port: config.ports.lambda,
      credentials,
      account: app.account,
      asyncConfigs: app.asyncConfigs,
      retryBaseDelayMs: config.lambdaRetryDelayMs,
      ...logOption('lambda'),
    });
    stops.push(() => lambdaApi.close());
    // So does the Step Functions endpoint: AWS_ENDPOINT_URL_SFN must carry its actual port.
    const stepFunctions = await startStepFunctions({
      port: config.ports.stepFunctions,
      credentials,
      region: config.region,
      ...logOption('stepfunctions'),
    });
    stops.push(() => stepFunctions.close());

    const functions = new FunctionHost({
      region: config.region,
      baseEnv: {
        AWS_ACCESS_KEY_ID: config.accessKeyId,
        AWS_SECRET_ACCESS_KEY: config.secretAccessKey,
        AWS_REGION: config.region,
        AWS_DEFAULT_REGION: config.region,
        AWS_ENDPOINT_URL_RDS_DATA: dataApi.url,
        AWS_ENDPOINT_URL_S3: s3Url,
        [envNames.s3ForcePathStyle]: '1',
        AWS_ENDPOINT_URL_LAMBDA: lambdaApi.url,
        AWS_ENDPOINT_URL_SFN: stepFunctions.url,
        PATH: process.env.PATH ?? '',
      },
      ...(options.log === undefined ? {} : { logs: (fn: string, text: string) => options.log?.(fn, text) }),
    });
    for (const fn of app.functions) functions.register(fn);
    // Running asynchronous invocations get their grace period before the functions stop.
    stops.push(async () => {
      await lambdaApi.close();
      await functions.close();
    });
    lambdaApi.serve(functions);

    for (const resource of app.customResources) {
      if (!ours.some((f) => f.name === resource.functionName)) continue;
      const outcome = await functions.invoke(resource.functionName, {
        RequestType: 'Create',
        RequestId: `local-${Date.now()}`,
        ResponseURL: 'http://127.0.0.1/unused',
        ResourceType: resource.type,
        LogicalResourceId: resource.logicalId,
        StackId: `arn:aws:cloudformation:${config.region}:000000000000:stack/${synth.stackName}/local`,
        ServiceToken: 'local',
        ResourceProperties: { ServiceToken: 'local', ...resource.properties },
      });
      if (!outcome.ok) {
        throw new Error(`${resource.logicalId} (${resource.type}) failed: ${outcome.error.errorMessage}`);
      }
    }

    const routes = app.routes.flatMap((r) => (r.functionName === null ? [] : [{ ...r, functionName: r.functionName }]));
    const gateway = await startGateway({
      port: config.ports.api,
      routes,
      functions,
      credentials,
      devAuth: config.devAuth,
      cors: {
        allowOrigin: webOrigin,
        // The dev X-User header exists only locally, so the template's CORS settings never name it.
        allowHeaders: `${app.cors?.allowHeaders ?? 'Content-Type,Authorization,X-Amz-Date,X-Amz-Security-Token'}${config.devAuth ? ',X-User' : ''}`,
        allowMethods: app.cors?.allowMethods ?? 'OPTIONS,GET,POST,PATCH',
      },
      stage: config.stage,
      region: config.region,
      ...logOption('gateway'),
    });
    stops.push(() => gateway.close());
    if (web !== undefined) {
      const webConfig: WebConfig = {
        mode: 'local',
        stage: config.stage,
        region: config.region,
        apiUrl: `${gateway.url}/`,
      };
      web.server.serve({ dir: web.dir, config: webConfig, apiOrigin: gateway.url, s3Origin: new URL(s3Url).origin });
    }

    // The state machines' ECS tasks: child processes with the container's environment, logs to S3.
    const ecs = new LocalEcs({
      region: config.region,
      accountId: app.account.accountId,
      taskDefinitions: app.taskDefinitions,
      baseEnv: {
        AWS_ACCESS_KEY_ID: config.accessKeyId,
        AWS_SECRET_ACCESS_KEY: config.secretAccessKey,
        AWS_REGION: config.region,
        AWS_DEFAULT_REGION: config.region,
        AWS_ENDPOINT_URL_S3: s3Url,
        [envNames.s3ForcePathStyle]: '1',
        AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE',
        PATH: process.env.PATH ?? '',
      },
      logs: { endpoint: s3Url, bucket, credentials: s3Credentials },
      log: (text) => (options.log === undefined ? process.stderr.write(text) : options.log('ecs', text)),
    });
    const executions = new Executions({
      stateMachines: app.stateMachines,
      services: {
        account: app.account,
        functions,
        ecs,
        invokeAsync: (fn, payload) => lambdaApi.invokeAsync(fn, payload),
      },
      region: config.region,
      ...logOption('stepfunctions'),
    });
    stepFunctions.serve(executions);
    // Before the functions stop: running executions are aborted and their tasks' children stopped.
    stops.push(async () => {
      await stepFunctions.close();
      await executions.close();
      await ecs.close();
    });

    const schedules = startSchedules({
      schedules: app.schedules,
      account: app.account,
      send: (fn, event) => lambdaApi.invokeAsync(fn, event),
      ...logOption('events'),
    });
    stops.push(async () => schedules.close());

    return {
      apiUrl: gateway.url,
      dataApiUrl: dataApi.url,
      s3Url,
      bucket,
      lambdaUrl: lambdaApi.url,
      lambda: lambdaApi,
      app,
      database,
      functions,
      stepFunctionsUrl: stepFunctions.url,
      ecs,
      webUrl: web?.server.url,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
