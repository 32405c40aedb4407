/**
 * The HTTP API: every operation with its route, the Lambda function (handler group) that serves
 * it, and the schemas of its path, query, body and answer. The CDK app builds API Gateway from
 * this table, each handler dispatches on it, OpenAPI is generated from it, and the local gateway
 * reads the routes back from the synthesized template: there is no second route table.
 */
import { z } from 'zod';
import { Uuid, VersionNumber } from './common.ts';
import {
  Dataset,
  DatasetDownload,
  DatasetProfile,
  DatasetVersion,
  DatasetVersionCreated,
  UploadPartUrls,
} from './dataset.ts';
import { Feature } from './feature.ts';
import { FeatureSet, FeatureSetVersion } from './feature-set.ts';
import { Model, ModelVersion } from './model.ts';
import {
  CommitRequest,
  DatasetVersionCreate,
  DatasetVersionQuery,
  FeatureCreate,
  FeatureQuery,
  FeatureSetVersionCreate,
  FeatureSetVersionQuery,
  FeatureSetVersionUpdate,
  FeatureUpdate,
  ModelVersionQuery,
  NamedEntityCreate,
  NamedEntityQuery,
  NamedEntityUpdate,
  PublishRequest,
  pageOf,
  RunExecuteRequest,
  RunQuery,
  RunSpecCreate,
  RunSpecQuery,
  UploadPartsRequest,
} from './requests.ts';
import { Run, RunArtifactLinks, RunEventList } from './run.ts';
import { RunSpec } from './run-spec.ts';

/** One Lambda function per resource group; its entry point is `lambdas/handlers/<group>.ts`. */
export const handlerGroups = ['meta', 'datasets', 'features', 'feature-sets', 'run-specs', 'runs', 'models'] as const;
export type HandlerGroup = (typeof handlerGroups)[number];

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiRoute {
  readonly method: HttpMethod;
  /** API Gateway resource path, with `{param}` placeholders. */
  readonly path: string;
  readonly group: HandlerGroup;
  /** OpenAPI operationId. */
  readonly operation: string;
  readonly summary: string;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The success status and the schema of its body. */
  readonly status: 200 | 201;
  readonly response: z.ZodType;
  /** Whether the operation takes If-Match (updates of versioned records). */
  readonly ifMatch?: boolean;
}

export const Health = z
  .strictObject({ status: z.literal('ok'), stage: z.string(), version: z.string() })
  .meta({ id: 'Health', description: 'The API answers.' });

export const VersionInfo = z
  .strictObject({ version: z.string(), stage: z.string(), schema_version: z.string() })
  .meta({ id: 'VersionInfo', description: 'What code is deployed, and which schema version it speaks.' });

const JsonDocument = z.record(z.string(), z.unknown()).describe('A JSON document.');

export const pathParameters: Readonly<Record<string, z.ZodType>> = {
  dataset_id: Uuid,
  feature_id: Uuid,
  feature_set_id: Uuid,
  run_spec_id: Uuid,
  run_id: Uuid,
  model_id: Uuid,
  dataset_version_id: Uuid,
  feature_set_version_id: Uuid,
  model_version_id: Uuid,
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, { message: 'must be a version number: 1, 2, …' })
    .transform(Number)
    .pipe(VersionNumber),
  name: z.string().min(1).max(100),
};

type Route = Omit<ApiRoute, 'status'> & { status?: 200 | 201 };
const op = (route: Route): ApiRoute => ({ status: 200, ...route });

/** create/read/update/list of a named entity (or read/list when it is created elsewhere). */
function namedEntity(
  group: HandlerGroup,
  collection: string,
  param: string,
  entity: z.ZodType,
  noun: string,
  writable: boolean,
): ApiRoute[] {
  const Noun = noun.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
  const routes = [
    op({
      method: 'GET',
      path: collection,
      group,
      operation: `list${Noun}s`,
      summary: `List ${noun}s, newest first.`,
      query: NamedEntityQuery,
      response: pageOf(entity, `${Noun}Page`),
    }),
    op({
      method: 'GET',
      path: `${collection}/{${param}}`,
      group,
      operation: `get${Noun}`,
      summary: `Read one ${noun}.`,
      response: entity,
    }),
  ];
  if (!writable) return routes;
  return [
    ...routes,
    op({
      method: 'POST',
      path: collection,
      group,
      operation: `create${Noun}`,
      summary: `Create a ${noun}.`,
      body: NamedEntityCreate,
      status: 201,
      response: entity,
    }),
    op({
      method: 'PATCH',
      path: `${collection}/{${param}}`,
      group,
      operation: `update${Noun}`,
      summary: `Change a ${noun}'s name, description or tags.`,
      body: NamedEntityUpdate,
      response: entity,
      ifMatch: true,
    }),
  ];
}

const versions = '/feature-sets/{feature_set_id}/versions';
const datasetVersions = '/datasets/{dataset_id}/versions';

