/**
 * Starts the whole local cloud for an integration test file: the app synthesized once into the
 * repository's `.talaty/cdk.out` cache, and a fresh PostgreSQL and S3 in a temporary TALATY_HOME,
 * on free ports. Also a Data API client on the same database, to seed what only later issues can
 * create. `cloud.lambda.idle()` waits until asynchronous invocations (and their retries) are done.
 * `sfn` is a Step Functions client on the local endpoint; `cloud.ecs.tasks()` lists the running ECS
 * tasks (child processes) with their run id and pid. The web app is left out unless `options.web`
 * asks for it (the end-to-end tests); it is then built when its sources changed and served on a
 * free port too, which the API's and the bucket's CORS allow.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DataApiDatabase } from '../lambdas/store/data-api.ts';
import { type LocalCloud, type StartOptions, startLocalCloud } from '../localstack/cloud.ts';
import { LOCAL_CREDENTIALS, localConfig } from '../localstack/config.ts';
import { freePort } from '../localstack/postgres.ts';
import { ApiClient } from './api-client.ts';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface TestCloud {
  readonly cloud: LocalCloud;
  readonly api: ApiClient;
  /** The functions' database, through the Data API emulator. */
  readonly db: DataApiDatabase;
  /** A Step Functions client on the local endpoint, with the local credential. */
  readonly sfn: SFNClient;
  readonly home: string;
  /** Stops the cloud; `restart` starts it again on the same state. */
  stop(): Promise<void>;
  restart(): Promise<TestCloud>;
  /** Stops the cloud and deletes its state. */
  dispose(): Promise<void>;
}

/** A temporary TALATY_HOME that PostgreSQL's own user can enter (mkdtemp makes it mode 700). */
export function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'talaty-test-'));
  chmodSync(home, 0o755);
  return home;
}

/**
 * @param extraEnv local cloud settings (TALATY_* variables of the README), over the test defaults
 * @param functionEnv variables set on every function over its template environment, e.g. small
 *   limits such as TALATY_MAX_DATASET_BYTES
 * @param options `web`: build and serve the web app as well
 */
export async function startTestCloud(
  home = tempHome(),
  extraEnv: Readonly<Record<string, string>> = {},
  functionEnv: Readonly<Record<string, string>> = {},
  options: Pick<StartOptions, 'web' | 'webMode'> = {},
): Promise<TestCloud> {
  const env = {
    TALATY_LAMBDA_RETRY_DELAY_MS: '100',
    ...extraEnv,
    TALATY_HOME: home,
    TALATY_API_PORT: '0',
    TALATY_DATA_API_PORT: '0',
    TALATY_S3_PORT: '0',
    TALATY_LAMBDA_PORT: '0',
    TALATY_SFN_PORT: '0',
    ...(options.web === true ? { TALATY_WEB_PORT: '0' } : {}),
    TALATY_POSTGRES_PORT: String(await freePort()),
  };
  const config = localConfig(env, repoRoot);
  const cloud = await startLocalCloud(config, {
    root: repoRoot,
    forTests: true,
    synthHome: join(repoRoot, '.talaty'),
    log: () => undefined,
    functionEnvironment: functionEnv,
    web: options.web ?? false,
    ...(options.webMode === undefined ? {} : { webMode: options.webMode }),
  });
  const client = new RDSDataClient({
    endpoint: cloud.dataApiUrl,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const db = new DataApiDatabase(client, cloud.database);
  const sfn = new SFNClient({ endpoint: cloud.stepFunctionsUrl, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    client.destroy();
    sfn.destroy();
    await cloud.close();
  };
  return {
    cloud,
    api: new ApiClient(cloud.apiUrl),
    db,
    sfn,
    home,
    stop,
    restart: async () => {
      await stop();
      return startTestCloud(home, extraEnv, functionEnv, options);
    },
    dispose: async () => {
      await stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
