/**
 * The local cloud: the synthesized CDK app served on one machine. It starts PostgreSQL (embedded,
 * or an external one), the Data API emulator over it, the app's Lambda functions as local
 * execution environments, runs the deploy-time custom resources (the schema migrations) through
 * the same function bundles, and opens the API gateway. `close()` stops everything it started.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { envNames } from '../lambdas/environment.ts';
import { type LocalApp, readCloudAssembly } from './cdk-out/reader.ts';
import { synthesize } from './cdk-out/synth.ts';
import type { LocalConfig } from './config.ts';
import { startDataApi } from './data-api/server.ts';
import { startGateway } from './gateway/server.ts';
import { FunctionHost } from './lambda/functions.ts';
import { ensureDatabase, startPostgres } from './postgres.ts';

export interface LocalCloud {
  readonly apiUrl: string;
  readonly dataApiUrl: string;
  readonly app: LocalApp;
  /** The database the functions use, as the Data API addresses it. */
  readonly database: { readonly resourceArn: string; readonly secretArn: string; readonly database: string };
  readonly functions: FunctionHost;
  close(): Promise<void>;
}

export interface StartOptions {
  /** The repository root (where cdk.json is). */
  readonly root: string;
  /** Faster, less durable PostgreSQL settings for tests. */
  readonly forTests?: boolean;
  /** Where the synthesized app is cached, when not under TALATY_HOME (tests share one cache). */
  readonly synthHome?: string;
  /** Receives log lines of the functions and the gateway; they go to files under TALATY_HOME otherwise. */
  readonly log?: (source: string, text: string) => void;
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
  try {
    mkdirSync(config.home, { recursive: true });
    const synth = await synthesize(options.root, options.synthHome ?? config.home, config.stage);
    const webOrigin = `http://127.0.0.1:${config.ports.web}`;
    const app = readCloudAssembly(synth.dir, synth.stackName, {
      region: config.region,
      environment: { [envNames.webOrigin]: webOrigin },
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

    const credentials = { [config.accessKeyId]: config.secretAccessKey };
    const dataApi = await startDataApi({
      port: config.ports.dataApi,
      postgres: postgres.connection,
      credentials,
      region: config.region,
      resources: { resourceArn: database.resourceArn, secretArn: database.secretArn },
    });
    stops.push(() => dataApi.close());

    const functions = new FunctionHost({
      region: config.region,
      baseEnv: {
        AWS_ACCESS_KEY_ID: config.accessKeyId,
        AWS_SECRET_ACCESS_KEY: config.secretAccessKey,
        AWS_REGION: config.region,
        AWS_DEFAULT_REGION: config.region,
        AWS_ENDPOINT_URL_RDS_DATA: dataApi.url,
        AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${config.ports.s3}`,
        AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${config.ports.lambda}`,
        AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${config.ports.stepFunctions}`,
        PATH: process.env.PATH ?? '',
      },
      ...(options.log === undefined ? {} : { logs: (fn: string, text: string) => options.log?.(fn, text) }),
    });
    for (const fn of app.functions) functions.register(fn);
    stops.push(() => functions.close());

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
      ...(options.log === undefined
        ? {}
        : { log: (line: Record<string, unknown>) => options.log?.('gateway', `${JSON.stringify(line)}\n`) }),
    });
    stops.push(() => gateway.close());

    return { apiUrl: gateway.url, dataApiUrl: dataApi.url, app, database, functions, close };
  } catch (error) {
    await close();
    throw error;
  }
}
