/** The features handler group: the feature catalog. */
import { FeatureCreate, FeatureQuery, FeatureUpdate } from '@talaty/schemas';
import { FeatureService } from '../domain/features.ts';
import { createApi, etagOf } from '../http/api.ts';
import { callerOf } from '../http/identity.ts';
import { bodyOf, expectedVersionOf, pathOf, queryOf } from '../http/request.ts';
import { FeatureStore } from '../store/features.ts';
import { database } from './database.ts';
import { config } from './runtime.ts';

const features = new FeatureService(new FeatureStore(database));
const idOf = (event: Parameters<typeof pathOf>[0]) => pathOf(event, ['feature_id']).feature_id as string;

export const handler = createApi({
  group: 'features',
  webOrigin: config.webOrigin,
  routes: {
    'GET /features': async (event) => ({ body: await features.list(queryOf(event, FeatureQuery)) }),
    'POST /features': async (event) => {
      const feature = await features.create(bodyOf(event, FeatureCreate), callerOf(event));
      return { status: 201, body: feature, headers: { ...etagOf(feature), Location: `/features/${feature.id}` } };
    },
    'GET /features/{feature_id}': async (event) => {
      const feature = await features.get(idOf(event));
      return { body: feature, headers: etagOf(feature) };
    },
    'PATCH /features/{feature_id}': async (event) => {
      const id = idOf(event);
      const changes = bodyOf(event, FeatureUpdate);
      const expected = expectedVersionOf(event, changes.row_version);
      const feature = await features.update(id, changes, expected, callerOf(event));
      return { body: feature, headers: etagOf(feature) };
    },
  },
});