export const apiRoutes: readonly ApiRoute[] = [
  op({
    method: 'GET',
    path: '/health',
    group: 'meta',
    operation: 'health',
    summary: 'Is the API up?',
    response: Health,
  }),
  op({
    method: 'GET',
    path: '/version',
    group: 'meta',
    operation: 'version',
    summary: 'What is deployed.',
    response: VersionInfo,
  }),
  op({
    method: 'GET',
    path: '/schemas/v0',
    group: 'meta',
    operation: 'listSchemas',
    summary: 'The index of the v0 JSON Schemas.',
    response: JsonDocument,
  }),
  op({
    method: 'GET',
    path: '/schemas/v0/{name}',
    group: 'meta',
    operation: 'getSchema',
    summary: 'One v0 JSON Schema by name.',
    response: JsonDocument,
  }),
  op({
    method: 'GET',
    path: '/openapi.json',
    group: 'meta',
    operation: 'openApi',
    summary: 'This API as OpenAPI 3.1.',
    response: JsonDocument,
  }),

  ...namedEntity('datasets', '/datasets', 'dataset_id', Dataset, 'dataset', true),
  op({
    method: 'GET',
    path: datasetVersions,
    group: 'datasets',
    operation: 'listDatasetVersions',
    summary: 'List the versions of a dataset, newest first.',
    query: DatasetVersionQuery,
    response: pageOf(DatasetVersion, 'DatasetVersionPage'),
  }),
  op({
    method: 'POST',
    path: datasetVersions,
    group: 'datasets',
    operation: 'createDatasetVersion',
    summary: 'Start a new version: answers where to upload its bytes (straight to S3).',
    body: DatasetVersionCreate,
    status: 201,
    response: DatasetVersionCreated,
  }),
  op({
    method: 'GET',
    path: `${datasetVersions}/{version}`,
    group: 'datasets',
    operation: 'getDatasetVersion',
    summary: 'Read one version: its status, and once READY its digest, rows and columns.',
    response: DatasetVersion,
  }),
  op({
    method: 'POST',
    path: `${datasetVersions}/{version}/upload-parts`,
    group: 'datasets',
    operation: 'presignUploadParts',
    summary: 'Presigned URLs for up to 100 parts of a multipart upload.',
    body: UploadPartsRequest,
    response: UploadPartUrls,
  }),
  op({
    method: 'POST',
    path: `${datasetVersions}/{version}/commit`,
    group: 'datasets',
    operation: 'commitDatasetVersion',
    summary: 'End the upload and start profiling.',
    body: CommitRequest,
    response: DatasetVersion,
  }),
  op({
    method: 'POST',
    path: `${datasetVersions}/{version}/cancel`,
    group: 'datasets',
    operation: 'cancelDatasetVersion',
    summary:
      'Give up a PENDING_UPLOAD version: it is FAILED with UPLOAD_CANCELLED, and what was uploaded of it is removed.',
    response: DatasetVersion,
  }),
  op({
    method: 'GET',
    path: `${datasetVersions}/{version}/profile`,
    group: 'datasets',
    operation: 'getDatasetProfile',
    summary: 'The full profile of a READY version.',
    response: DatasetProfile,
  }),
  op({
    method: 'GET',
    path: `${datasetVersions}/{version}/download`,
    group: 'datasets',
    operation: 'downloadDatasetVersion',
    summary: 'A short-lived presigned URL to the bytes of a READY version.',
    response: DatasetDownload,
  }),
  op({
    method: 'GET',
    path: '/dataset-versions/{dataset_version_id}',
    group: 'datasets',
    operation: 'getDatasetVersionById',
    summary: 'Read one version by its uuid (what run specs and model versions pin); Content-Location names its URL.',
    response: DatasetVersion,
  }),

  op({
    method: 'GET',
    path: '/features',
    group: 'features',
    operation: 'listFeatures',
    summary: 'List catalog features, newest first.',
    query: FeatureQuery,
    response: pageOf(Feature, 'FeaturePage'),
  }),
  op({
    method: 'POST',
    path: '/features',
    group: 'features',
    operation: 'createFeature',
    summary: 'Add a feature to the catalog.',
    body: FeatureCreate,
    status: 201,
    response: Feature,
  }),
  op({
    method: 'GET',
    path: '/features/{feature_id}',
    group: 'features',
    operation: 'getFeature',
    summary: 'Read one feature.',
    response: Feature,
  }),
  op({
    method: 'PATCH',
    path: '/features/{feature_id}',
    group: 'features',
    operation: 'updateFeature',
    summary: 'Change a catalog feature.',
    body: FeatureUpdate,
    response: Feature,
    ifMatch: true,
  }),

  ...namedEntity('feature-sets', '/feature-sets', 'feature_set_id', FeatureSet, 'feature-set', true),
  op({
    method: 'GET',
    path: versions,
    group: 'feature-sets',
    operation: 'listFeatureSetVersions',
    summary: 'List the versions of a feature set, newest first.',
    query: FeatureSetVersionQuery,
    response: pageOf(FeatureSetVersion, 'FeatureSetVersionPage'),
  }),
  op({
    method: 'POST',
    path: versions,
    group: 'feature-sets',
    operation: 'createFeatureSetVersion',
    summary: 'Start a DRAFT version.',
    body: FeatureSetVersionCreate,
    status: 201,
    response: FeatureSetVersion,
  }),
  op({
    method: 'GET',
    path: `${versions}/{version}`,
    group: 'feature-sets',
    operation: 'getFeatureSetVersion',
    summary: 'Read one version.',
    response: FeatureSetVersion,
  }),
  op({
    method: 'PATCH',
    path: `${versions}/{version}`,
    group: 'feature-sets',
    operation: 'updateFeatureSetVersion',
    summary: 'Change a DRAFT version.',
    body: FeatureSetVersionUpdate,
    response: FeatureSetVersion,
    ifMatch: true,
  }),
  op({
    method: 'POST',
    path: `${versions}/{version}/publish`,
    group: 'feature-sets',
    operation: 'publishFeatureSetVersion',
    summary: 'Freeze a DRAFT version for good.',
    body: PublishRequest,
    response: FeatureSetVersion,
    ifMatch: true,
  }),
  op({
    method: 'GET',
    path: '/feature-set-versions/{feature_set_version_id}',
    group: 'feature-sets',
    operation: 'getFeatureSetVersionById',
    summary: 'Read one version by its uuid (what run specs and model versions pin); Content-Location names its URL.',
    response: FeatureSetVersion,
  }),

  op({
    method: 'GET',
    path: '/run-specs',
    group: 'run-specs',
    operation: 'listRunSpecs',
    summary: 'List run specs, newest first.',
    query: RunSpecQuery,
    response: pageOf(RunSpec, 'RunSpecPage'),
  }),
  op({
    method: 'POST',
    path: '/run-specs',
    group: 'run-specs',
    operation: 'createRunSpec',
    summary: 'Create an immutable run spec.',
    body: RunSpecCreate,
    status: 201,
    response: RunSpec,
  }),
  op({
    method: 'GET',
    path: '/run-specs/{run_spec_id}',
    group: 'run-specs',
    operation: 'getRunSpec',
    summary: 'Read one run spec.',
    response: RunSpec,
  }),

  op({
    method: 'GET',
    path: '/runs',
    group: 'runs',
    operation: 'listRuns',
    summary: 'List runs, newest first.',
    query: RunQuery,
    response: pageOf(Run, 'RunPage'),
  }),
  op({
    method: 'GET',
    path: '/runs/{run_id}',
    group: 'runs',
    operation: 'getRun',
    summary: 'Read one run.',
    response: Run,
  }),
  op({
    method: 'POST',
    path: '/runs/execute',
    group: 'runs',
    operation: 'executeRun',
    summary:
      'Create a run of a run spec (QUEUED) and start its RunPipeline execution, named after the run id. ' +
      'With an Idempotency-Key header, the same key (per user, 24 h) returns the same run.',
    body: RunExecuteRequest,
    status: 201,
    response: Run,
  }),
  op({
    method: 'POST',
    path: '/runs/{run_id}/cancel',
    group: 'runs',
    operation: 'cancelRun',
    summary:
      'Stop a QUEUED or RUNNING run: its execution is stopped (and its training task with it); the run is CANCELLED.',
    response: Run,
  }),
  op({
    method: 'GET',
    path: '/runs/{run_id}/events',
    group: 'runs',
    operation: 'listRunEvents',
    summary: 'The run’s steps, oldest first, from its Step Functions execution history.',
    response: RunEventList,
  }),
  op({
    method: 'GET',
    path: '/runs/{run_id}/artifacts/{name}',
    group: 'runs',
    operation: 'getRunArtifact',
    summary:
      'Short-lived presigned URLs for an artifact: manifest.json, model.json, metrics.json, result.json, ' +
      'report.html, predictions.csv.gz, explanations.csv.gz or logs.',
    response: RunArtifactLinks,
  }),

  ...namedEntity('models', '/models', 'model_id', Model, 'model', false),
  op({
    method: 'GET',
    path: '/models/{model_id}/versions',
    group: 'models',
    operation: 'listModelVersions',
    summary: 'List the versions of a model, newest first.',
    query: ModelVersionQuery,
    response: pageOf(ModelVersion, 'ModelVersionPage'),
  }),
  op({
    method: 'GET',
    path: '/models/{model_id}/versions/{version}',
    group: 'models',
    operation: 'getModelVersion',
    summary: 'Read one model version.',
    response: ModelVersion,
  }),
  op({
    method: 'GET',
    path: '/model-versions/{model_version_id}',
    group: 'models',
    operation: 'getModelVersionById',
    summary: "Read one model version by its uuid (a run's model_version_id); Content-Location names its URL.",
    response: ModelVersion,
  }),
];

/** The key a handler dispatches on: API Gateway's `httpMethod` and `resource`. */
export const routeKey = (method: string, path: string): string => `${method} ${path}`;
