/**
 * For tests: a throwaway PostgreSQL, the Data API emulator over it, and a real RDSDataClient
 * pointed at it with the local credentials, plus small helpers to run SQL through the SDK.
 */
import {
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  type ExecuteStatementCommandOutput,
  RDSDataClient,
} from '@aws-sdk/client-rds-data';
import { LOCAL_CREDENTIALS } from '../config.ts';
import { type RunningPostgres, startThrowawayPostgres } from '../postgres.ts';

export { LOCAL_CREDENTIALS };

import { type DataApi, type DataApiOptions, startDataApi } from './server.ts';

export const REGION = 'us-east-1';

export const TARGET = {
  resourceArn: 'arn:aws:rds:us-east-1:000000000000:cluster:talaty-test',
  secretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:talaty-test-AbCdEf',
  database: 'talaty',
} as const;

export interface Fixture {
  readonly api: DataApi;
  readonly postgres: RunningPostgres;
  readonly client: RDSDataClient;
  /** ExecuteStatement on the test database with the given extra input. */
  run(sql: string, input?: Partial<ExecuteStatementCommandInput>): Promise<ExecuteStatementCommandOutput>;
  /** ExecuteStatement with formatRecordsAs JSON, the rows parsed. */
  rows(sql: string, input?: Partial<ExecuteStatementCommandInput>): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export function clientFor(url: string, credentials = LOCAL_CREDENTIALS, region = REGION): RDSDataClient {
  return new RDSDataClient({ endpoint: url, region, credentials, maxAttempts: 1 });
}

export async function startFixture(options: Partial<Omit<DataApiOptions, 'postgres'>> = {}): Promise<Fixture> {
  const postgres = await startThrowawayPostgres(TARGET.database);
  let api: DataApi;
  try {
    api = await startDataApi({
      port: 0,
      credentials: { [LOCAL_CREDENTIALS.accessKeyId]: LOCAL_CREDENTIALS.secretAccessKey },
      region: REGION,
      ...options,
      postgres: postgres.connection,
    });
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  const client = clientFor(api.url);
  const run = (sql: string, input: Partial<ExecuteStatementCommandInput> = {}) =>
    client.send(new ExecuteStatementCommand({ ...TARGET, sql, ...input }));
  return {
    api,
    postgres,
    client,
    run,
    rows: async (sql, input = {}) => {
      const out = await run(sql, { ...input, formatRecordsAs: 'JSON' });
      return JSON.parse(out.formattedRecords ?? '[]') as Record<string, unknown>[];
    },
    close: async () => {
      client.destroy();
      await api.close();
      await postgres.stop();
    },
  };
}
