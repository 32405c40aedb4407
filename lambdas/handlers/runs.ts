/** The runs handler group: read and list runs (only `POST /runs/execute` creates one). */
import { RunQuery } from '@talaty/schemas';
import { RunReader } from '../domain/registry.ts';
import { createApi } from '../http/api.ts';
import { pathOf, queryOf } from '../http/request.ts';
import { RunStore } from '../store/runs.ts';
import { database } from './database.ts';
import { config } from './runtime.ts';

const runs = new RunReader(new RunStore(database));

export const handler = createApi({
  group: 'runs',
  webOrigin: config.webOrigin,
  routes: {
    'GET /runs': async (event) => ({ body: await runs.list(queryOf(event, RunQuery)) }),
    'GET /runs/{run_id}': async (event) => ({ body: await runs.get(pathOf(event, ['run_id']).run_id as string) }),
  },
});
