/** The feature-sets handler group: feature sets and their DRAFT → PUBLISHED versions. */
import {
  type FeatureSetVersion,
  FeatureSetVersionCreate,
  FeatureSetVersionQuery,
  FeatureSetVersionUpdate,
  PublishRequest,
} from '@talaty/schemas';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { FeatureSetVersionService } from '../domain/feature-set-versions.ts';
import { NamedEntityService } from '../domain/named-entities.ts';
import { createApi, etagOf } from '../http/api.ts';
import { callerOf } from '../http/identity.ts';
import { namedEntityRoutes } from '../http/named-entity-routes.ts';
import { bodyOf, expectedVersionOf, pathOf, queryOf } from '../http/request.ts';
import { FeatureSetVersionStore } from '../store/feature-set-versions.ts';
import { NamedEntityStore } from '../store/named-entities.ts';
import { database } from './database.ts';
import { config } from './runtime.ts';

const featureSets = new NamedEntityService(new NamedEntityStore(database, 'feature_sets'), 'feature set');
const versions = new FeatureSetVersionService(new FeatureSetVersionStore(database));

const setOf = (event: APIGatewayProxyEvent) => pathOf(event, ['feature_set_id']).feature_set_id as string;
const versionOf = (event: APIGatewayProxyEvent) => {
  const path = pathOf(event, ['feature_set_id', 'version']);
  return { set: path.feature_set_id as string, version: path.version as number };
};
/** Drafts carry a row version (their ETag); published versions never change and have none. */
const versionHeaders = (v: FeatureSetVersion) => (v.status === 'DRAFT' ? etagOf(v) : {});
const base = '/feature-sets/{feature_set_id}/versions';

export const handler = createApi({
  group: 'feature-sets',
  webOrigin: config.webOrigin,
  routes: {
    ...namedEntityRoutes(featureSets, '/feature-sets', 'feature_set_id', { writable: true }),
    [`GET ${base}`]: async (event) => ({
      body: await versions.list(setOf(event), queryOf(event, FeatureSetVersionQuery)),
    }),
    [`POST ${base}`]: async (event) => {
      const set = setOf(event);
      const created = await versions.create(set, bodyOf(event, FeatureSetVersionCreate), callerOf(event));
      const Location = `/feature-sets/${set}/versions/${created.version}`;
      return { status: 201, body: created, headers: { ...versionHeaders(created), Location } };
    },
    [`GET ${base}/{version}`]: async (event) => {
      const { set, version } = versionOf(event);
      const found = await versions.get(set, version);
      return { body: found, headers: versionHeaders(found) };
    },
    [`PATCH ${base}/{version}`]: async (event) => {
      const { set, version } = versionOf(event);
      const changes = bodyOf(event, FeatureSetVersionUpdate);
      const expected = expectedVersionOf(event, changes.row_version);
      const updated = await versions.update(set, version, changes, expected, callerOf(event));
      return { body: updated, headers: versionHeaders(updated) };
    },
    [`POST ${base}/{version}/publish`]: async (event) => {
      const { set, version } = versionOf(event);
      const { row_version } = bodyOf(event, PublishRequest);
      const published = await versions.publish(set, version, expectedVersionOf(event, row_version), callerOf(event));
      return { body: published };
    },
    'GET /feature-set-versions/{feature_set_version_id}': async (event) => {
      const id = pathOf(event, ['feature_set_version_id']).feature_set_version_id as string;
      const found = await versions.getById(id);
      const location = `/feature-sets/${found.feature_set_id}/versions/${found.version}`;
      return { body: found, headers: { ...versionHeaders(found), 'Content-Location': location } };
    },
  },
});
