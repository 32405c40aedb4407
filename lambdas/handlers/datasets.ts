/** The datasets handler group: create, read, update and list datasets. */
import { NamedEntityService } from '../domain/named-entities.ts';
import { createApi } from '../http/api.ts';
import { namedEntityRoutes } from '../http/named-entity-routes.ts';
import { NamedEntityStore } from '../store/named-entities.ts';
import { database } from './database.ts';
import { config } from './runtime.ts';

const datasets = new NamedEntityService(new NamedEntityStore(database, 'datasets'), 'dataset');

export const handler = createApi({
  group: 'datasets',
  webOrigin: config.webOrigin,
  routes: namedEntityRoutes(datasets, '/datasets', 'dataset_id', { writable: true }),
});
