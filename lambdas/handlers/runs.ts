/** The runs handler group: execute a run spec, cancel, read and list runs, their steps and artifacts. */
import { RunExecuteRequest, RunQuery } from '@talaty/schemas';
import { artifactBucket, stateMachineArn } from '../config.ts';
import { RunService } from '../domain/runs.ts';
import { createApi } from '../http/api.ts';
import { callerOf } from '../http/identity.ts';
import { bodyOf, headerOf, pathOf, queryOf } from '../http/request.ts';
import { Executions } from '../orchestration/executions.ts';
import { ObjectStore, s3Client } from '../storage/s3.ts';
import { DatasetVersionStore } from '../store/dataset-versions.ts';
import { RunSpecStore } from '../store/run-specs.ts';
import { RunStore } from '../store/runs.ts';
import { database } from './database.ts';
import { config } from './runtime.ts';

const runs = new RunService(
  new RunStore(database),
  new RunSpecStore(database),
  new DatasetVersionStore(database),
  Executions.fromEnvironment(stateMachineArn()),
  new ObjectStore(s3Client(), artifactBucket()),
);
const runId = (event: Parameters<typeof pathOf>[0]) => pathOf(event, ['run_id']).run_id as string;

export const handler = createApi({
  group: 'runs',
  webOrigin: config.webOrigin,
  routes: {
    'GET /runs': async (event) => ({ body: await runs.list(queryOf(event, RunQuery)) }),
    'GET /runs/{run_id}': async (event) => ({ body: await runs.get(runId(event)) }),
    'POST /runs/execute': async (event) => {
      const { run_spec_id } = bodyOf(event, RunExecuteRequest);
      const run = await runs.execute(run_spec_id, callerOf(event), headerOf(event, 'Idempotency-Key'));
      return { status: 201, body: run, headers: { Location: `/runs/${run.id}` } };
    },
    'POST /runs/{run_id}/cancel': async (event) => ({ body: await runs.cancel(runId(event), callerOf(event)) }),
    'GET /runs/{run_id}/events': async (event) => ({ body: await runs.events(runId(event)) }),
    'GET /runs/{run_id}/artifacts/{name}': async (event) => {
      const { run_id, name } = pathOf(event, ['run_id', 'name']);
      return { body: await runs.artifact(run_id as string, name as string) };
    },
  },
});
