/**
 * The datasets handler group: datasets, and their versions from upload (presigned, straight to S3)
 * through commit (asynchronous profiling) to profile and download.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { CommitRequest, DatasetVersionCreate, DatasetVersionQuery, UploadPartsRequest } from '@talaty/schemas';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { datasetConfig, profilerFunction } from '../config.ts';
import { DatasetVersionService } from '../domain/dataset-versions.ts';
import { NamedEntityService } from '../domain/named-entities.ts';
import { createApi } from '../http/api.ts';
import { callerOf } from '../http/identity.ts';
import { namedEntityRoutes } from '../http/named-entity-routes.ts';
import { bodyOf, pathOf, queryOf } from '../http/request.ts';
import { LambdaProfilingQueue } from '../jobs/profiling.ts';
import { ObjectStore, s3Client } from '../storage/s3.ts';
import { DatasetVersionStore } from '../store/dataset-versions.ts';
import { NamedEntityStore } from '../store/named-entities.ts';
import { database } from './database.ts';
import { config } from './runtime.ts';

const limits = datasetConfig();
const datasets = new NamedEntityService(new NamedEntityStore(database, 'datasets'), 'dataset');
const versions = new DatasetVersionService(
  new DatasetVersionStore(database),
  new ObjectStore(s3Client(), limits.bucket),
  new LambdaProfilingQueue(new LambdaClient({}), profilerFunction()),
  limits,
);

const datasetOf = (event: APIGatewayProxyEvent) => pathOf(event, ['dataset_id']).dataset_id as string;
const versionOf = (event: APIGatewayProxyEvent) => {
  const path = pathOf(event, ['dataset_id', 'version']);
  return { dataset: path.dataset_id as string, version: path.version as number };
};
const base = '/datasets/{dataset_id}/versions';

export const handler = createApi({
  group: 'datasets',
  webOrigin: config.webOrigin,
  routes: {
    ...namedEntityRoutes(datasets, '/datasets', 'dataset_id', { writable: true }),
    [`GET ${base}`]: async (event) => ({
      body: await versions.list(datasetOf(event), queryOf(event, DatasetVersionQuery)),
    }),
    [`POST ${base}`]: async (event) => {
      const dataset = datasetOf(event);
      const created = await versions.create(dataset, bodyOf(event, DatasetVersionCreate), callerOf(event));
      return { status: 201, body: created, headers: { Location: `/datasets/${dataset}/versions/${created.version}` } };
    },
    [`GET ${base}/{version}`]: async (event) => {
      const { dataset, version } = versionOf(event);
      return { body: await versions.get(dataset, version) };
    },
    [`POST ${base}/{version}/upload-parts`]: async (event) => {
      const { dataset, version } = versionOf(event);
      return { body: await versions.uploadParts(dataset, version, bodyOf(event, UploadPartsRequest)) };
    },
    [`POST ${base}/{version}/commit`]: async (event) => {
      const { dataset, version } = versionOf(event);
      return { body: await versions.commit(dataset, version, bodyOf(event, CommitRequest)) };
    },
    [`POST ${base}/{version}/cancel`]: async (event) => {
      const { dataset, version } = versionOf(event);
      return { body: await versions.cancel(dataset, version, callerOf(event)) };
    },
    [`GET ${base}/{version}/profile`]: async (event) => {
      const { dataset, version } = versionOf(event);
      return { body: await versions.profile(dataset, version) };
    },
    [`GET ${base}/{version}/download`]: async (event) => {
      const { dataset, version } = versionOf(event);
      const { name } = await datasets.get(dataset);
      return { body: await versions.download(dataset, version, name) };
    },
    'GET /dataset-versions/{dataset_version_id}': async (event) => {
      const found = await versions.getById(pathOf(event, ['dataset_version_id']).dataset_version_id as string);
      return {
        body: found,
        headers: { 'Content-Location': `/datasets/${found.dataset_id}/versions/${found.version}` },
      };
    },
  },
});
