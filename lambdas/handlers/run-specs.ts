/** The run-specs handler group: create (immutable), read and list run specs. */
import { RunSpecCreate, RunSpecQuery } from '@talaty/schemas';
import { RunSpecService } from '../domain/run-specs.ts';
import { createApi } from '../http/api.ts';
import { callerOf } from '../http/identity.ts';
import { bodyOf, pathOf, queryOf } from '../http/request.ts';
import { DatasetVersionStore } from '../store/dataset-versions.ts';
import { FeatureSetVersionStore } from '../store/feature-set-versions.ts';
import { RunSpecStore } from '../store/run-specs.ts';
import { database } from './database.ts';
import { config } from './runtime.ts';

const runSpecs = new RunSpecService(
  new RunSpecStore(database),
  new DatasetVersionStore(database),
  new FeatureSetVersionStore(database),
);

export const handler = createApi({
  group: 'run-specs',
  webOrigin: config.webOrigin,
  routes: {
    'GET /run-specs': async (event) => ({ body: await runSpecs.list(queryOf(event, RunSpecQuery)) }),
    'POST /run-specs': async (event) => {
      const spec = await runSpecs.create(bodyOf(event, RunSpecCreate), callerOf(event));
      return { status: 201, body: spec, headers: { Location: `/run-specs/${spec.id}` } };
    },
    'GET /run-specs/{run_spec_id}': async (event) => ({
      body: await runSpecs.get(pathOf(event, ['run_spec_id']).run_spec_id as string),
    }),
  },
});
