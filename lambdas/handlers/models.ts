/** The models handler group: the registry's models and their versions, read-only over HTTP. */
import { ModelVersionQuery } from '@talaty/schemas';
import { NamedEntityService } from '../domain/named-entities.ts';
import { ModelVersionReader } from '../domain/registry.ts';
import { createApi, etagOf } from '../http/api.ts';
import { namedEntityRoutes } from '../http/named-entity-routes.ts';
import { pathOf, queryOf } from '../http/request.ts';
import { ModelVersionStore } from '../store/model-versions.ts';
import { NamedEntityStore } from '../store/named-entities.ts';
import { database } from './database.ts';
import { config } from './runtime.ts';

const modelStore = new NamedEntityStore(database, 'models');
const models = new NamedEntityService(modelStore, 'model');
const versions = new ModelVersionReader(modelStore, new ModelVersionStore(database));

export const handler = createApi({
  group: 'models',
  webOrigin: config.webOrigin,
  routes: {
    ...namedEntityRoutes(models, '/models', 'model_id', { writable: false }),
    'GET /models/{model_id}/versions': async (event) => {
      const { model_id } = pathOf(event, ['model_id']);
      return { body: await versions.list(model_id as string, queryOf(event, ModelVersionQuery)) };
    },
    'GET /models/{model_id}/versions/{version}': async (event) => {
      const path = pathOf(event, ['model_id', 'version']);
      const found = await versions.get(path.model_id as string, path.version as number);
      return { body: found, headers: etagOf(found) };
    },
    'GET /model-versions/{model_version_id}': async (event) => {
      const found = await versions.getById(pathOf(event, ['model_version_id']).model_version_id as string);
      const location = `/models/${found.model_id}/versions/${found.version}`;
      return { body: found, headers: { ...etagOf(found), 'Content-Location': location } };
    },
  },
});
